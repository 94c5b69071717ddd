"""Exports of the evaluation: the ranking of a topic (CSV and Excel) and the statistics of
calls (Excel). Functions of the data; the views only deliver the file."""

import csv
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from openpyxl import Workbook

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


def ranking_table(criteria, ranked) -> tuple[list[str], list[list]]:
    header = [
        _("Rank"),
        _("Proposal"),
        _("Acronym"),
        *[c.name for c in criteria],
        _("Total"),
        _("Weighted total"),
        _("Above thresholds"),
        _("Requested EU contribution (EUR)"),
        _("List"),
        _("Separated from the next by"),
    ]
    rows = []
    for row in ranked:
        c = row.candidate
        rows.append(
            [
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
        )
    return header, rows


def write_ranking_csv(stream, criteria, ranked) -> None:
    header, rows = ranking_table(criteria, ranked)
    writer = csv.writer(stream)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


def write_ranking_xlsx(stream, topic, criteria, ranked) -> None:
    header, rows = ranking_table(criteria, ranked)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Ranking")[:31])
    sheet.append([topic.identifier, topic.title])
    sheet.append(header)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    workbook.save(stream)


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


def write_statistics_xlsx(stream, calls=None) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Calls")[:31])
    sheet.append(
        [
            _("Call"),
            _("Title"),
            _("Submitted"),
            _("Admitted"),
            _("Above threshold"),
            _("Funded"),
            _("Requested EU contribution (EUR)"),
            _("Awarded EU contribution (EUR)"),
        ]
    )
    for call in call_statistics(calls).iterator():
        sheet.append(
            [
                call.identifier,
                call.title,
                call.n_submitted,
                call.n_admitted,
                call.n_above,
                call.n_funded,
                float(call.requested),
                float(call.awarded),
            ]
        )
    workbook.save(stream)
