"""Our own authenticator apps become django-otp TOTP devices.

Our model stored the secret in base32 without padding (as the apps show it); django-otp
stores the same bytes hex-encoded. The last time step used becomes `last_t`, so a code
accepted before the move is still refused after it; `confirmed` and the creation date are
kept. Undoing it writes the devices back into our model.
"""

import base64

from django.db import migrations
from django.utils import timezone

DEVICE_NAME = "Authenticator app"


def _key_from_secret(secret: str) -> str:
    secret = "".join(secret.split()).upper()
    return base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()


def _secret_from_key(key: str) -> str:
    return base64.b32encode(bytes.fromhex(key)).decode().rstrip("=")


def to_django_otp(apps, schema_editor):
    alias = schema_editor.connection.alias
    OwnDevice = apps.get_model("cooperation", "TOTPDevice")
    OTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    for own in OwnDevice.objects.using(alias).order_by("pk").iterator():
        device = OTPDevice.objects.using(alias).create(
            user_id=own.user_id,
            name=DEVICE_NAME,
            confirmed=own.confirmed_at is not None,
            key=_key_from_secret(own.secret),
            last_t=own.last_used_step,
        )
        # created_at is auto_now_add: set it after the insert.
        OTPDevice.objects.using(alias).filter(pk=device.pk).update(created_at=own.created_at)


def to_own_model(apps, schema_editor):
    alias = schema_editor.connection.alias
    OwnDevice = apps.get_model("cooperation", "TOTPDevice")
    OTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    # One device per user in our model: the confirmed one, else the newest.
    for device in OTPDevice.objects.using(alias).order_by("confirmed", "pk").iterator():
        own, _created = OwnDevice.objects.using(alias).update_or_create(
            user_id=device.user_id,
            defaults={
                "secret": _secret_from_key(device.key),
                "confirmed_at": (device.created_at or timezone.now()) if device.confirmed else None,
                "last_used_step": max(device.last_t, 0),
            },
        )
        if device.created_at is not None:
            OwnDevice.objects.using(alias).filter(pk=own.pk).update(created_at=device.created_at)
    OTPDevice.objects.using(alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0007_commitment_and_progress_indexes"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(to_django_otp, to_own_model)]
