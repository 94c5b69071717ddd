"""Administrators can still see and reset devices in Django's admin (superusers only), which
never shows a key or a recovery code; no everyday job needs it (see test_two_factor.py)."""

import pytest
from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.cooperation.accounts.otp_helpers import enrolled

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, make_user):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    return client


def test_both_device_types_are_in_the_admin():
    assert admin.site.is_registered(TOTPDevice) and admin.site.is_registered(StaticDevice)


def test_the_admin_lists_and_deletes_devices_without_showing_secrets(
    superuser_client, programme_manager
):
    device, codes = enrolled(programme_manager)
    listing = superuser_client.get("/django-admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    assert f"/otp_totp/totpdevice/{device.pk}/change/" in listing.content.decode()
    page = superuser_client.get(f"/django-admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200 and device.key not in page.content.decode()
    assert (
        superuser_client.get(f"/django-admin/otp_totp/totpdevice/{device.pk}/config/").status_code
        == 403
    )
    static = StaticDevice.objects.get(user=programme_manager)
    page = superuser_client.get(f"/django-admin/otp_static/staticdevice/{static.pk}/change/")
    assert page.status_code == 200
    assert not any(code in page.content.decode() for code in codes)

    deleted = superuser_client.post(
        f"/django-admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}
    )
    assert deleted.status_code == 302 and not TOTPDevice.objects.exists()
    assert StaticToken.objects.count() == 10


def test_others_cannot_open_the_admin(client, programme_manager):
    client.force_login(programme_manager)
    response = client.get("/django-admin/otp_totp/totpdevice/")
    assert response.status_code == 302 and "/login/" in response.url
