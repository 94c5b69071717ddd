import pytest
from django.core import mail
from django.urls import reverse

from cooperation.accounts.throttle import client_ip
from core.languages import localized_path
from tests.cooperation.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_repeated_failures_lock_the_account_for_a_while(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    user = UserFactory()
    answers = [
        client.post(reverse("accounts:login"), {"username": user.email, "password": "no"})
        for _ in range(3)
    ]
    # The failure that reaches the limit already says so.
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    # Even the right password is refused now, with the reason and when to try again.
    response = client.post(
        reverse("accounts:login"), {"username": user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed attempts" in page and "Try again in 15 minutes" in page
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
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2", REMOTE_ADDR="10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "203.0.113.9"
    # Fewer entries than proxies, or an entry that is no address: the socket's address.
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.1"
    request = rf.get("/", HTTP_X_FORWARDED_FOR="<script>, 10.0.0.2", REMOTE_ADDR="10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "10.0.0.1"


def test_the_address_counts_behind_the_proxies(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    for n in range(3):
        client.post(
            reverse("accounts:login"),
            {"username": f"guess{n}@example.eu", "password": "x"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    user = UserFactory()
    login = {"username": user.email, "password": PASSWORD}
    # Another client behind the same proxy is not locked out; the guesser is.
    other = client.post(reverse("accounts:login"), login, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302
    client.logout()
    same = client.post(reverse("accounts:login"), login, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert same.status_code == 429


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_the_admin_sign_in_pages_count_and_refuse_too(client, settings, path):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    user = UserFactory(is_staff=True)
    for _ in range(3):
        client.post(path, {"username": user.email, "password": "no"})
    for refused_at in (path, reverse("accounts:login")):
        response = client.post(refused_at, {"username": user.email, "password": PASSWORD})
        assert response.status_code == 429
        assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_out_page_speaks_french(client, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 1
    user = UserFactory()
    response = client.post(
        localized_path(reverse("accounts:login"), "fr"), {"username": user.email, "password": "no"}
    )
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert "Réessayez dans 15 minutes" in response.content.decode()


def test_success_keeps_the_failures_counted_for_the_address(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    for n in range(3):
        client.post(
            reverse("accounts:login"), {"username": f"guess{n}@example.eu", "password": "x"}
        )
    own = UserFactory()
    login = {"username": own.email, "password": PASSWORD}
    assert client.post(reverse("accounts:login"), login).status_code == 302
    client.logout()
    # Signing in to one's own account does not wipe the guesses at others.
    client.post(reverse("accounts:login"), {"username": "guess9@example.eu", "password": "x"})
    assert client.post(reverse("accounts:login"), login).status_code == 429


def test_password_reset_mails_are_limited_per_address(client, settings):
    settings.PASSWORD_RESETS_PER_ADDRESS = 2
    users = UserFactory.create_batch(3)
    for user in users:
        assert (
            client.post(reverse("accounts:password_reset"), {"email": user.email}).status_code
            == 302
        )
    assert [message.to for message in mail.outbox] == [[users[0].email], [users[1].email]]
