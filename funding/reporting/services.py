"""Writes of the beneficiaries' reporting: submitting a deliverable or a periodic report
(each a new version, never overwritten), and the managers' review of either.

Every refusal raises ReportingRefused with the reason in plain words, before anything is
stored. Files pass the one upload validator (core.files) and are kept in private storage
with their SHA-256. The review runs on the one workflow engine (funding.reporting.workflow)
and writes a ReviewDecision row; the deliverable's and the reporting period's dates, which
the portfolio's health reads, follow from the versions in the same transaction.
"""

import datetime as dt
import uuid
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core import files
from core.brussels import brussels
from core.display import show_date, show_euros
from core.filenames import sanitise_filename
from core.money import money
from core.workflow import TransitionRefused
from funding.portfolio.models.delivery import Deliverable, ReportingPeriod
from funding.portfolio.models.projects import Participant, ProjectStatus
from funding.portfolio.services import project_health_lock, project_health_refresh
from funding.reporting.models import (
    COST_FIELDS,
    REPORTING_ROLES,
    STATEMENT_TOTAL,
    DeliverableSubmission,
    PeriodicReport,
    ReviewDecision,
    ReviewStatus,
)
from funding.reporting.permissions import can_submit_deliverable, can_submit_report
from funding.reporting.workflow import DELIVERABLE_REVIEW, REPORT_REVIEW, ReviewAction

# A project takes reports while it runs (suspended included: the reporting goes on).
REPORTING_STATUSES = (ProjectStatus.ONGOING, ProjectStatus.SUSPENDED)
STORED = (ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED)


class ReportingRefused(Exception):
    """A submission or review that cannot be accepted; the message says why."""


def _require(verdict) -> None:
    if not verdict:
        raise ReportingRefused(verdict.reason)


def _open(project) -> None:
    if project.status not in REPORTING_STATUSES:
        raise ReportingRefused(
            _("The project is “%(status)s”: nothing can be submitted on it.")
            % {"status": project.get_status_display()}
        )


def _check_file(upload) -> files.FileType:
    if upload is None:
        raise ReportingRefused(_("Choose the file to submit."))
    try:
        return files.validate_upload(
            upload, allowed=files.DOCUMENT_TYPES, max_bytes=files.DOCUMENT_MAX_BYTES
        )
    except files.UploadRefused as error:
        raise ReportingRefused(str(error)) from error


def _store(version, upload, file_type, folder: str):
    """Write the bytes and then the row; if the row fails, the bytes go again."""
    name = sanitise_filename(upload.name)
    version.original_name = name
    version.content_type = file_type.content_type
    version.size = upload.size
    version.sha256 = files.sha256_of(upload)
    version.file.save(f"{folder}/{uuid.uuid4().hex}/{name}", upload, save=False)
    try:
        version.save()
    except BaseException:
        version.file.storage.delete(version.file.name)
        raise
    return version


def _next_version(queryset) -> int:
    return (queryset.order_by("-version").values_list("version", flat=True).first() or 0) + 1


def _refuse_pending(latest, what: str) -> None:
    if latest is None:
        return
    if latest.status == ReviewStatus.SUBMITTED:
        raise ReportingRefused(
            _(
                "Version %(version)s of %(what)s is waiting for the programme manager's "
                "review; you can submit again once it is reviewed."
            )
            % {"version": latest.version, "what": what}
        )
    if latest.status == ReviewStatus.ACCEPTED:
        raise ReportingRefused(
            _("%(what)s was accepted (version %(version)s): nothing more is needed.")
            % {"what": what[:1].upper() + what[1:], "version": latest.version}
        )


