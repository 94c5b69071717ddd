import pytest
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper

from tests.cooperation.accounts.otp_helpers import SCRATCH


@pytest.fixture
def scratch(tmp_path):
    """A connection to an empty SQLite file under its own alias, made for one test (the test
    database is left alone) and removed afterwards. Its file is `scratch.settings_dict["NAME"]`."""
    settings_dict = connections.configure_settings(
        {
            "default": dict(connections.settings["default"]),
            SCRATCH: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")},
        }
    )[SCRATCH]
    connection = DatabaseWrapper(settings_dict, SCRATCH)
    connections[SCRATCH] = connection
    yield connection
    connection.close()
    del connections[SCRATCH]
