"""What waits for a person of the evaluation: the expert's declarations, reports and
consensus reports; the programme manager's proposals to check and to staff, consensus
reports ready to close, open review requests, project reports and deliverables to approve,
amendment requests to decide.

Each group is one query, cut at `LIMIT` rows (one more is read to say "and more"), so the
dashboards cost the same with ten or ten thousand items. Each item links to the page where
the job is done.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from funding.evaluation.listing import pk_link
from funding.evaluation.models import (
    Assignment,
    ConsensusApproval,
    ConsensusReport,
    ConsensusStatus,
    RedressRequest,
    ReportStatus,
)
from funding.models import Amendment, AmendmentStatus, Deliverable, Proposal, ReportingPeriod
from funding.proposals.statuses import ProposalStatus

LIMIT = 10


@dataclass(frozen=True)
class Item:
    text: str
    url: str
    due: dt.datetime | dt.date | None = None


@dataclass(frozen=True)
class Group:
    label: str
    items: list[Item]
    more: bool


def _group(label, rows, item) -> Group:
    rows = list(rows[: LIMIT + 1])
    return Group(label=label, items=[item(row) for row in rows[:LIMIT]], more=len(rows) > LIMIT)


def _proposal(proposal) -> str:
    return f"{proposal.number} {proposal.acronym}".strip()


def _numbered(row) -> str:
    return f"{row['proposal__number']} {row['proposal__acronym']}".strip()


_ROW = ("pk", "proposal__number", "proposal__acronym")
_DEADLINE = "proposal__topic__evaluation__report_deadline"


def expert_waiting(*, user, to_sign: int | None = None, to_write: int | None = None) -> list[Group]:
    """The expert's declarations to sign, reports to finish (with their deadline) and
    consensus reports to draft or approve; only groups with something in them. The
    caller that knows the expert's numbers of declarations to sign and reports to write
    (`progress.expert_counts`) passes them: a group known to be empty is not read. Each
    group reads the few values its items show."""
    mine = Assignment.objects.filter(expert=user).order_by("assigned_at", "pk")
    groups = []
    if to_sign != 0:
        declare_url = pk_link("expert:declare")
        groups.append(
            _group(
                _("Conflict of interest declarations to sign"),
                mine.active().filter(declaration__isnull=True).values(*_ROW, _DEADLINE),
                lambda a: Item(a["proposal__number"], declare_url(a["pk"]), a[_DEADLINE]),
            )
        )
    if to_write != 0:
        report_url = pk_link("expert:report")
        groups.append(
            _group(
                _("Individual reports to finish"),
                mine.cleared()
                .exclude(report__status=ReportStatus.SUBMITTED)
                .values(*_ROW, _DEADLINE),
                lambda a: Item(_numbered(a), report_url(a["pk"]), a[_DEADLINE]),
            )
        )
    # The consensus report's status read per assignment of the expert (a scalar subquery,
    # one look-up by proposal each): joined, the planner started from the programme's
    # consensus reports and read every one of them to find the drafts.
    report_status = ConsensusReport.objects.filter(proposal=OuterRef("proposal")).values("status")
    approved = ConsensusApproval.objects.filter(report__proposal=OuterRef("proposal"), expert=user)
    consensus_url = pk_link("expert:consensus")
    groups.append(
        _group(
            _("Consensus reports to draft or approve"),
            mine.cleared()
            .alias(consensus_status=Subquery(report_status[:1]))
            .filter(consensus_status=ConsensusStatus.DRAFT)
            .exclude(Exists(approved))
            .values(*_ROW),
            lambda a: Item(_numbered(a), consensus_url(a["pk"])),
        )
    )
    return [group for group in groups if group.items]


def manager_waiting(*, now: dt.datetime | None = None) -> list[Group]:
    """What the programme managers have to do next; only groups with something in them."""
    now = now or timezone.now()
    to_check = (
        Proposal.objects.filter(status=ProposalStatus.SUBMITTED, topic__deadline_at__lte=now)
        .select_related("topic")
        .order_by("topic__deadline_at", "number")
    )
    counted = (
        Assignment.objects.active()
        .filter(proposal=OuterRef("pk"))
        .order_by()
        .annotate(n=Func("pk", function="COUNT"))
        .values("n")
    )
    to_staff = (
        Proposal.objects.filter(status=ProposalStatus.ADMITTED)
        .annotate(experts=Coalesce(Subquery(counted, output_field=IntegerField()), 0))
        .filter(experts__lt=F("topic__experts_per_proposal"))
        .select_related("topic")
        .order_by("topic__deadline_at", "number")
    )
    unapproved = (
        Assignment.objects.cleared()
        .filter(proposal=OuterRef("proposal"))
        .exclude(expert=OuterRef("rapporteur"))
        .exclude(
            Exists(
                ConsensusApproval.objects.filter(
                    report=OuterRef(OuterRef("pk")), expert=OuterRef("expert")
                )
            )
        )
    )
    to_close = (
        ConsensusReport.objects.filter(status=ConsensusStatus.DRAFT)
        .exclude(Exists(unapproved))
        .select_related("proposal")
        .order_by("saved_at", "pk")
    )
    redress = (
        RedressRequest.objects.filter(decided_at__isnull=True)
        .select_related("proposal")
        .order_by("requested_at", "pk")
    )
    reports = (
        ReportingPeriod.objects.filter(
            report_submitted_date__isnull=False, report_approved_date__isnull=True
        )
        .select_related("project")
        .order_by("report_submitted_date", "pk")
    )
    deliverables = (
        Deliverable.objects.filter(submitted_date__isnull=False, approved_date__isnull=True)
        .select_related("project")
        .order_by("submitted_date", "pk")
    )

    amendments = (
        Amendment.objects.filter(status=AmendmentStatus.REQUESTED)
        .select_related("project")
        .order_by("requested_at", "pk")
    )

    def project(grant_number):
        return reverse("portfolio:detail", args=[grant_number])

    groups = [
        _group(
            _("Submitted proposals to check for admissibility and eligibility"),
            to_check,
            lambda p: Item(_proposal(p), reverse("evaluation:proposal", args=[p.pk])),
        ),
        _group(
            _("Admitted proposals that need experts"),
            to_staff,
            lambda p: Item(
                f"{_proposal(p)} ({p.experts}/{p.topic.experts_per_proposal})",
                reverse("evaluation:proposal", args=[p.pk]),
            ),
        ),
        _group(
            _("Consensus reports approved by the experts, to close"),
            to_close,
            lambda r: Item(
                _proposal(r.proposal), reverse("evaluation:proposal", args=[r.proposal_id])
            ),
        ),
        _group(
            _("Evaluation review requests to decide"),
            redress,
            lambda r: Item(
                _proposal(r.proposal),
                reverse("evaluation:proposal", args=[r.proposal_id]),
                r.requested_at,
            ),
        ),
        _group(
            _("Project reports to approve"),
            reports,
            lambda p: Item(
                f"{p.project.grant_number} — {p}",
                project(p.project.grant_number),
                p.report_submitted_date,
            ),
        ),
        _group(
            _("Deliverables to approve"),
            deliverables,
            lambda d: Item(
                f"{d.project.grant_number} — {d.code} {d.title}",
                project(d.project.grant_number),
                d.submitted_date,
            ),
        ),
        _group(
            _("Amendment requests to decide"),
            amendments,
            lambda a: Item(
                f"{a.project.grant_number} — {a.get_kind_display()}",
                reverse("portfolio:amendment", args=[a.project.grant_number, a.pk]),
                a.requested_at,
            ),
        ),
    ]
    return [group for group in groups if group.items]
