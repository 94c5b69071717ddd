"""The reporting digest: beneficiaries hear of what is due, managers of what waits for
review, each item once per ISO week (the commitment digest's reminder log)."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from cooperation.forum.models.commitments import ReminderLog
from core.models import OutgoingMail
from funding.reporting.reminders import reporting_send_reminders
from funding.reporting.services import deliverable_submit
from funding.reporting.tasks import send_reporting_reminders
from tests.funding.reporting.conftest import pdf
from tests.test_mail_links import relative_links

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2025, 8, 18)  # D1.1 overdue; period 1's report due on 2025-08-29


def test_beneficiaries_and_managers_are_reminded_once_a_week(
    project, programme_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert reporting_send_reminders(today=MONDAY) == 1
    (due,) = mail.outbox
    assert set(due.to) == {
        project.coordinator_member.email,
        project.beneficiary_member.email,
    }
    assert project.outsider.email not in due.to
    assert "D1.1" in due.body and "Periodic report, period 1" in due.body
    assert due.subject.startswith(f"{project.acronym}: 1 overdue, 1 due within 14 days")
    with django_capture_on_commit_callbacks(execute=True):
        assert reporting_send_reminders(today=MONDAY + dt.timedelta(days=2)) == 0
    assert len(mail.outbox) == 1

    submission = deliverable_submit(
        deliverable=project.deliverable,
        user=project.beneficiary_member,
        upload=pdf(),
        now=dt.datetime(2025, 8, 20, 9, tzinfo=dt.UTC),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reporting_send_reminders(today=MONDAY + dt.timedelta(days=3)) == 1
    review = mail.outbox[-1]
    assert review.to == [programme_manager.email]
    assert "D1.1, version 1" in review.body
    assert ReminderLog.objects.filter(item_type="deliv_review", item_id=submission.pk).exists()

    # The next week, what is still due or waiting is mentioned again.
    with django_capture_on_commit_callbacks(execute=True):
        assert reporting_send_reminders(today=MONDAY + dt.timedelta(days=7)) == 2


def test_task_and_command_send_the_digest(project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reporting_reminders", "--date", MONDAY.isoformat(), stdout=io.StringIO())
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        send_reporting_reminders.enqueue()  # today: the demo project's items of this week
    assert len(mail.outbox) == 2  # another week: the same items, mentioned again


def test_reminder_links_are_absolute(settings, project, programme_manager):
    """The digests run on the worker, without a request: every link names the site."""
    settings.SITE_URL = "https://csa.example.eu"
    deliverable_submit(
        deliverable=project.deliverable,
        user=project.beneficiary_member,
        upload=pdf(),
        now=dt.datetime(2025, 8, 20, 9, tzinfo=dt.UTC),
    )
    assert reporting_send_reminders(today=MONDAY + dt.timedelta(days=7)) == 2
    bodies = list(OutgoingMail.objects.values_list("body", flat=True))
    assert any("https://csa.example.eu/applicant/projects/" in body for body in bodies)
    assert any("https://csa.example.eu/staff/portfolio/reviews/reports/" in body for body in bodies)
    for body in bodies:
        assert not relative_links(body), body
