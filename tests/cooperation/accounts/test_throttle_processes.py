"""Two application processes, one database: failed sign-ins in each count together.

Each process runs `sign_in_process.py` under the production settings (the database cache,
DEBUG off) against the same database: a copy of the test database in an SQLite file, or the
PostgreSQL test database itself when the suite runs on PostgreSQL.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.test import override_settings

from tests.cooperation.factories import PASSWORD, UserFactory
from tests.processes import production_environment, shared_database_url

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).with_name("sign_in_process.py")
DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "csa_cache"}
}


def _shared_database(tmp_path) -> str:
    """A DATABASE_URL that another process can open, holding what this test committed."""
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
    return shared_database_url(tmp_path)


def _start(database_url: str, email: str, *attempts: str, errors) -> subprocess.Popen:
    """A production process, set up and waiting for `_run`."""
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), email, *attempts],
        cwd=ROOT,
        env=production_environment(
            database_url, drop=("DJANGO_", "DATABASE_", "LOGIN_", "PASSWORD_RESET")
        ),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    return process


def _run(process: subprocess.Popen, errors) -> list[str]:
    """Let a process make its attempts; their answers. (It wrote nothing after "ready", so
    nothing is left in the pipe's buffer for `communicate` to miss.)"""
    answers, _ = process.communicate("go\n", timeout=120)
    assert process.returncode == 0, errors.read_text()[-3000:]
    return answers.splitlines()


@pytest.mark.django_db(transaction=True)
def test_failures_in_two_processes_lock_the_account_together(tmp_path):
    # A hash that production's hasher can check (the test settings' is not in its list), with
    # few iterations so that each wrong password is checked quickly.
    user = UserFactory()
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "a-test-salt", iterations=1000)
    user.save(update_fields=["password"])
    database_url = _shared_database(tmp_path)

    # Five failures allowed per account in fifteen minutes: two in one process, three in the
    # other, more than five minutes apart (the database cache's default timeout). Both
    # processes start together; the first signs in first.
    errors = [tmp_path / "first.err", tmp_path / "second.err"]
    with errors[0].open("w") as first_errors, errors[1].open("w") as second_errors:
        first = _start(database_url, user.email, "0:wrong", "6:wrong", errors=first_errors)
        second = _start(
            database_url,
            user.email,
            *("12:wrong", "13:wrong", "14:wrong", f"14.5:{PASSWORD}"),
            errors=second_errors,
        )
        try:
            for process, log in zip((first, second), errors, strict=True):
                assert process.stdout.readline() == "ready\n", log.read_text()[-3000:]
            first_answers = _run(first, errors[0])
            second_answers = _run(second, errors[1])
        finally:
            for process in (first, second):
                if process.poll() is None:
                    process.kill()
    assert first_answers == ["200 open", "200 open"]
    # The fifth failure locks the account; then even the right password is refused.
    assert second_answers == ["200 open", "200 open", "429 locked", "429 locked"]
