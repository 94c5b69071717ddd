import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cooperation.accounts.roles import Role
from cooperation.accounts.services import user_send_confirmation
from cooperation.accounts.tokens import confirmation_tokens
from cooperation.models import User
from core.languages import localized_path
from tests.cooperation.factories import PASSWORD, UserFactory
from tests.links import assert_carries_no_personal_data

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "first_name": "Anna",
    "last_name": "de Vries",
    "email": "Anna@Example.EU",
    "password1": "Stronger-passphrase-42",
    "password2": "Stronger-passphrase-42",
}


def _link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_creates_an_inactive_applicant_and_mails_a_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:sign_up"), SIGN_UP)
    assert response.status_code == 200
    assert "anna@example.eu" in response.content.decode()
    user = User.objects.get(email="anna@example.eu")
    assert not user.is_active and user.email_confirmed_at is None
    assert list(user.groups.values_list("name", flat=True)) == [Role.APPLICANT]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.eu"]
    assert "/accounts/confirm/" in _link_in(mail.outbox[0])


def test_sign_up_errors_keep_what_was_typed(client):
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, "password2": "different"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="de Vries"' in body and 'value="Anna@Example.EU"' in body
    assert not User.objects.exists()


def test_sign_up_refuses_an_existing_address(client):
    UserFactory(email="anna@example.eu")
    response = client.post(reverse("accounts:sign_up"), SIGN_UP)
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


def test_confirmation_link_activates_then_sign_in_works(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_up"), SIGN_UP)
    refused = client.post(
        reverse("accounts:login"), {"username": "anna@example.eu", "password": SIGN_UP["password1"]}
    )
    assert "not active yet" in refused.content.decode()

    response = client.get(_link_in(mail.outbox[0]))
    assert response.status_code == 302
    user = User.objects.get(email="anna@example.eu")
    assert user.is_active and user.email_confirmed_at is not None

    response = client.post(
        reverse("accounts:login"), {"username": "ANNA@example.eu", "password": SIGN_UP["password1"]}
    )
    assert response.status_code == 302 and response.url == reverse("accounts:profile")


def _confirmation_link(user, capture) -> str:
    """The link a confirmation e-mail carries, as the person receives it."""
    with capture(execute=True):
        user_send_confirmation(user=user, site_url="https://csa.example.eu")
    return _link_in(mail.outbox[-1])


def test_the_confirmation_link_carries_neither_the_address_nor_a_payload(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="anna.devries@example.eu", is_active=False, email_confirmed_at=None)
    link = _confirmation_link(user, django_capture_on_commit_callbacks)
    assert_carries_no_personal_data(link, user.email)
    assert link.startswith("https://csa.example.eu/accounts/confirm/")


def test_a_tampered_link_is_refused_with_a_reason(client, django_capture_on_commit_callbacks):
    user = UserFactory(is_active=False, email_confirmed_at=None)
    link = _confirmation_link(user, django_capture_on_commit_callbacks)
    response = client.get(link[:-3] + "xx/")
    assert response.status_code == 400 and "not valid" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_a_used_link_is_refused(client, django_capture_on_commit_callbacks):
    user = UserFactory(is_active=False, email_confirmed_at=None)
    link = _confirmation_link(user, django_capture_on_commit_callbacks)
    assert client.get(link).status_code == 302
    user.refresh_from_db()
    confirmed_at = user.email_confirmed_at
    assert user.is_active and confirmed_at is not None

    again = client.get(link)
    assert again.status_code == 400 and "already used" in again.content.decode()
    user.refresh_from_db()
    assert user.email_confirmed_at == confirmed_at


def test_a_link_sent_to_an_address_since_changed_is_refused(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="old@example.eu", is_active=False, email_confirmed_at=None)
    link = _confirmation_link(user, django_capture_on_commit_callbacks)
    user.email = "new@example.eu"
    user.save(update_fields=["email"])
    response = client.get(link)
    assert response.status_code == 400 and "not valid" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active and user.email_confirmed_at is None


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "This confirmation link has expired: a link works for 3 days."),
        ("fr", "Ce lien de confirmation a expiré : un lien est valable 3 jours."),
    ],
)
def test_an_expired_link_says_so_in_plain_words(
    client, monkeypatch, django_capture_on_commit_callbacks, language, words
):
    user = UserFactory(is_active=False, email_confirmed_at=None)
    three_days_ago = datetime.now() - timedelta(days=3, seconds=1)
    monkeypatch.setattr(confirmation_tokens, "_now", lambda: three_days_ago)
    link = _confirmation_link(user, django_capture_on_commit_callbacks)
    monkeypatch.undo()
    response = client.get(localized_path(urlsplit(link).path, language))
    assert response.status_code == 400 and words in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_a_link_still_within_its_three_days_confirms(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    user = UserFactory(is_active=False, email_confirmed_at=None)
    almost_three_days_ago = datetime.now() - timedelta(days=3) + timedelta(minutes=1)
    monkeypatch.setattr(confirmation_tokens, "_now", lambda: almost_three_days_ago)
    link = _confirmation_link(user, django_capture_on_commit_callbacks)
    monkeypatch.undo()
    assert client.get(link).status_code == 302
    user.refresh_from_db()
    assert user.is_active


def test_resend_confirmation_gives_the_same_answer_for_unknown_addresses(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="waiting@example.eu", is_active=False, email_confirmed_at=None)
    for address in ("waiting@example.eu", "unknown@example.eu"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accounts:resend_confirmation"), {"email": address}, follow=True
            )
        assert "If an unconfirmed account uses this address" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["waiting@example.eu"]]


def test_password_reset_round_trip(client):
    UserFactory(email="pm@example.eu")
    client.post(reverse("accounts:password_reset"), {"email": "pm@example.eu"})
    assert len(mail.outbox) == 1
    link = _link_in(mail.outbox[0])
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "A-new-passphrase-77", "new_password2": "A-new-passphrase-77"}
    )
    assert response.status_code == 302
    login = {"username": "pm@example.eu", "password": "A-new-passphrase-77"}
    assert client.post(reverse("accounts:login"), login).status_code == 302


def test_logout_is_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302


@pytest.mark.parametrize("language, home", [("fr", "/fr/"), ("en", "/")])
def test_signing_out_lands_on_the_home_page_in_the_language_being_read(client, language, home):
    """The sign-out button of a French page posts to the French address (/fr/…): the
    person lands on the French home page, not the English one."""
    client.force_login(UserFactory(preferred_language="en"))
    with translation.override(language):
        logout = reverse("accounts:logout")
    assert logout == localized_path("/accounts/logout/", language)
    response = client.post(logout)
    assert response.status_code == 302 and response["Location"] == home
    assert client.get(reverse("accounts:profile")).status_code == 302  # signed out


def test_signing_out_still_follows_a_safe_next_and_refuses_another_site(client):
    client.force_login(UserFactory())
    with translation.override("fr"):
        logout = reverse("accounts:logout")
    response = client.post(logout, {"next": "/fr/calls/"})
    assert response["Location"] == "/fr/calls/"
    client.force_login(UserFactory())
    response = client.post(logout, {"next": "https://elsewhere.example.com/"})
    assert response["Location"] == "/fr/"


def test_profile_requires_sign_in_and_saves(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    user = UserFactory(first_name="Old")
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    response = client.post(
        reverse("accounts:profile"),
        {"first_name": "New", "last_name": "Name", "preferred_language": "fr"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.preferred_language) == ("New", "fr")
