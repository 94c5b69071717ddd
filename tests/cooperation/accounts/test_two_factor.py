import re
import time

import pytest
from django.urls import reverse

from cooperation.accounts import totp
from cooperation.accounts.roles import Role
from cooperation.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


def _current_code(secret):
    return totp.code_at(secret, totp.step_of(time.time()))


def test_staff_are_sent_to_enrol_then_get_in(client, programme_manager):
    client.force_login(programme_manager)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))

    page = client.get(response.url)
    assert "<svg" in page.content.decode()
    secret = client.session["two_factor_pending_secret"]
    shown = re.search(r"<code>([A-Z2-7 ]+)</code>", page.content.decode()).group(1)
    assert shown.replace(" ", "") == secret

    wrong = client.post(reverse("accounts:two_factor"), {"code": "000000", "next": "/admin/"})
    assert "does not match" in wrong.content.decode()
    done = client.post(
        reverse("accounts:two_factor"), {"code": _current_code(secret), "next": "/admin/"}
    )
    assert done.status_code == 302 and done.url == "/admin/"
    assert TOTPDevice.objects.get(user=programme_manager).confirmed_at is not None
    assert client.get("/admin/").status_code == 200


def test_a_code_cannot_be_used_twice(client, make_user):
    user = make_user(Role.FORUM_SECRETARIAT)
    secret = totp.new_secret()
    TOTPDevice.objects.create(user=user, secret=secret, confirmed_at="2026-01-01T00:00Z")
    code = _current_code(secret)
    client.force_login(user)
    assert client.post(reverse("accounts:two_factor"), {"code": code}).status_code == 302
    client.logout()
    client.force_login(user)
    replay = client.post(reverse("accounts:two_factor"), {"code": code})
    assert "already used" in replay.content.decode()


def test_applicants_and_experts_need_no_second_factor(client, applicant, expert):
    for user in (applicant, expert):
        client.force_login(user)
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_wrong_codes_are_throttled(client, programme_manager, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 2
    TOTPDevice.objects.create(
        user=programme_manager, secret=totp.new_secret(), confirmed_at="2026-01-01T00:00Z"
    )
    client.force_login(programme_manager)
    for _ in range(2):
        client.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert client.post(reverse("accounts:two_factor"), {"code": "000000"}).status_code == 429


def test_next_cannot_leave_the_site(client, programme_manager):
    secret = totp.new_secret()
    TOTPDevice.objects.create(
        user=programme_manager, secret=secret, confirmed_at="2026-01-01T00:00Z"
    )
    client.force_login(programme_manager)
    response = client.post(
        reverse("accounts:two_factor"),
        {"code": _current_code(secret), "next": "https://evil.example.com/"},
    )
    assert response.status_code == 302 and response.url == "/"


def test_production_requires_the_second_factor():
    from config.settings import base

    assert base.STAFF_TWO_FACTOR_REQUIRED is True
