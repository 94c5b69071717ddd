import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from cooperation.accounts.roles import Role
from cooperation.models import User
from demo.people import ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


# Wagtail's index of which object references which: derived from the pages, rebuilt by
# `rebuild_references_index`, and filled in more or less eagerly depending on when its
# signal handlers see a page saved — not demo data.
DERIVED = {"wagtailcore.ReferenceIndex"}


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"cooperation", "funding", "cms", "wagtailcore", "auth"}
        and model._meta.label not in DERIVED
    }


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first
    assert first["cooperation.Organisation"] >= 20


def test_every_role_has_a_demo_account_that_can_sign_in(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    roles = {role for *_, role, _org, _su in ACCOUNTS}
    assert roles == set(Role.values)
    for email, *_ in ACCOUNTS:
        # The lock-out (django-axes) needs the request of every sign-in.
        assert client.login(request=HttpRequest(), username=email, password=DEMO_PASSWORD), email
    assert User.objects.get(email="admin@demo.example.eu").is_superuser


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published password"):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()


def test_seeded_choice_fields_hold_declared_choices(settings):
    """The demo writes through create(), which does not validate choices: check them all,
    so that a value SQLite accepts but PostgreSQL's column length refuses cannot slip in."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    problems = []
    for model in apps.get_models():
        if model._meta.app_label not in {"cooperation", "funding", "cms"}:
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            allowed = {value for value, _label in field.flatchoices}
            used = set(model.objects.values_list(field.attname, flat=True).distinct())
            unknown = {value for value in used if value not in allowed and value not in ("", None)}
            if unknown:
                problems.append(f"{model._meta.label}.{field.name}: {sorted(map(str, unknown))}")
    assert problems == []


def test_the_demo_plan_passes_the_rules_a_manager_edits_it_under(settings):
    """Every seeded deliverable and reporting period passes its model's clean() (periods
    within the project, never overlapping), so correcting one on the staff screen is
    refused only for what it changes."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    problems = []
    for model in (
        apps.get_model("funding", "Deliverable"),
        apps.get_model("funding", "ReportingPeriod"),
    ):
        for record in model.objects.select_related("project"):
            try:
                record.full_clean(validate_constraints=False)
            except ValidationError as error:
                problems.append(f"{record.project.acronym} {record}: {error.messages}")
    assert problems == []
