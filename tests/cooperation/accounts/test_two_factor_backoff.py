"""Per-device back-off (django-otp's ThrottlingMixin): each wrong code doubles the wait
before the device accepts another, a right code within the wait is refused too, and the
state lives on the device's row, not in the cache, so every process sees it. Run under the
production cache (DatabaseCache) with DEBUG off; and across two processes under the
production settings, on a shared SQLite file."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cooperation.accounts import services
from cooperation.models import User
from core.languages import localized_path
from tests.cooperation.accounts.otp_helpers import (
    SCRATCH,
    current_code,
    enrolled,
    let_the_wait_pass,
)

pytestmark = pytest.mark.django_db

TWO_FACTOR = reverse("accounts:two_factor")
WAIT = "Wait a little and try again"


@pytest.fixture(autouse=True)
def _production_like(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    settings.DEBUG = False
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "csa_cache_two_factor_test",
        }
    }
    call_command("createcachetable", verbosity=0)
    # One minute after the first wrong code, so that no test can outrun the wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    settings.OTP_STATIC_THROTTLE_FACTOR = 60


def _wait_after(device) -> timedelta:
    device.refresh_from_db()
    allowed, details = device.verify_is_allowed()
    assert not allowed
    return details["locked_until"] - device.throttling_failure_timestamp


def test_each_wrong_code_doubles_the_wait(programme_manager):
    device, _codes = enrolled(programme_manager)
    waits = []
    for _ in range(3):
        with pytest.raises(services.SecondFactorError):
            services.second_factor_verify(user=programme_manager, code="000000")
        waits.append(_wait_after(device))
        let_the_wait_pass(device)
    assert waits == [timedelta(seconds=60), timedelta(seconds=120), timedelta(seconds=240)]


def test_a_right_app_code_within_the_wait_is_refused(client, programme_manager):
    device, _codes = enrolled(programme_manager)
    client.force_login(programme_manager)
    assert client.post(TWO_FACTOR, {"code": "000000"}).status_code == 200

    refused = client.post(TWO_FACTOR, {"code": current_code(device)})
    assert refused.status_code == 429 and WAIT in refused.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # refusals during the wait do not count

    # Another process, or a cache that was emptied, sees the same wait.
    cache.clear()
    assert client.post(TWO_FACTOR, {"code": current_code(device)}).status_code == 429

    let_the_wait_pass(device)
    assert client.post(TWO_FACTOR, {"code": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_right_recovery_code_within_the_wait_is_refused(client, programme_manager):
    _device, codes = enrolled(programme_manager)
    client.force_login(programme_manager)
    client.post(TWO_FACTOR, {"code": "notacode"})
    refused = client.post(TWO_FACTOR, {"code": codes[0]})
    assert refused.status_code == 429 and WAIT in refused.content.decode()
    let_the_wait_pass(StaticDevice.objects.get(user=programme_manager))
    assert client.post(TWO_FACTOR, {"code": codes[0]}).status_code == 302


def test_each_device_waits_on_its_own(client, programme_manager):
    """A wrong recovery code does not lock the app, nor the other way round."""
    device, codes = enrolled(programme_manager)
    client.force_login(programme_manager)
    client.post(TWO_FACTOR, {"code": "notacode"})
    assert client.post(TWO_FACTOR, {"code": current_code(device)}).status_code == 302


def test_wrong_codes_at_enrolment_wait_too(client, editor):
    client.force_login(editor)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.post(TWO_FACTOR, {"code": "000000"})
    refused = client.post(TWO_FACTOR, {"code": current_code(device)})
    assert refused.status_code == 429 and WAIT in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_the_refusal_is_in_french_too(client, programme_manager):
    enrolled(programme_manager)
    client.force_login(programme_manager)
    client.post(TWO_FACTOR, {"code": "000000"})
    refused = client.post(localized_path(TWO_FACTOR, "fr"), {"code": "123456"})
    assert refused.status_code == 429
    assert "Attendez un peu et réessayez" in refused.content.decode()


def test_nothing_is_counted_in_the_cache(client, programme_manager):
    enrolled(programme_manager)
    client.force_login(programme_manager)
    client.post(TWO_FACTOR, {"code": "000000"})
    client.post(TWO_FACTOR, {"code": "000000"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM csa_cache_two_factor_test")
        keys = [row[0] for row in cursor.fetchall()]
    assert not [key for key in keys if "throttle" in key]


# One process of the application, under the production settings: it tries a code.
_TRY_A_CODE = """
import sys
import django

django.setup()
from cooperation.accounts import services
from cooperation.models import User

user = User.objects.get(email=sys.argv[1])
try:
    services.second_factor_verify(user=user, code=sys.argv[2])
except services.SecondFactorWait:
    print("wait")
except services.SecondFactorError:
    print("refused")
else:
    print("accepted")
"""


def _in_another_process(database, email, code) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x-very-long-random-secret-key-for-this-test-only-0123456789abcdef",
        "ALLOWED_HOSTS": "csa.example.eu",
        "DATABASE_URL": f"sqlite:///{database.settings_dict['NAME']}",
        "OTP_TOTP_THROTTLE_FACTOR": "60",
    }
    done = subprocess.run(
        [sys.executable, "-c", _TRY_A_CODE, email, code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


def test_the_wait_holds_across_processes(scratch):
    executor = MigrationExecutor(scratch)
    apps = {"cooperation", "otp_totp", "otp_static"}
    executor.migrate([node for node in executor.loader.graph.leaf_nodes() if node[0] in apps])
    user = User.objects.using(SCRATCH).create(email="pm@example.eu", password="!")
    device = TOTPDevice.objects.using(SCRATCH).create(user=user, name="Authenticator app")

    assert _in_another_process(scratch, user.email, "000000") == "refused"
    assert _in_another_process(scratch, user.email, current_code(device)) == "wait"
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
