"""Exports of the evaluation: the ranking of a topic (CSV and Excel) and the statistics of
calls (Excel). Functions of the data; the views only deliver the file."""

from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core.sheets import Column, Kind, add_sheet, new_workbook, save_workbook, write_csv
from funding.calls.models.calls import Call
from funding.evaluation.models import EvaluatedVersion
from funding.portfolio.models.projects import FundedProject
from funding.proposals.models import ProposalSubmission
from funding.proposals.statuses import ProposalStatus

ABOVE_THRESHOLD = (
    ProposalStatus.MAIN_LIST,
    ProposalStatus.RESERVE_LIST,
    ProposalStatus.SELECTED,
    ProposalStatus.NOT_FUNDED,
)
NOT_ADMITTED = (
    ProposalStatus.DRAFT,
    ProposalStatus.SUBMITTED,
    ProposalStatus.WITHDRAWN,
    ProposalStatus.INADMISSIBLE,
    ProposalStatus.INELIGIBLE,
)


def ranking_columns(criteria) -> list[Column]:
    return [
        Column(_("Rank"), 8, Kind.INTEGER),
        Column(_("Proposal"), 16),
        Column(_("Acronym"), 20),
        *[Column(c.name, 12, Kind.NUMBER) for c in criteria],
        Column(_("Total"), 10, Kind.NUMBER),
        Column(_("Weighted total"), 12, Kind.NUMBER),
        Column(_("Above thresholds"), 12),
        Column(_("Requested EU contribution (EUR)"), 20, Kind.MONEY),
        Column(_("List"), 14),
        Column(_("Separated from the next by"), 36),
    ]


def ranking_rows(criteria, ranked):
    for row in ranked:
        c = row.candidate
        yield [
            row.position,
            c.number,
            c.label,
            *[c.scores.get(criterion.id) for criterion in criteria],
            c.outcome.total,
            c.outcome.weighted_total,
            _("yes") if c.outcome.passed else _("no"),
            c.requested,
            str(row.list_kind.label) if hasattr(row.list_kind, "label") else row.list_kind,
            row.separated_by,
        ]


def write_ranking_csv(stream, criteria, ranked) -> None:
    write_csv(stream, ranking_columns(criteria), ranking_rows(criteria, ranked))


def write_ranking_xlsx(stream, topic, criteria, ranked) -> None:
    """The topic on the first line, the ranking table under it."""
    workbook = new_workbook()
    add_sheet(
        workbook,
        _("Ranking"),
        ranking_columns(criteria),
        ranking_rows(criteria, ranked),
        above=[[topic.identifier, topic.title]],
    )
    save_workbook(workbook, stream)


def call_statistics(calls=None):
    """Per call: proposals submitted, admitted, above threshold, funded; requested (by the
    evaluated submissions) and awarded (EU contribution of the funded projects). One query."""
    calls = calls if calls is not None else Call.objects.all()
    money = DecimalField(max_digits=16, decimal_places=2)
    submitted = Q(topics__proposals__in=ProposalSubmission.objects.values("proposal"))
    requested = (
        EvaluatedVersion.objects.filter(proposal__topic__call=OuterRef("pk"))
        .order_by()
        .values("proposal__topic__call")
        .annotate(total=Sum("requested"))
        .values("total")
    )
    awarded = (
        FundedProject.objects.filter(proposal__topic__call=OuterRef("pk"))
        .order_by()
        .values("proposal__topic__call")
        .annotate(total=Sum("eu_contribution"))
        .values("total")
    )
    return calls.annotate(
        n_submitted=Count("topics__proposals", filter=submitted, distinct=True),
        n_admitted=Count(
            "topics__proposals",
            filter=submitted & ~Q(topics__proposals__status__in=NOT_ADMITTED),
            distinct=True,
        ),
        n_above=Count(
            "topics__proposals",
            filter=Q(topics__proposals__status__in=ABOVE_THRESHOLD),
            distinct=True,
        ),
        n_funded=Count(
            "topics__proposals",
            filter=Q(topics__proposals__status=ProposalStatus.SELECTED),
            distinct=True,
        ),
        requested=Coalesce(
            Subquery(requested, output_field=money), Value(Decimal("0")), output_field=money
        ),
        awarded=Coalesce(
            Subquery(awarded, output_field=money), Value(Decimal("0")), output_field=money
        ),
    ).order_by("identifier")


STATISTICS_COLUMNS = [
    Column(_l("Call"), 26),
    Column(_l("Title"), 50),
    Column(_l("Submitted"), 11, Kind.INTEGER),
    Column(_l("Admitted"), 11, Kind.INTEGER),
    Column(_l("Above threshold"), 11, Kind.INTEGER),
    Column(_l("Funded"), 11, Kind.INTEGER),
    Column(_l("Requested EU contribution (EUR)"), 20, Kind.MONEY),
    Column(_l("Awarded EU contribution (EUR)"), 20, Kind.MONEY),
]


def write_statistics_xlsx(stream, calls=None) -> None:
    rows = (
        [
            call.identifier,
            call.title,
            call.n_submitted,
            call.n_admitted,
            call.n_above,
            call.n_funded,
            call.requested,
            call.awarded,
        ]
        for call in call_statistics(calls).iterator()
    )
    workbook = new_workbook()
    add_sheet(workbook, _("Calls"), STATISTICS_COLUMNS, rows)
    save_workbook(workbook, stream)
