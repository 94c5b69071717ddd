"""Submitting deliverables and periodic reports, reviewing them, and every refusal: nothing
is stored when a submission is refused, and what was submitted stays as it was."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.files import sha256_of
from funding.portfolio.models.projects import ProjectStatus
from funding.reporting.models import (
    DeliverableSubmission,
    PeriodicReport,
    ReviewDecision,
    ReviewStatus,
)
from funding.reporting.services import (
    ReportingRefused,
    deliverable_review,
    deliverable_submit,
    report_review,
    report_submit,
)
from funding.reporting.workflow import ReviewAction
from tests.funding.reporting.conftest import costs, pdf

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2025, 7, 10, 9, 0, tzinfo=dt.UTC)


def submit_report(project, participant=None, user=None, **kwargs):
    participant = participant or project.beneficiary
    user = user or project.beneficiary_member
    kwargs.setdefault("costs", costs())
    kwargs.setdefault("upload", pdf())
    kwargs.setdefault("period", project.period)
    return report_submit(participant=participant, user=user, now=NOW, **kwargs)


def test_a_member_submits_a_deliverable_and_the_manager_accepts_it(project, programme_manager):
    submission = deliverable_submit(
        deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf(), now=NOW
    )
    assert submission.version == 1 and submission.status == ReviewStatus.SUBMITTED
    assert submission.sha256 == sha256_of(pdf()) and submission.original_name == "report.pdf"
    project.deliverable.refresh_from_db()
    assert project.deliverable.submitted_date == dt.date(2025, 7, 10)
    decision = deliverable_review(
        submission=submission, user=programme_manager, action=ReviewAction.ACCEPT
    )
    assert (decision.changed_by, decision.from_status, decision.to_status) == (
        programme_manager,
        ReviewStatus.SUBMITTED,
        ReviewStatus.ACCEPTED,
    )
    project.deliverable.refresh_from_db()
    assert project.deliverable.approved_date == timezone.localdate()


def test_changes_requested_need_a_reason_and_a_resubmission_is_a_new_version(
    project, programme_manager
):
    first = deliverable_submit(
        deliverable=project.deliverable, user=project.coordinator_member, upload=pdf(), now=NOW
    )
    with pytest.raises(ReportingRefused, match="Say what should change"):
        deliverable_review(
            submission=first, user=programme_manager, action=ReviewAction.REQUEST_CHANGES
        )
    deliverable_review(
        submission=first,
        user=programme_manager,
        action=ReviewAction.REQUEST_CHANGES,
        reason="Add the ethics annex.",
    )
    project.deliverable.refresh_from_db()
    assert project.deliverable.submitted_date is None  # back with the consortium
    second = deliverable_submit(
        deliverable=project.deliverable,
        user=project.coordinator_member,
        upload=pdf("report-v2.pdf", b"%PDF-1.4\nsecond\n%%EOF\n"),
        now=NOW,
    )
    assert second.version == 2
    first.refresh_from_db()
    assert first.status == ReviewStatus.CHANGES_REQUESTED
    assert first.original_name == "report.pdf" and first.file.read() == pdf().read()
    assert first.decisions.get().reason == "Add the ethics annex."


def test_a_submitted_version_cannot_be_changed_or_deleted(project):
    submission = deliverable_submit(
        deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf(), now=NOW
    )
    submission.note = "changed"
    with pytest.raises(ValidationError):
        submission.save()
    with pytest.raises(ValidationError):
        submission.delete()
    assert DeliverableSubmission.objects.get().note == ""


def test_a_deliverable_from_a_non_member_is_refused_and_nothing_stored(project):
    with pytest.raises(ReportingRefused, match="Only members of the project's organisations"):
        deliverable_submit(
            deliverable=project.deliverable, user=project.outsider, upload=pdf(), now=NOW
        )
    assert not DeliverableSubmission.objects.exists()
    project.deliverable.refresh_from_db()
    assert project.deliverable.submitted_date is None


def test_a_version_waiting_for_review_or_accepted_takes_no_new_one(project, programme_manager):
    submission = deliverable_submit(
        deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf(), now=NOW
    )
    with pytest.raises(ReportingRefused, match="waiting for the programme manager"):
        deliverable_submit(
            deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf()
        )
    deliverable_review(submission=submission, user=programme_manager, action=ReviewAction.ACCEPT)
    with pytest.raises(ReportingRefused, match="was accepted"):
        deliverable_submit(
            deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf()
        )
    assert DeliverableSubmission.objects.count() == 1


def test_a_file_that_is_not_a_document_is_refused(project):
    with pytest.raises(ReportingRefused, match="not an accepted type"):
        deliverable_submit(
            deliverable=project.deliverable,
            user=project.beneficiary_member,
            upload=pdf("report.pdf", b"just text, named .pdf"),
        )
    assert not DeliverableSubmission.objects.exists()


def test_nothing_is_submitted_on_a_project_that_is_not_running(project):
    project.status = ProjectStatus.CLOSED
    project.save()
    with pytest.raises(ReportingRefused, match="Closed"):
        deliverable_submit(
            deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf()
        )
    with pytest.raises(ReportingRefused, match="Closed"):
        submit_report(project)
    assert not DeliverableSubmission.objects.exists() and not PeriodicReport.objects.exists()


def test_only_a_beneficiary_s_own_members_submit_its_report(project):
    with pytest.raises(ReportingRefused, match="Only members of"):
        submit_report(project, user=project.coordinator_member)
    with pytest.raises(ReportingRefused, match="Only members of"):
        submit_report(project, user=project.outsider)
    assert not PeriodicReport.objects.exists()


def test_a_statement_over_the_budget_line_is_refused_and_nothing_stored(project):
    # EUR 300,000.00 accepted-or-pending in period 1, then EUR 100,000.01 in period 2: one
    # cent over the beneficiary's EUR 400,000.00.
    submit_report(project, costs=costs("250000.00", indirect="50000.00"))
    with pytest.raises(ReportingRefused) as refused:
        submit_report(project, period=project.period2, costs=costs("100000.01"))
    message = str(refused.value)
    assert "€400,000" in message and "by €0.01." in message and "Nothing was stored" in message
    assert PeriodicReport.objects.count() == 1
    project.period2.refresh_from_db()
    assert project.period2.report_submitted_date is None
    assert submit_report(project, period=project.period2, costs=costs("100000.00")).version == 1


def test_costs_are_euro_to_the_cent_and_not_negative(project):
    for bad in ("-1.00", "10.001", "NaN", "ten"):
        with pytest.raises(ReportingRefused, match="amount in euro"):
            submit_report(project, costs={"personnel": bad})
    assert not PeriodicReport.objects.exists()


def test_the_period_is_submitted_and_accepted_with_every_beneficiary_s_report(
    project, programme_manager
):
    mine = submit_report(project)
    project.period.refresh_from_db()
    assert project.period.report_submitted_date is None  # the coordinator has not reported
    theirs = submit_report(
        project, participant=project.coordinator, user=project.coordinator_member
    )
    project.period.refresh_from_db()
    assert project.period.report_submitted_date == dt.date(2025, 7, 10)
    report_review(report=mine, user=programme_manager, action=ReviewAction.ACCEPT)
    project.period.refresh_from_db()
    assert project.period.report_approved_date is None
    report_review(
        report=theirs,
        user=programme_manager,
        action=ReviewAction.REQUEST_CHANGES,
        reason="Personnel costs lack the time sheets.",
    )
    project.period.refresh_from_db()
    assert project.period.report_submitted_date is None  # back with the coordinator
    again = submit_report(project, participant=project.coordinator, user=project.coordinator_member)
    assert again.version == 2
    report_review(report=again, user=programme_manager, action=ReviewAction.ACCEPT)
    project.period.refresh_from_db()
    assert project.period.report_approved_date == timezone.localdate()
    assert ReviewDecision.objects.filter(periodic_report__period=project.period).count() == 3


def test_a_report_for_a_closed_period_is_refused(project, programme_manager):
    for participant, user in (
        (project.beneficiary, project.beneficiary_member),
        (project.coordinator, project.coordinator_member),
    ):
        report = submit_report(project, participant=participant, user=user)
        report_review(report=report, user=programme_manager, action=ReviewAction.ACCEPT)
    with pytest.raises(ReportingRefused, match="Reporting period 1 is closed"):
        submit_report(project)
    assert PeriodicReport.objects.count() == 2


def test_only_managers_review_and_only_the_latest_version_once(project, programme_manager):
    report = submit_report(project)
    with pytest.raises(ReportingRefused, match="Only programme managers"):
        report_review(report=report, user=project.beneficiary_member, action=ReviewAction.ACCEPT)
    report_review(report=report, user=programme_manager, action=ReviewAction.ACCEPT)
    with pytest.raises(ReportingRefused, match="reviewed already"):
        report_review(report=report, user=programme_manager, action=ReviewAction.ACCEPT)
    assert ReviewDecision.objects.count() == 1


def test_a_report_keeps_its_figures_and_the_total_adds_them_up(project):
    report = submit_report(
        project,
        costs=costs(
            "1000.10", subcontracting="2.20", purchase="3.30", other="4.40", indirect="5.50"
        ),
    )
    report.refresh_from_db()
    assert report.total == Decimal("1015.50")
    assert report.personnel == Decimal("1000.10")