def deliverable_submit(
    *, deliverable: Deliverable, user, upload, note: str = "", now: dt.datetime | None = None
) -> DeliverableSubmission:
    """Submit a new version of a deliverable's file, from a member of the consortium."""
    _require(can_submit_deliverable(user, deliverable))
    _open(deliverable.project)
    file_type = _check_file(upload)
    what = _("deliverable %(code)s") % {"code": deliverable.code}
    try:
        with transaction.atomic():
            project_health_lock(project_id=deliverable.project_id)
            locked = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
            now = now or timezone.now()
            versions = DeliverableSubmission.objects.filter(deliverable=locked)
            _refuse_pending(versions.order_by("-version").first(), what)
            submission = DeliverableSubmission(
                deliverable=locked,
                version=_next_version(versions),
                note=note.strip(),
                submitted_by=user,
                submitted_at=now,
            )
            _store(submission, upload, file_type, f"reporting/{locked.project_id}/deliverables")
            locked.submitted_date, locked.approved_date = brussels(now).date(), None
            locked.save(update_fields=["submitted_date", "approved_date"])
            project_health_refresh(project_id=locked.project_id)
    except IntegrityError as error:
        raise ReportingRefused(_("Someone submitted a version meanwhile; reload.")) from error
    deliverable.submitted_date, deliverable.approved_date = locked.submitted_date, None
    return submission


def _clean_costs(costs: Mapping[str, object]) -> dict[str, Decimal]:
    cleaned = {}
    for name in COST_FIELDS:
        try:
            value = Decimal(str(costs.get(name) or "0"))
        except InvalidOperation as error:
            raise ReportingRefused(_("Each cost is an amount in euro, e.g. 1250.00.")) from error
        if not value.is_finite() or value < 0 or money(value) != value:
            raise ReportingRefused(
                _("Each cost is an amount in euro to the cent, not negative, e.g. 1250.00.")
            )
        cleaned[name] = money(value)
    return cleaned


def reported_elsewhere(*, participant: Participant, period: ReportingPeriod) -> Decimal:
    """What the beneficiary's reports of its other periods declare (their latest version,
    submitted or accepted)."""
    latest = {}
    rows = (
        PeriodicReport.objects.filter(participant=participant)
        .exclude(period=period)
        .order_by("period_id", "version")
        .values_list("period_id", "status", "pk")
    )
    for period_id, status, pk in rows:
        latest[period_id] = (status, pk)
    counted = [pk for status, pk in latest.values() if status in STORED]
    total = PeriodicReport.objects.filter(pk__in=counted).aggregate(total=Sum(STATEMENT_TOTAL))
    return money(total["total"] or 0)


def _check_budget(participant: Participant, period: ReportingPeriod, total: Decimal) -> None:
    before = reported_elsewhere(participant=participant, period=period)
    if before + total > participant.total_cost:
        raise ReportingRefused(
            _(
                "These costs (%(total)s) and those already reported (%(before)s) "
                "come to %(sum)s, above %(organisation)s's budget of %(budget)s by "
                "%(over)s. Nothing was stored: check the amounts, or ask for a budget "
                "transfer first."
            )
            % {
                "total": show_euros(total),
                "before": show_euros(before),
                "sum": show_euros(before + total),
                "organisation": participant.organisation,
                "budget": show_euros(participant.total_cost),
                "over": show_euros(before + total - participant.total_cost),
            }
        )


def _refuse_closed_period(period: ReportingPeriod) -> None:
    if period.report_approved_date:
        raise ReportingRefused(
            _(
                "Reporting period %(number)s is closed: its report was accepted on %(date)s. "
                "Nothing more can be submitted for it."
            )
            % {"number": period.number, "date": show_date(period.report_approved_date)}
        )


