"""Existing authenticator apps survive the move to django-otp: Django's migration executor
runs the project's migrations on a scratch SQLite database up to the last one with our own
device model, a device with a known secret is made there, and after migrating forward the
same RFC 6238 codes verify with django-otp's device, a code already used stays refused."""

import base64

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.cooperation.accounts.otp_helpers import SCRATCH as ALIAS

pytestmark = pytest.mark.django_db

BEFORE = [("cooperation", "0007_commitment_and_progress_indexes")]
AFTER = [("cooperation", "0009_delete_own_totpdevice")]
RFC_KEY = b"12345678901234567890"
RFC_SECRET = base64.b32encode(RFC_KEY).decode().rstrip("=")  # as our model stored it


def _migrate(connection, targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_devices_move_to_django_otp_with_their_key_and_last_code(scratch):
    old_apps = _migrate(scratch, BEFORE)
    User = old_apps.get_model("cooperation", "User")
    OldDevice = old_apps.get_model("cooperation", "TOTPDevice")
    used = User.objects.using(ALIAS).create(email="used@example.eu", password="!")
    fresh = User.objects.using(ALIAS).create(email="fresh@example.eu", password="!")
    now = TOTP(RFC_KEY)
    OldDevice.objects.using(ALIAS).create(
        user=used, secret=RFC_SECRET, confirmed_at=timezone.now(), last_used_step=now.t()
    )
    created = timezone.now() - timezone.timedelta(days=30)
    old_fresh = OldDevice.objects.using(ALIAS).create(
        user=fresh, secret=RFC_SECRET.lower(), confirmed_at=created, last_used_step=0
    )
    OldDevice.objects.using(ALIAS).filter(pk=old_fresh.pk).update(created_at=created)

    new_apps = _migrate(scratch, AFTER)
    with pytest.raises(LookupError):
        new_apps.get_model("cooperation", "TOTPDevice")

    devices = {d.user_id: d for d in TOTPDevice.objects.using(ALIAS).all()}
    assert set(devices) == {used.pk, fresh.pk}
    for device in devices.values():
        assert device.key == RFC_KEY.hex() and device.confirmed
        vectors = TOTP(device.bin_key, device.step, device.t0, digits=8)
        vectors.time = 59
        assert vectors.token() == 94287082  # RFC 6238, appendix B

    assert devices[fresh.pk].created_at == created
    assert devices[fresh.pk].verify_token(TOTP(RFC_KEY).token()) is True
    # The code the phone shows now was used on the old model: it is not taken again.
    assert devices[used.pk].last_t == now.t()
    assert devices[used.pk].verify_token(now.token()) is False


def test_the_move_can_be_undone(scratch):
    old_apps = _migrate(scratch, BEFORE)
    user = (
        old_apps.get_model("cooperation", "User")
        .objects.using(ALIAS)
        .create(email="pm@example.eu", password="!")
    )
    old_apps.get_model("cooperation", "TOTPDevice").objects.using(ALIAS).create(
        user=user, secret=RFC_SECRET, confirmed_at=timezone.now(), last_used_step=42
    )
    _migrate(scratch, AFTER)
    back = _migrate(scratch, BEFORE)
    restored = back.get_model("cooperation", "TOTPDevice").objects.using(ALIAS).get()
    assert restored.secret == RFC_SECRET and restored.last_used_step == 42
    assert restored.confirmed_at is not None
    assert not TOTPDevice.objects.using(ALIAS).exists()
