"""The second factor through its pages: enrol an app, keep the recovery codes shown once,
verify with the app or a recovery code, make new codes, remove the app; the staff
requirement (STAFF_TWO_FACTOR_REQUIRED) on top of django-otp's middleware."""

import base64
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cooperation.accounts.roles import Role
from tests.cooperation.accounts.otp_helpers import current_code, enrolled, let_the_wait_pass

pytestmark = pytest.mark.django_db

TWO_FACTOR = reverse("accounts:two_factor")
SETTINGS = reverse("accounts:second_factor")
PROFILE = reverse("accounts:profile")


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


def _codes_on(page) -> list[str]:
    return re.findall(r'<code class="recovery-code">([a-z2-7]+)</code>', page.content.decode())


def _key_on(page) -> str:
    return re.search(r"<code>([A-Z2-7 ]+)</code>", page.content.decode()).group(1).replace(" ", "")


def _new_session(client, user):
    client.logout()
    client.force_login(user)


def test_staff_enrol_then_see_their_recovery_codes_once(client, programme_manager):
    client.force_login(programme_manager)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(TWO_FACTOR)

    page = client.get(response.url)
    body = page.content.decode()
    assert "<svg" in body and page.headers["Cache-Control"].startswith("max-age=0")
    device = TOTPDevice.objects.get(user=programme_manager, confirmed=False)
    shown = _key_on(page)
    assert base64.b32decode(shown) == device.bin_key  # the hex key, in base32 for the app
    assert _key_on(client.get(TWO_FACTOR)) == shown  # the same key until it is confirmed

    wrong = client.post(TWO_FACTOR, {"code": "000000", "next": "/admin/"})
    assert "does not match" in wrong.content.decode()
    let_the_wait_pass(device)
    done = client.post(TWO_FACTOR, {"code": current_code(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = _codes_on(done)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "Keep these codes" in done.content.decode()
    assert 'href="/admin/"' in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert set(
        StaticToken.objects.filter(device__user=programme_manager).values_list("token", flat=True)
    ) == set(codes)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/admin/").status_code == 200

    # Shown once: no page shows them again.
    for url in (TWO_FACTOR, SETTINGS):
        assert not set(codes) & set(re.findall(r"[a-z2-7]{8}", client.get(url).content.decode()))


def test_staff_with_an_app_are_asked_for_a_code_each_session(client, secretariat):
    device, _codes = enrolled(secretariat)
    client.force_login(secretariat)
    response = client.get("/forum/")
    assert response.status_code == 302 and response.url == f"{TWO_FACTOR}?next=/forum/"
    page = client.get(response.url).content.decode()
    assert "Confirm it is you" in page and "<svg" not in page and "recovery code" in page
    done = client.post(TWO_FACTOR, {"code": current_code(device), "next": "/forum/"})
    assert done.status_code == 302 and done.url == "/forum/"
    assert client.get("/forum/").status_code == 200

    _new_session(client, secretariat)
    assert client.get("/forum/").status_code == 302


def test_an_app_code_cannot_be_used_twice(client, make_user):
    user = make_user(Role.FORUM_SECRETARIAT)
    device, _codes = enrolled(user)
    code = current_code(device)
    client.force_login(user)
    assert client.post(TWO_FACTOR, {"code": code}).status_code == 302
    _new_session(client, user)
    let_the_wait_pass(device)
    replay = client.post(TWO_FACTOR, {"code": code})
    assert replay.status_code == 200 and "already used" in replay.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_recovery_code_gets_in_once_and_says_how_many_are_left(client, programme_manager):
    _device, codes = enrolled(programme_manager)
    client.force_login(programme_manager)
    typed = f" {codes[0][:4].upper()} {codes[0][4:].upper()} "  # spaces and capitals are fine
    done = client.post(TWO_FACTOR, {"code": typed, "next": PROFILE}, follow=True)
    assert done.redirect_chain == [(PROFILE, 302)]
    assert "9 recovery codes are left" in done.content.decode()
    static = StaticDevice.objects.get(user=programme_manager)
    assert client.session[DEVICE_ID_SESSION_KEY] == static.persistent_id
    assert client.get("/admin/").status_code == 200

    _new_session(client, programme_manager)
    reused = client.post(TWO_FACTOR, {"code": codes[0]})
    assert reused.status_code == 200 and "already used" in reused.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert StaticToken.objects.filter(device=static).count() == 9


def test_the_last_recovery_code_says_to_make_new_ones(client, programme_manager):
    _device, codes = enrolled(programme_manager)
    StaticToken.objects.exclude(token=codes[0]).delete()
    client.force_login(programme_manager)
    done = client.post(TWO_FACTOR, {"code": codes[0], "next": PROFILE}, follow=True)
    assert "last recovery code" in done.content.decode()


def test_new_recovery_codes_replace_the_old_ones(client, editor):
    device, old = enrolled(editor)
    client.force_login(editor)
    client.post(TWO_FACTOR, {"code": current_code(device)})
    page = client.get(SETTINGS).content.decode()
    assert "10 recovery codes are left" in page
    assert not set(old) & set(re.findall(r"[a-z2-7]{8}", page))

    made = client.post(reverse("accounts:recovery_codes"))
    assert made.status_code == 200 and made.headers["Cache-Control"].startswith("max-age=0")
    new = _codes_on(made)
    assert len(new) == 10 and not set(new) & set(old)

    _new_session(client, editor)
    refused = client.post(TWO_FACTOR, {"code": old[1]})
    assert "already used" in refused.content.decode()
    let_the_wait_pass(StaticDevice.objects.get(user=editor))
    assert client.post(TWO_FACTOR, {"code": new[1]}).status_code == 302


def test_managing_the_second_factor_needs_a_verified_session(client, applicant):
    enrolled(applicant)  # applicants may use an app too; they are never forced to
    client.force_login(applicant)
    assert client.get(PROFILE).status_code == 200
    response = client.get(SETTINGS)
    assert response.status_code == 302 and response.url == f"{TWO_FACTOR}?next={SETTINGS}"
    regenerate = client.post(reverse("accounts:recovery_codes"))
    assert regenerate.status_code == 302 and regenerate.url.startswith(TWO_FACTOR)
    remove = client.post(reverse("accounts:authenticator_remove"), {"code": "123456"})
    assert remove.status_code == 302 and remove.url.startswith(TWO_FACTOR)
    assert TOTPDevice.objects.filter(user=applicant).exists()


def test_lost_phone_recovery_code_then_remove_the_app_then_enrol_a_new_one(
    client, programme_manager
):
    _device, codes = enrolled(programme_manager)
    client.force_login(programme_manager)
    assert client.post(TWO_FACTOR, {"code": codes[0]}).status_code == 302
    assert "Remove the app" in client.get(SETTINGS).content.decode()

    remove = reverse("accounts:authenticator_remove")
    wrong = client.post(remove, {"code": "000000"})
    assert wrong.status_code == 200 and "does not match" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=programme_manager, confirmed=True).exists()

    done = client.post(remove, {"code": codes[1]})
    assert done.status_code == 302 and done.url == SETTINGS
    assert not TOTPDevice.objects.filter(user=programme_manager).exists()
    assert not StaticDevice.objects.filter(user=programme_manager).exists()

    # Staff are sent to set up the new phone; its codes replace the old ones.
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(TWO_FACTOR)
    assert "<svg" in client.get(response.url).content.decode()
    new_device = TOTPDevice.objects.get(user=programme_manager, confirmed=False)
    enrolled_again = client.post(TWO_FACTOR, {"code": current_code(new_device)})
    assert len(_codes_on(enrolled_again)) == 10
    assert client.get("/admin/").status_code == 200


def test_the_profile_links_to_the_second_factor(client, programme_manager):
    enrolled(programme_manager)
    client.force_login(programme_manager)
    client.post(TWO_FACTOR, {"code": current_code(TOTPDevice.objects.get(user=programme_manager))})
    assert f'href="{SETTINGS}"' in client.get(PROFILE).content.decode()


def test_without_an_app_the_settings_page_offers_to_set_one_up(client, applicant):
    client.force_login(applicant)
    page = client.get(SETTINGS)
    assert page.status_code == 200 and f'href="{TWO_FACTOR}"' in page.content.decode()
    refused = client.post(reverse("accounts:recovery_codes"), follow=True)
    assert "Set up your authenticator app first" in refused.content.decode()
    assert not StaticDevice.objects.exists()


def test_applicants_and_experts_need_no_second_factor(client, applicant, expert):
    for user in (applicant, expert):
        client.force_login(user)
        assert client.get(PROFILE).status_code == 200


def test_superusers_need_the_second_factor(client, make_user):
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/django-admin/")
    assert response.status_code == 302 and response.url.startswith(TWO_FACTOR)


def test_sign_out_and_the_second_factor_pages_stay_open(client, programme_manager):
    client.force_login(programme_manager)
    assert client.get(TWO_FACTOR).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_device_removed_by_an_administrator_ends_the_verified_session(client, editor):
    device, _codes = enrolled(editor)
    client.force_login(editor)
    client.post(TWO_FACTOR, {"code": current_code(device)})
    assert client.get("/admin/").status_code == 200
    device.delete()
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(TWO_FACTOR)


def test_the_requirement_can_be_turned_off(client, programme_manager, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    client.force_login(programme_manager)
    assert client.get("/admin/").status_code == 200


def test_next_cannot_leave_the_site(client, programme_manager):
    device, _codes = enrolled(programme_manager)
    client.force_login(programme_manager)
    response = client.post(
        TWO_FACTOR, {"code": current_code(device), "next": "https://evil.example.com/"}
    )
    assert response.status_code == 302 and response.url == "/"


def test_production_requires_the_second_factor():
    from config.settings import base

    assert base.STAFF_TWO_FACTOR_REQUIRED is True
    assert "django_otp.middleware.OTPMiddleware" in base.MIDDLEWARE
    assert base.MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") < base.MIDDLEWARE.index(
        "cooperation.accounts.middleware.StaffTwoFactorMiddleware"
    )


def test_a_french_staff_member_reaches_the_second_factor_page(client, programme_manager):
    """The pages the requirement lets through are let through in French too (/fr/…): the
    second-factor page itself would otherwise send to itself without end."""
    client.force_login(programme_manager)
    with translation.override("fr"):
        french_page, staff_page = reverse("accounts:two_factor"), reverse("portfolio:list")
    response = client.get(staff_page)
    assert response.status_code == 302 and response.url.startswith(french_page)
    page = client.get(french_page)
    assert page.status_code == 200 and '<html lang="fr">' in page.content.decode()
