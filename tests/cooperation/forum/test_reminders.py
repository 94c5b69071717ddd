"""Reminders that reach someone: owners nobody can be told about are listed for the
secretariat, each reminder is recorded per owner, and the contact persons' own choices are
honoured."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cooperation.accounts.notifications.kinds import Delivery, NoticeKind
from cooperation.accounts.notifications.models import HeldNotice
from cooperation.accounts.notifications.services import preference_set
from cooperation.forum.reminders import commitment_send_reminders
from cooperation.models import OwnerReminder
from tests.cooperation.factories import UserFactory
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    ContactPersonFactory,
    MilestoneFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def test_owners_without_a_contact_person_are_listed_not_skipped_silently(client, secretariat):
    today = timezone.localdate()
    silent = StakeholderFactory(organisation__legal_name="Nobody To Tell Ltd")
    CommitmentFactory(owner=silent, due_date=today - dt.timedelta(days=2))
    reached = ContactPersonFactory(stakeholder__organisation__legal_name="Reached Org").stakeholder
    CommitmentFactory(owner=reached, due_date=today - dt.timedelta(days=2))
    later = StakeholderFactory(organisation__legal_name="Nothing Due Yet")
    CommitmentFactory(owner=later, due_date=today + dt.timedelta(days=90))
    client.force_login(secretariat)
    page = client.get(reverse("forum:reminders")).content.decode()
    nobody = page.split("Nobody to remind")[1].split("Owners of commitments")[0]
    assert "Nobody To Tell Ltd" in nobody
    assert "Reached Org" not in nobody and "Nothing Due Yet" not in nobody
    owners = page.split("Owners of commitments")[1]
    assert owners.count("never") == 3  # nobody reminded yet
    only_without = client.get(reverse("forum:reminders"), {"has_contact": "false"})
    listed = only_without.content.decode().split("Owners of commitments")[1]
    assert "Nobody To Tell Ltd" in listed and "Reached Org" not in listed


def test_each_reminder_is_recorded_and_shown_as_last_reminded(
    client, secretariat, django_capture_on_commit_callbacks
):
    contact = ContactPersonFactory(stakeholder__organisation__legal_name="Reminded Org")
    CommitmentFactory(owner=contact.stakeholder, due_date=TODAY - dt.timedelta(days=1))
    ContactPersonFactory(stakeholder=contact.stakeholder)
    with django_capture_on_commit_callbacks(execute=True):
        assert commitment_send_reminders(today=TODAY) == 1
        assert commitment_send_reminders(today=TODAY) == 0
    reminder = OwnerReminder.objects.get()
    assert (reminder.stakeholder, reminder.period, reminder.items, reminder.recipients) == (
        contact.stakeholder,
        "2026-W48",
        1,
        2,
    )
    assert "https://" in mail.outbox[0].body or "http://" in mail.outbox[0].body
    client.force_login(secretariat)
    page = client.get(reverse("forum:reminders")).content.decode()
    row = page.split("Reminded Org")[-1].split("</tr>")[0]
    assert timezone.localtime(reminder.sent_at).strftime("%-d %b %Y") in row
    assert "2 people" in row


def test_a_contact_persons_choice_is_honoured(django_capture_on_commit_callbacks):
    weekly = UserFactory()
    never = UserFactory()
    stakeholder = ContactPersonFactory(email=weekly.email).stakeholder
    ContactPersonFactory(stakeholder=stakeholder, email=never.email)
    plain = ContactPersonFactory(stakeholder=stakeholder)
    preference_set(user=weekly, kind=NoticeKind.COMMITMENT_REMINDER, delivery=Delivery.DIGEST)
    preference_set(user=never, kind=NoticeKind.COMMITMENT_REMINDER, delivery=Delivery.NONE)
    MilestoneFactory(commitment__owner=stakeholder, due_date=TODAY + dt.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert commitment_send_reminders(today=TODAY) == 1
    (message,) = mail.outbox
    assert message.to == [plain.email]
    assert HeldNotice.objects.get().user == weekly
    assert OwnerReminder.objects.get().recipients == 2  # not the one who chose nothing


def test_the_reminders_page_queries_do_not_grow(client, secretariat):
    client.force_login(secretariat)
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            commitment = CommitmentFactory(due_date=today - dt.timedelta(days=i))
            MilestoneFactory(commitment=commitment, due_date=today + dt.timedelta(days=i))
            if i % 2:
                ContactPersonFactory(stakeholder=commitment.owner)
                OwnerReminder.objects.create(stakeholder=commitment.owner, period="2026-W48")

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("forum:reminders")).status_code == 200
        return len(context.captured_queries)

    add(3)
    few = count()
    add(20)
    assert count() == few
