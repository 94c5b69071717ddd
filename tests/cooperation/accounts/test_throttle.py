import pytest
from django.core import mail
from django.urls import reverse

from tests.cooperation.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_repeated_failures_lock_the_account_for_a_while(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    user = UserFactory()
    for _ in range(3):
        response = client.post(
            reverse("accounts:login"), {"username": user.email, "password": "no"}
        )
        assert response.status_code == 200
    # Even the right password is refused now, with the reason.
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_address_cannot_try_many_accounts(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    for n in range(4):
        client.post(
            reverse("accounts:login"), {"username": f"guess{n}@example.eu", "password": "x"}
        )
    user = UserFactory()
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 429


def test_success_clears_the_account_counter(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    user = UserFactory()
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": user.email, "password": "no"})
    assert (
        client.post(
            reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
        ).status_code
        == 302
    )
    client.logout()
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": user.email, "password": "no"})
    assert (
        client.post(
            reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
        ).status_code
        == 302
    )


def test_password_reset_mails_are_limited_per_account(client, settings):
    settings.PASSWORD_RESETS_PER_ACCOUNT = 2
    user = UserFactory()
    for _ in range(4):
        response = client.post(reverse("accounts:password_reset"), {"email": user.email})
        assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == 2


def test_forwarded_address_is_used_only_behind_trusted_proxies(rf, settings):
    from cooperation.accounts.throttle import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2", REMOTE_ADDR="10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "203.0.113.9"


def test_keys_stay_short_and_plain_whatever_is_typed():
    from cooperation.accounts.throttle import _key

    for subject in ["account:" + "x" * 5000, "account:\u202eمرحبا 😀\x0c", "address:203.0.113.9"]:
        key = _key("login", subject)
        assert len(key) < 100 and key.isascii() and " " not in key
    assert _key("login", "account:Anna@Example.eu") == _key("login", "account:anna@example.eu")
