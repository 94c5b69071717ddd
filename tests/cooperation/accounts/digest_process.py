"""One host's daily run for test_digest_processes.py: the settings named by
DJANGO_SETTINGS_MODULE on the database named by DATABASE_URL. Once set up it prints "ready"
and waits for a line on its standard input (so both hosts start at once), then runs the
daily notices for the date on its command line and prints how many it sent."""

import datetime as dt
import sys

import django


def main(day: str) -> None:
    django.setup()
    from cooperation.accounts.notifications.schedule import notices_run

    print("ready", flush=True)
    sys.stdin.readline()
    print(notices_run(today=dt.date.fromisoformat(day)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
