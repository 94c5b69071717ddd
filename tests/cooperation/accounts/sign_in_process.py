"""One application process for test_throttle_processes.py.

Runs under the settings named by DJANGO_SETTINGS_MODULE (production, in that test) on the
database named by DATABASE_URL, and signs in through Django's test client at the moments
given on the command line: `EMAIL MINUTE:PASSWORD ...`, minutes after a fixed start (the
clock is simulated, nothing sleeps). Once set up it prints "ready" and waits for a line on
its standard input, so that the test can start both processes at once and still choose
which signs in first. Then prints one line per attempt: the status code, then whether the
page says the sign-in is locked.
"""

import datetime as dt
import sys

import django
import time_machine

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def main(email: str, attempts: list[str]) -> None:
    django.setup()
    from django.conf import settings
    from django.test import Client, override_settings

    # The static files are not collected for this test (the manifest storage of production
    # needs them to render a page); what it tests is the sign-in, not the static files.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        client = Client()
        print("ready", flush=True)
        sys.stdin.readline()
        for attempt in attempts:
            minute, password = attempt.split(":", 1)
            with time_machine.travel(START + dt.timedelta(minutes=float(minute)), tick=False):
                response = client.post(
                    "/accounts/login/", {"username": email, "password": password}, secure=True
                )
            locked = "Too many failed attempts" in response.content.decode()
            print(response.status_code, "locked" if locked else "open")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
