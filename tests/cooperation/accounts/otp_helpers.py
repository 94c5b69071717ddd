"""Helpers for the second-factor tests: a device's current code, and time passing for its
back-off (the failure timestamp moved back instead of sleeping)."""

from datetime import timedelta

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cooperation.accounts import services

# The alias of the scratch database of the `scratch` fixture (conftest.py).
SCRATCH = "scratch"


def current_code(device: TOTPDevice) -> str:
    """The six digits the user's phone shows now for this device."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def let_the_wait_pass(device) -> None:
    """As if the back-off after the last wrong code were over."""
    device.refresh_from_db()
    if device.throttling_failure_timestamp is not None:
        device.throttling_failure_timestamp -= timedelta(days=1)
        device.save(update_fields=["throttling_failure_timestamp"])


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    """A confirmed authenticator app and ten fresh recovery codes for the user."""
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device, services.recovery_codes_regenerate(user=user)
