"""The one mail helper: rendered when asked, in the active language, recorded with the
service's transaction, sent once by the task after the commit; what failed is sent again."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from core.mail import mail_send
from core.models import MailStatus, OutgoingMail
from core.tasks import send_mail_message
from tests.cooperation.factories import UserFactory
from tests.mail_backends import FlakySMTP

pytestmark = pytest.mark.django_db

CONFIRM = "accounts/email/confirm.txt"


def _confirmation(**overrides) -> dict:
    user = UserFactory.build(first_name="Anna", last_name="Novak", email="anna@example.eu")
    return {
        "to": [user.email],
        "subject": gettext_lazy("Confirm your e-mail address"),
        "template": CONFIRM,
        "context": {"user": user, "link": "https://csa.example.eu/confirm/x/", "days": 3},
        **overrides,
    }


@pytest.fixture
def finished():
    """The results of the tasks that ran during the test."""
    results = []

    def record(sender, task_result, **kwargs):
        results.append(task_result)

    task_finished.connect(record)
    yield results
    task_finished.disconnect(record)


def test_nothing_is_queued_before_the_transaction_commits(
    django_capture_on_commit_callbacks, finished
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail_send(**_confirmation())
    assert len(callbacks) == 1
    assert mail.outbox == [] and finished == []
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["anna@example.eu"]]


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks, finished):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail_send(**_confirmation())
        raise RuntimeError("the service failed after asking for the mail")
    assert callbacks == []
    assert mail.outbox == [] and finished == []


def test_the_message_is_rendered_in_the_language_active_when_asked(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, translation.override("fr"):
        mail_send(**_confirmation())
    with translation.override("en"):  # the worker's language does not matter
        for callback in callbacks:
            callback()
    (message,) = mail.outbox
    assert message.subject == "Confirmez votre adresse électronique"
    assert message.body.startswith("Bonjour Anna Novak,")
    assert "Veuillez confirmer votre adresse électronique" in message.body
    assert "https://csa.example.eu/confirm/x/" in message.body
    assert "Please confirm" not in message.body


def test_the_task_sends_the_recorded_message_from_the_default_address(
    django_capture_on_commit_callbacks, finished
):
    with django_capture_on_commit_callbacks(execute=True):
        record = mail_send(**_confirmation(to=["anna@example.eu", "pm@example.eu"]))
    (result,) = finished
    assert result.task.func is send_mail_message.func
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 1
    # The queue carries the record's id only, what a database queue stores as JSON: the
    # message itself is in the database, written in the service's transaction.
    assert result.args == [] and result.kwargs == {"mail_id": record.pk}
    (message,) = mail.outbox
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.to == ["anna@example.eu", "pm@example.eu"]
    assert message.subject == "Confirm your e-mail address"
    assert "Hello Anna Novak," in message.body
    record.refresh_from_db()
    assert record.to == ["anna@example.eu", "pm@example.eu"]
    assert (record.subject, record.body) == (message.subject, message.body)
    assert record.status == MailStatus.SENT and record.attempts == 1
    assert record.sent_at is not None and record.last_error == ""


def test_nobody_to_tell_records_and_sends_nothing(django_capture_on_commit_callbacks, finished):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert mail_send(**_confirmation(to=[])) is None
    assert callbacks == [] and finished == []
    assert not OutgoingMail.objects.exists() and mail.outbox == []


def test_a_key_already_recorded_sends_nothing_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = mail_send(**_confirmation(key="esr:7:2026-11-23T10:00:00+00:00"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = mail_send(**_confirmation(key="esr:7:2026-11-23T10:00:00+00:00"))
    assert first is not None and again is None and callbacks == []
    assert OutgoingMail.objects.count() == 1 and len(mail.outbox) == 1


def test_without_a_key_each_message_is_its_own(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(**_confirmation())
        mail_send(**_confirmation())
    assert OutgoingMail.objects.count() == 2 and len(mail.outbox) == 2
    assert len(set(OutgoingMail.objects.values_list("key", flat=True))) == 2


def test_a_task_run_again_does_not_send_twice(django_capture_on_commit_callbacks):
    """A worker that dies after SMTP accepted the message, or a task enqueued twice: the
    record says it is sent, and the second run sends nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        record = mail_send(**_confirmation())
    result = send_mail_message.enqueue(mail_id=record.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 0
    assert len(mail.outbox) == 1
    record.refresh_from_db()
    assert record.attempts == 1


def test_a_refused_message_is_recorded_failed_with_the_error(
    settings, django_capture_on_commit_callbacks, finished
):
    FlakySMTP.install(settings, fail_from=1)
    with django_capture_on_commit_callbacks(execute=True):
        record = mail_send(**_confirmation())
    (result,) = finished
    assert result.status == TaskResultStatus.FAILED  # the queue sees the failure too
    record.refresh_from_db()
    assert record.status == MailStatus.FAILED and record.attempts == 1
    assert record.sent_at is None and "timed out" in record.last_error
    assert mail.outbox == []


def test_send_queued_mail_sends_what_failed_or_was_never_sent(
    settings, django_capture_on_commit_callbacks
):
    smtp = FlakySMTP.install(settings, fail_from=2)
    with django_capture_on_commit_callbacks(execute=True):
        sent = mail_send(**_confirmation(key="sent"))
        failed = mail_send(**_confirmation(key="failed"))
    # The process stops between the commit and the queue: the record waits, queued.
    with django_capture_on_commit_callbacks(execute=False):
        waiting = mail_send(**_confirmation(key="waiting"))
    assert [m.status for m in OutgoingMail.objects.order_by("pk")] == ["sent", "failed", "queued"]
    smtp.recover()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_queued_mail", stdout=out)
    assert "2 messages queued again" in out.getvalue()
    assert len(mail.outbox) == 3  # one before, the two missing now: none twice
    for record in (sent, failed, waiting):
        record.refresh_from_db()
        assert record.status == MailStatus.SENT
    assert (sent.attempts, failed.attempts, waiting.attempts) == (1, 2, 1)
    assert failed.last_error == ""
    out = io.StringIO()
    call_command("send_queued_mail", stdout=out)
    assert "0 messages queued again" in out.getvalue()


SENDS = re.compile(r"(?<!def )\bsend_mail\(|EmailMessage\(")


def test_only_the_mail_task_sends_mail():
    """One messenger: no module of the project sends mail by itself."""
    root = Path(__file__).resolve().parents[2]
    senders = sorted(
        str(path.relative_to(root))
        for package in ("audit", "cms", "cooperation", "core", "demo", "funding")
        for path in (root / package).rglob("*.py")
        # A method named send_mail that overrides a library's (Wagtail's form pages) and
        # hands the message to mail_send is not a sender: only calls count.
        if SENDS.search(path.read_text())
    )
    assert senders == ["core/tasks.py"]


def test_a_message_sent_again_carries_the_same_message_id(settings):
    """If a worker dies after the mail server accepted a message but before the record says
    so, the next worker sends it again: under the same Message-ID, which the receiving side
    uses to keep one copy (RFC 5322: one identifier per message)."""
    record = mail_send(**_confirmation(key="receipt:9:1"))
    send_mail_message.call(mail_id=record.pk)
    OutgoingMail.objects.filter(pk=record.pk).update(sent_at=None, status=MailStatus.QUEUED)
    send_mail_message.call(mail_id=record.pk)
    other = mail_send(**_confirmation(key="receipt:9:2"))
    send_mail_message.call(mail_id=other.pk)

    first, again, different = (message.extra_headers["Message-ID"] for message in mail.outbox)
    assert first == again != different
    assert first.startswith("<") and first.endswith("@localhost>")
