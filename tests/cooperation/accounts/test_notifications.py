"""Notification preferences: per kind, at once, in the weekly digest or not at all; the
digest once per person per week; one-click unsubscribe from a digest; the daily schedule."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cooperation.accounts.notifications.kinds import Delivery, NoticeKind
from cooperation.accounts.notifications.models import HeldNotice, NotificationPreference
from cooperation.accounts.notifications.schedule import (
    next_run_at,
    notices_run,
    notices_schedule,
    run_scheduled_notices,
)
from cooperation.accounts.notifications.services import (
    digest_send_all,
    notice_send,
    preference_set,
    unsubscribe_token,
)
from cooperation.accounts.roles import Role
from core.models import OutgoingMail
from funding.evaluation.services import assignments as ev
from tests.cooperation.factories import UserFactory
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluation_topic,
    expert,
    manager,
    submitted,
    user_with,
)

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 11, 23)
BRUSSELS = ZoneInfo("Europe/Brussels")
TEMPLATE = "evaluation/email/conflict.txt"


def _send(to, kind=NoticeKind.CONFLICT):
    return notice_send(
        to=to,
        kind=kind,
        subject="Conflict declared",
        template="cooperation/email/commitment_reminders.txt",
        context={"overdue": [], "due_soon": [], "horizon_days": 14, "link": "https://x.eu/"},
    )


def test_each_person_gets_the_notice_as_they_chose(django_capture_on_commit_callbacks):
    at_once, weekly, never = UserFactory(), UserFactory(), UserFactory()
    preference_set(user=weekly, kind=NoticeKind.CONFLICT, delivery=Delivery.DIGEST)
    preference_set(user=never, kind=NoticeKind.CONFLICT, delivery=Delivery.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = _send([at_once.email, weekly.email, never.email, "no-account@example.eu"])
    assert outcome == {
        "immediate": [at_once.email, "no-account@example.eu"],
        "digest": [weekly.email],
        "none": [never.email],
    }
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([at_once.email, "no-account@example.eu"])
    held = HeldNotice.objects.get()
    assert (held.user, held.kind, held.digest) == (weekly, NoticeKind.CONFLICT, None)
    # Another kind keeps its default: at once.
    _send([never.email], kind=NoticeKind.COMMITMENT_REMINDER)
    assert OutgoingMail.objects.filter(to=[never.email]).exists()


def test_the_assignment_notice_honours_the_experts_choice(django_capture_on_commit_callbacks):
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    quiet, weekly = expert(), expert()
    preference_set(user=quiet, kind=NoticeKind.ASSIGNMENT, delivery=Delivery.NONE)
    preference_set(user=weekly, kind=NoticeKind.ASSIGNMENT, delivery=Delivery.DIGEST)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ev.assignment_create(proposal=proposal, expert=quiet, user=boss)
        ev.assignment_create(proposal=proposal, expert=weekly, user=boss)
    assert mail.outbox == []
    assert list(HeldNotice.objects.values_list("user", "kind")) == [
        (weekly.pk, NoticeKind.ASSIGNMENT)
    ]


def test_two_digest_runs_in_the_same_week_send_once(django_capture_on_commit_callbacks):
    person = UserFactory(preferred_language="fr")
    preference_set(user=person, kind=NoticeKind.CONFLICT, delivery=Delivery.DIGEST)
    _send([person.email])
    _send([person.email])
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send_all(today=MONDAY) == 1
        assert digest_send_all(today=MONDAY + dt.timedelta(days=3)) == 0
    (digest,) = mail.outbox
    assert digest.to == [person.email]
    assert digest.body.count("Conflict declared") == 2
    assert "/accounts/unsubscribe/" in digest.body
    assert "Voici" in digest.body  # in the person's language
    # A notice held after this week's digest waits for next week's.
    _send([person.email])
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send_all(today=MONDAY + dt.timedelta(days=6)) == 0
        assert digest_send_all(today=MONDAY + dt.timedelta(days=7)) == 1
    assert len(mail.outbox) == 2
    assert not HeldNotice.objects.filter(digest__isnull=True).exists()


def _unsubscribe_url(digest_body):
    return re.search(r"https?://\S+(/accounts/unsubscribe/\S+/)", digest_body).group(1)


def test_one_click_unsubscribe_without_signing_in(django_capture_on_commit_callbacks):
    person = UserFactory()
    preference_set(user=person, kind=NoticeKind.CONFLICT, delivery=Delivery.DIGEST)
    _send([person.email])
    with django_capture_on_commit_callbacks(execute=True):
        digest_send_all(today=MONDAY)
    url = _unsubscribe_url(mail.outbox[0].body)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)
    assert page.status_code == 200
    assert "Conflicts of interest declared by experts" in page.content.decode()
    # Opening the link (a mail client's preview) changes nothing.
    assert NotificationPreference.objects.get(user=person).delivery == Delivery.DIGEST
    # The POST without the form's CSRF token is refused; with it, the choice is recorded.
    assert browser.post(url).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    done = browser.post(url, {"csrfmiddlewaretoken": token.group(1)})
    assert done.status_code == 200
    assert NotificationPreference.objects.get(user=person).delivery == Delivery.NONE
    _send([person.email])
    assert not HeldNotice.objects.filter(digest__isnull=True).exists()


def test_a_forged_unsubscribe_link_is_refused(client):
    person = UserFactory()
    token = unsubscribe_token(user=person, kind=NoticeKind.CONFLICT)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(reverse("accounts:unsubscribe", args=[forged])).status_code == 400
    assert client.post(reverse("accounts:unsubscribe", args=[forged])).status_code == 400
    assert not NotificationPreference.objects.exists()


def test_the_preferences_page_offers_the_kinds_of_the_persons_roles(client):
    person = expert()
    client.force_login(person)
    url = reverse("accounts:notifications")
    page = client.get(url).content.decode()
    assert "Proposals assigned to me for evaluation" in page
    assert "Reminders of my organisation" in page
    assert "Conflicts of interest declared by experts" not in page  # managers only
    assert "Receipts of what you submit" in page  # said to be always sent, not offered
    response = client.post(
        url, {NoticeKind.ASSIGNMENT: Delivery.DIGEST, NoticeKind.COMMITMENT_REMINDER: "weekly?"}
    )
    assert response.status_code == 200  # the bad choice is refused, the good one kept
    kept = response.content.decode()
    assert re.search(r'name="assignment" value="digest"[^>]*checked', kept)
    assert "Select a valid choice" in kept
    assert not NotificationPreference.objects.exists()
    response = client.post(
        url,
        {NoticeKind.ASSIGNMENT: Delivery.DIGEST, NoticeKind.COMMITMENT_REMINDER: Delivery.NONE},
    )
    assert response.status_code == 302
    assert dict(person.notification_preferences.values_list("kind", "delivery")) == {
        NoticeKind.ASSIGNMENT: Delivery.DIGEST,
        NoticeKind.COMMITMENT_REMINDER: Delivery.NONE,
    }
    client.force_login(user_with(Role.PROGRAMME_MANAGER))
    assert "Conflicts of interest declared by experts" in client.get(url).content.decode()


def test_the_next_run_is_at_seven_brussels_time():
    before = dt.datetime(2026, 11, 23, 6, 0, tzinfo=BRUSSELS)
    after = dt.datetime(2026, 11, 23, 7, 0, tzinfo=BRUSSELS)
    assert next_run_at(now=before) == dt.datetime(2026, 11, 23, 7, 0, tzinfo=BRUSSELS)
    assert next_run_at(now=after) == dt.datetime(2026, 11, 24, 7, 0, tzinfo=BRUSSELS)
    # Across the change to winter time (25 October 2026) it stays 07:00 local.
    assert next_run_at(now=dt.datetime(2026, 10, 24, 8, 0, tzinfo=BRUSSELS)).utcoffset() == (
        dt.timedelta(hours=1)
    )


@pytest.fixture
def deferring_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = run_scheduled_notices.get_backend()
    backend.clear()
    return backend


def test_the_run_is_enqueued_once_however_many_ask(
    deferring_backend, django_capture_on_commit_callbacks
):
    now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=BRUSSELS)
    with django_capture_on_commit_callbacks(execute=True):
        first = notices_schedule(now=now)
        second = notices_schedule(now=now)  # another host, the command run twice…
    assert first == dt.datetime(2026, 11, 24, 7, 0, tzinfo=BRUSSELS)
    assert second is None
    (result,) = deferring_backend.results
    assert result.task.run_after == first
    assert result.task.func is run_scheduled_notices.func


def test_without_a_deferring_backend_cron_runs_the_jobs(django_capture_on_commit_callbacks):
    assert notices_schedule() is None  # the immediate backend cannot defer
    person = UserFactory()
    preference_set(user=person, kind=NoticeKind.CONFLICT, delivery=Delivery.DIGEST)
    _send([person.email])
    with django_capture_on_commit_callbacks(execute=True):
        assert notices_run(today=MONDAY) == 1
        assert notices_run(today=MONDAY) == 0  # the same day again: nothing twice
        run_scheduled_notices.enqueue()  # the task does the same
    assert len(mail.outbox) == 1
