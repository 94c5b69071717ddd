"""The one mail helper: rendered when asked, in the active language; queued on commit."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from core.mail import mail_send
from core.tasks import send_mail_message
from tests.cooperation.factories import UserFactory

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


def test_the_task_sends_plain_strings_from_the_default_address(
    django_capture_on_commit_callbacks, finished
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_send(**_confirmation(to=["anna@example.eu", "pm@example.eu"]))
    (result,) = finished
    assert result.task.func is send_mail_message.func
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 1
    assert result.args == []
    # What a database queue would store and hand back to its worker, unchanged.
    assert json.loads(json.dumps(result.kwargs)) == result.kwargs
    assert {type(value) for value in result.kwargs.values()} == {list, str}
    assert result.kwargs["subject"] == "Confirm your e-mail address"
    (message,) = mail.outbox
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.to == ["anna@example.eu", "pm@example.eu"]
    assert message.body == result.kwargs["body"]
    assert "Hello Anna Novak," in message.body


def test_nobody_to_tell_sends_nothing(django_capture_on_commit_callbacks, finished):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mail_send(**_confirmation(to=[]))
    assert callbacks == [] and finished == []
    result = send_mail_message.enqueue(to=[], subject="Nothing", body="Nobody reads this.")
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 0
    assert mail.outbox == []


def test_only_the_mail_task_sends_mail():
    """One messenger: no module of the project sends mail by itself."""
    root = Path(__file__).resolve().parents[2]
    senders = sorted(
        str(path.relative_to(root))
        for package in ("audit", "cms", "cooperation", "core", "demo", "funding")
        for path in (root / package).rglob("*.py")
        if "send_mail(" in path.read_text() or "EmailMessage(" in path.read_text()
    )
    assert senders == ["core/tasks.py"]
