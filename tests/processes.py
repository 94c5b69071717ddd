"""What the tests that run a second process under production settings share: a database
address that process can open holding what the test committed, the production
environment to start it in, and a way to read back what it wrote."""

import os
import sqlite3
from pathlib import Path

from django.db import connection

PRODUCTION_SECRET_KEY = "a-secret-key-for-this-test-only-" + "x" * 40


def shared_database_url(tmp_path: Path, *, sqlite_options: str = "") -> str:
    """On SQLite a copy of the test database in `tmp_path` (the test's own is in memory or
    inside its transaction), with `sqlite_options` as the address's query string; on
    PostgreSQL the test database itself (a transactional test commits to it)."""
    if connection.vendor == "sqlite":
        target = tmp_path / "shared.sqlite3"
        copy = sqlite3.connect(target)
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{target}" + (f"?{sqlite_options}" if sqlite_options else "")
    database = connection.settings_dict
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def production_environment(
    database_url: str, *, drop: tuple[str, ...] = ("DJANGO_", "DATABASE_"), **extra: str
) -> dict[str, str]:
    """This process's environment without the variables starting with `drop`, set for
    production settings on `database_url`; `extra` adds or overrides variables."""
    kept = {key: value for key, value in os.environ.items() if not key.startswith(drop)}
    return {
        **kept,
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": PRODUCTION_SECRET_KEY,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": database_url,
        **extra,
    }


def shared_rows(database_url: str, sql: str) -> list[tuple]:
    """Read what the other process wrote (the SQLite copy, or the PostgreSQL database)."""
    if database_url.startswith("sqlite:///"):
        reader = sqlite3.connect(database_url.removeprefix("sqlite:///").split("?")[0])
        try:
            return reader.execute(sql).fetchall()
        finally:
            reader.close()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()
