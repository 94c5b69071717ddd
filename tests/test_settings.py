"""Settings come from the environment, with one-machine defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from config.env import env_bool, env_int, env_list, env_str
from tests.processes import production_environment, shared_database_url

ROOT = Path(__file__).resolve().parent.parent


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("NUMBER", "12")
    monkeypatch.setenv("HOSTS", "a.eu, b.eu,,")
    assert env_bool("FLAG") is True
    assert env_int("NUMBER", 1) == 12
    assert env_list("HOSTS") == ["a.eu", "b.eu"]
    assert env_str("MISSING_FOR_SURE", "fallback") == "fallback"
    monkeypatch.setenv("FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="true or false"):
        env_bool("FLAG")
    with pytest.raises(ImproperlyConfigured, match="Set the environment variable"):
        env_str("MISSING_FOR_SURE")


def _settings_in_subprocess(module, env, expression):
    code = (
        f"import django, os; django.setup(); from django.conf import settings; print({expression})"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def test_database_url_selects_postgresql():
    result = _settings_in_subprocess(
        "config.settings.dev",
        {"DATABASE_URL": "postgres://csa:secret@db.internal:5432/csa"},
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['HOST']",
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout and "db.internal" in result.stdout


def test_default_is_an_sqlite_file_in_brussels_time():
    result = _settings_in_subprocess(
        "config.settings.dev",
        {},
        "settings.DATABASES['default']['ENGINE'], settings.TIME_ZONE, settings.USE_TZ, "
        "[code for code, _ in settings.LANGUAGES]",
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout and "Europe/Brussels" in result.stdout
    assert "['en', 'fr']" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_subprocess("config.settings.production", {}, "settings.SECRET_KEY")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_reads_secrets_and_mail_from_the_environment():
    result = _settings_in_subprocess(
        "config.settings.production",
        {
            "SECRET_KEY": "k" * 60,
            "ALLOWED_HOSTS": "csa.example.eu",
            "EMAIL_HOST": "smtp.example.eu",
        },
        "settings.ALLOWED_HOSTS, settings.EMAIL_HOST, settings.EMAIL_BACKEND, "
        "settings.TASKS['default']['BACKEND'], settings.SESSION_COOKIE_SECURE",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "csa.example.eu" in out and "smtp.example.eu" in out and "smtp.EmailBackend" in out
    assert "django_tasks_db.DatabaseBackend" in out and "True" in out


def test_deploy_checks_are_clean_under_production_settings():
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Yq" * 10,
            "ALLOWED_HOSTS": "csa.example.eu",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_tests_use_memory_mail_and_immediate_tasks(settings):
    assert settings.EMAIL_BACKEND.endswith("locmem.EmailBackend")
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert not str(settings.PRIVATE_MEDIA_ROOT).startswith(str(settings.MEDIA_ROOT))


def test_production_turns_postgresql_jit_off_in_the_connection_options():
    base = {
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "csa.example.eu",
        "DATABASE_URL": "postgres://csa:secret@db.internal:5432/csa",
    }
    options = "settings.DATABASES['default'].get('OPTIONS', {}).get('options')"
    result = _settings_in_subprocess("config.settings.production", base, options)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c jit=off"
    result = _settings_in_subprocess(
        "config.settings.production", {**base, "DATABASE_JIT": "on"}, options
    )
    assert result.stdout.strip() == "-c jit=on"


@pytest.mark.django_db
def test_production_jit_is_really_off_on_the_server(tmp_path):
    """The option reaches the database the suite runs on: PostgreSQL reports jit off for
    the production connection; a SQLite database opens under production settings without
    it (PostgreSQL's option would make sqlite3 refuse to connect)."""
    code = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); "
        "c.execute('SHOW jit' if connection.vendor == 'postgresql' else 'SELECT 1'); "
        "print(connection.vendor, c.fetchone()[0], "
        "'options' in connection.settings_dict['OPTIONS'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_environment(shared_database_url(tmp_path)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    if connection.vendor == "postgresql":
        assert result.stdout.split() == ["postgresql", "off", "True"]
    else:
        assert result.stdout.split() == ["sqlite", "1", "False"]
