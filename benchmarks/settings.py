"""Settings for the benchmark: production-like (DEBUG off), its own database, never the demo's.

The database comes from BENCH_DATABASE_URL, which `benchmarks.run` sets; without it, an
SQLite file in benchmarks/results/. DATABASE_URL is deliberately ignored so that a shell
pointing at a real database cannot be benchmarked (and wiped) by mistake.
"""

import os

import dj_database_url

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR

RESULTS_DIR = BASE_DIR / "benchmarks" / "results"
DEFAULT_SQLITE = RESULTS_DIR / "bench.sqlite3"

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "benchmarks.urls"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE}"),
        conn_max_age=int(os.environ.get("BENCH_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # As in production (config/settings/production.py): PostgreSQL's JIT off.
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # One writer at a time: wait for the lock rather than fail.
    DATABASES["default"]["OPTIONS"] = {"timeout": 30}

# Accounts are created in bulk and signed in by session: hashing speed is not measured.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Receipts are rendered, recorded and queued as in production (the database task queue, no
# worker runs during the benchmark); were they sent, it would be nowhere.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Staff accounts sign in without the second factor here (the middleware still runs).
STAFF_TWO_FACTOR_REQUIRED = False
MEDIA_ROOT = RESULTS_DIR / "media"
PRIVATE_MEDIA_ROOT = RESULTS_DIR / "private-media"
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
