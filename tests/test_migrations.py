"""Migrations can be undone: every data migration (RunPython) and raw SQL (RunSQL) in the
project's apps declares how to reverse it (`migrations.RunPython.noop` counts when there is
nothing to undo). Migrating back to zero and forward again on a test database would prove
more but costs minutes; this check catches the usual omission in milliseconds."""

from django.db import migrations
from django.db.migrations.loader import MigrationLoader

PROJECT_APPS = ("core", "cooperation", "funding", "cms")


def _operations(operations):
    for operation in operations:
        yield operation
        # SeparateDatabaseAndState nests operations.
        yield from _operations(getattr(operation, "database_operations", []))


def project_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {key: m for key, m in loader.disk_migrations.items() if key[0] in PROJECT_APPS}


def test_the_project_has_migrations_to_check():
    apps = {app for app, _name in project_migrations()}
    assert apps == set(PROJECT_APPS)


def test_every_data_migration_can_be_reversed():
    irreversible = []
    for (app, name), migration in sorted(project_migrations().items()):
        for operation in _operations(migration.operations):
            if isinstance(operation, migrations.RunPython) and operation.reverse_code is None:
                irreversible.append(f"{app}.{name}: RunPython {operation.code.__name__}")
            if isinstance(operation, migrations.RunSQL) and operation.reverse_sql is None:
                irreversible.append(f"{app}.{name}: RunSQL")
    assert irreversible == [], "add reverse_code (or RunPython.noop): " + ", ".join(irreversible)