def report_submit(
    *,
    period: ReportingPeriod,
    participant: Participant,
    user,
    upload,
    costs: Mapping[str, object],
    note: str = "",
    now: dt.datetime | None = None,
) -> PeriodicReport:
    """Submit a new version of a beneficiary's report for a period: its technical part (a
    file) and its financial statement (costs by category, checked against its budget)."""
    _require(can_submit_report(user, participant))
    if participant.project_id != period.project_id:
        raise ReportingRefused(_("This beneficiary is not in this reporting period's project."))
    if participant.role not in REPORTING_ROLES:
        raise ReportingRefused(
            _("%(organisation)s has no budget in the project and reports no costs.")
            % {"organisation": participant.organisation}
        )
    _open(period.project)
    _refuse_closed_period(period)
    cleaned = _clean_costs(costs)
    _check_budget(participant, period, sum(cleaned.values(), Decimal("0.00")))
    file_type = _check_file(upload)
    what = _("the report of %(organisation)s for period %(number)s") % {
        "organisation": participant.organisation,
        "number": period.number,
    }
    try:
        with transaction.atomic():
            project_health_lock(project_id=period.project_id)
            locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
            now = now or timezone.now()
            _refuse_closed_period(locked)
            versions = PeriodicReport.objects.filter(period=locked, participant=participant)
            _refuse_pending(versions.order_by("-version").first(), what)
            _check_budget(participant, locked, sum(cleaned.values(), Decimal("0.00")))
            report = PeriodicReport(
                period=locked,
                participant=participant,
                version=_next_version(versions),
                note=note.strip(),
                submitted_by=user,
                submitted_at=now,
                **cleaned,
            )
            _store(report, upload, file_type, f"reporting/{locked.project_id}/reports")
            _sync_period(locked, brussels(now).date())
    except IntegrityError as error:
        raise ReportingRefused(_("Someone submitted a version meanwhile; reload.")) from error
    return report


def _sync_period(period: ReportingPeriod, today: dt.date) -> None:
    """The period's report is submitted once every beneficiary's latest version is
    submitted or accepted, and accepted once all are accepted."""
    beneficiaries = list(
        Participant.objects.filter(project=period.project_id, role__in=REPORTING_ROLES)
        .order_by()
        .values_list("pk", flat=True)
    )
    latest = dict(
        PeriodicReport.objects.filter(period=period)
        .order_by("participant_id", "version")
        .values_list("participant_id", "status")
    )
    statuses = [latest.get(pk) for pk in beneficiaries]
    submitted = bool(beneficiaries) and all(status in STORED for status in statuses)
    accepted = bool(beneficiaries) and all(status == ReviewStatus.ACCEPTED for status in statuses)
    period.report_submitted_date = (period.report_submitted_date or today) if submitted else None
    period.report_approved_date = (period.report_approved_date or today) if accepted else None
    period.save(update_fields=["report_submitted_date", "report_approved_date"])
    project_health_refresh(project_id=period.project_id)


def _decide(workflow, version, *, user, action: str, reason: str, now) -> ReviewDecision:
    if action not in (ReviewAction.ACCEPT, ReviewAction.REQUEST_CHANGES):
        raise ReportingRefused(_("Accept the version or request changes."))
    try:
        applied = workflow.apply(
            obj=version,
            action=action,
            user=user,
            reason=reason,
            now=now,
            seen_status=version.status,
        )
    except TransitionRefused as refusal:
        raise ReportingRefused(str(refusal)) from refusal
    version.status = applied.obj.status
    return applied.change


def deliverable_review(
    *,
    submission: DeliverableSubmission,
    user,
    action: str,
    reason: str = "",
    now: dt.datetime | None = None,
) -> ReviewDecision:
    """Accept a deliverable's version, or request changes with a reason."""
    with transaction.atomic():
        project_health_lock(project_id=submission.deliverable.project_id)
        decision = _decide(
            DELIVERABLE_REVIEW, submission, user=user, action=action, reason=reason, now=now
        )
        deliverable = Deliverable.objects.select_for_update().get(pk=submission.deliverable_id)
        today = brussels(decision.changed_at).date()
        if decision.to_status == ReviewStatus.ACCEPTED:
            deliverable.approved_date = today
        else:  # back with the beneficiary: not submitted until a new version is
            deliverable.submitted_date = None
        deliverable.save(update_fields=["submitted_date", "approved_date"])
        project_health_refresh(project_id=deliverable.project_id)
    return decision


def report_review(
    *,
    report: PeriodicReport,
    user,
    action: str,
    reason: str = "",
    now: dt.datetime | None = None,
) -> ReviewDecision:
    """Accept a beneficiary's periodic report, or request changes with a reason."""
    with transaction.atomic():
        project_health_lock(project_id=report.period.project_id)
        decision = _decide(REPORT_REVIEW, report, user=user, action=action, reason=reason, now=now)
        period = ReportingPeriod.objects.select_for_update().get(pk=report.period_id)
        _sync_period(period, brussels(decision.changed_at).date())
    return decision
