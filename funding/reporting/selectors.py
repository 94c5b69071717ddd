"""Reads of the beneficiaries' area and of the review screens, each in a fixed number of
queries whatever the number of rows."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from cooperation.models import Membership
from funding.portfolio.models.delivery import Deliverable, ReportingPeriod
from funding.portfolio.models.projects import FundedProject, Participant
from funding.reporting.models import (
    REPORTING_ROLES,
    DeliverableSubmission,
    PeriodicReport,
    ReviewDecision,
    ReviewStatus,
)


def projects_of(user):
    """The projects whose consortium holds an organisation the user is a member of."""
    if not user.is_authenticated:
        return FundedProject.objects.none()
    organisations = Membership.objects.filter(user=user).values("organisation")
    in_consortium = Participant.objects.filter(organisation__in=organisations).values("project")
    return FundedProject.objects.filter(pk__in=in_consortium)


def for_beneficiary_list(queryset):
    """What a row of the beneficiaries' list shows: open deliverables and periods, and what
    came back with changes requested."""
    changes = ReviewStatus.CHANGES_REQUESTED
    return queryset.select_related("programme").annotate(
        open_deliverables=Count(
            "deliverables", filter=Q(deliverables__approved_date__isnull=True), distinct=True
        ),
        open_periods=Count(
            "reporting_periods",
            filter=Q(reporting_periods__report_approved_date__isnull=True),
            distinct=True,
        ),
        sent_back=Exists(
            DeliverableSubmission.objects.filter(
                deliverable__project=OuterRef("pk"), status=changes
            )
        )
        | Exists(PeriodicReport.objects.filter(period__project=OuterRef("pk"), status=changes)),
    )


_DECISIONS = Prefetch("decisions", queryset=ReviewDecision.objects.select_related("changed_by"))


def _versions(model):
    return model.objects.select_related("submitted_by").prefetch_related(_DECISIONS)


def project_for_workspace(queryset):
    """One project with everything its page shows, prefetched."""
    return queryset.select_related("programme").prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("organisation")),
        Prefetch(
            "deliverables",
            queryset=Deliverable.objects.prefetch_related(
                Prefetch("submissions", queryset=_versions(DeliverableSubmission))
            ),
        ),
        Prefetch(
            "reporting_periods",
            queryset=ReportingPeriod.objects.prefetch_related(
                Prefetch(
                    "reports",
                    queryset=_versions(PeriodicReport).select_related("participant__organisation"),
                )
            ),
        ),
        "milestones",
        "payments",
    )


def _last(versions):
    """The latest of prefetched versions, with its last decision as `last_decision`."""
    latest = versions[-1] if versions else None
    if latest is not None:
        decisions = list(latest.decisions.all())
        latest.last_decision = decisions[-1] if decisions else None
    return latest


def deliverable_views(project) -> list[Deliverable]:
    """The project's deliverables (prefetched), each with its `latest` version."""
    deliverables = list(project.deliverables.all())
    for deliverable in deliverables:
        deliverable.latest = _last(list(deliverable.submissions.all()))
    return deliverables


@dataclass
class BeneficiaryLine:
    """One beneficiary's report for one period: its versions, latest last."""

    participant: Participant
    versions: list = field(default_factory=list)
    mine: bool = False

    @property
    def latest(self):
        return _last(self.versions)

    @property
    def can_submit(self) -> bool:
        latest = self.latest
        return self.mine and (latest is None or latest.status == ReviewStatus.CHANGES_REQUESTED)


@dataclass
class PeriodView:
    period: ReportingPeriod
    lines: list[BeneficiaryLine]
    status: str

    @property
    def closed(self) -> bool:
        return self.period.report_approved_date is not None


def period_views(project, *, organisation_ids, today: dt.date) -> list[PeriodView]:
    """Each reporting period with every beneficiary's line (from the prefetched rows)."""
    beneficiaries = [p for p in project.participants.all() if p.role in REPORTING_ROLES]
    views = []
    for period in project.reporting_periods.all():
        lines = {
            p.pk: BeneficiaryLine(p, mine=p.organisation_id in organisation_ids)
            for p in beneficiaries
        }
        for report in period.reports.all():
            if report.participant_id in lines:
                lines[report.participant_id].versions.append(report)
        views.append(PeriodView(period, list(lines.values()), period.report_status_on(today)))
    return views


def review_queue(model):
    """Versions for the managers' review list, oldest waiting first."""
    queryset = model.objects.select_related("submitted_by")
    if model is DeliverableSubmission:
        queryset = queryset.select_related("deliverable__project")
    else:
        queryset = queryset.select_related("period__project", "participant__organisation")
    return queryset.order_by("submitted_at", "pk")
