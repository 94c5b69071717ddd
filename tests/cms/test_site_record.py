"""The default Wagtail site follows SITE_URL, also while `migrate` runs under production
settings, before the database cache table exists."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_migrate_under_production_settings_before_the_cache_table(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x-very-long-random-secret-key-for-this-test-only-0123456789abcdef",
        "ALLOWED_HOSTS": "csa.example.eu",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "SITE_URL": "https://csa.example.eu",
    }
    run = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    shell = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from wagtail.models import Site; s = Site.objects.get(is_default_site=True);"
            " print(s.hostname, s.port)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.stdout.split()[-2:] == ["csa.example.eu", "443"], shell.stderr[-2000:]
