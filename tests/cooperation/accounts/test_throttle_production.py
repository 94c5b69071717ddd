"""Throttling under the production configuration: the database cache, DEBUG off, and a clock
that moves (simulated with time-machine, no sleeps). The windows must hold their full length
whatever the cache does with its keys' expiry."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from tests.cooperation.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


@pytest.fixture
def production(production_cache):
    """The production cache (a table in the database) and DEBUG off."""
    return production_cache


def sign_in(client, email, password, path="accounts:login"):
    return client.post(reverse(path), {"username": email, "password": password})


def reset(client, email):
    response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302  # the same answer whether or not a mail is sent
    return response


def test_the_sign_in_window_holds_its_full_length(client, production, time_machine):
    assert production.LOGIN_FAILURES_PER_ACCOUNT == 5
    assert production.LOGIN_FAILURE_WINDOW == 15 * 60
    user = UserFactory()
    # Five failures spread over fourteen minutes, some more than five minutes apart (the
    # database cache's default timeout): the fifth locks the account.
    answers = []
    for minute in (0, 1, 2, 8, 14):
        time_machine.move_to(at(minute), tick=False)
        answers.append(sign_in(client, user.email, "wrong").status_code)
    assert answers == [200, 200, 200, 200, 429]
    time_machine.move_to(at(14.5), tick=False)
    refused = sign_in(client, user.email, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    # Still refused until the window has passed since the last failure...
    time_machine.move_to(at(28.9), tick=False)
    assert sign_in(client, user.email, PASSWORD).status_code == 429
    # ...and the right password works once it has.
    time_machine.move_to(at(29.1), tick=False)
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_address_window_holds_its_full_length(client, production, time_machine):
    production.LOGIN_FAILURES_PER_ADDRESS = 4
    for n, minute in enumerate((0, 6, 12, 14)):
        time_machine.move_to(at(minute), tick=False)
        sign_in(client, f"guess{n}@example.eu", "wrong")
    time_machine.move_to(at(14.5), tick=False)
    assert sign_in(client, UserFactory().email, PASSWORD).status_code == 429


def test_the_reset_window_holds_its_full_length(client, production, time_machine):
    assert production.PASSWORD_RESETS_PER_ACCOUNT == 3
    assert production.PASSWORD_RESET_WINDOW == 60 * 60
    user = UserFactory()
    for minute in (0, 20, 59):
        time_machine.move_to(at(minute), tick=False)
        reset(client, user.email)
    assert len(mail.outbox) == 3
    time_machine.move_to(at(59.5), tick=False)
    reset(client, user.email)
    assert len(mail.outbox) == 3  # a fourth request within the hour sends nothing
    # Each request counts for an hour after it was made: the first has left the window.
    time_machine.move_to(at(60.5), tick=False)
    reset(client, user.email)
    assert len(mail.outbox) == 4


def test_the_reset_window_per_address_holds_its_full_length(client, production, time_machine):
    production.PASSWORD_RESETS_PER_ADDRESS = 3
    users = UserFactory.create_batch(4)
    for user, minute in zip(users, (0, 25, 50, 59), strict=True):
        time_machine.move_to(at(minute), tick=False)
        reset(client, user.email)
    assert [message.to for message in mail.outbox] == [[user.email] for user in users[:3]]
