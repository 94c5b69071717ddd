"""The demo tags its historic projects through the staff page's service: each tag is in the
project's history, by the demo's programme manager, and seeding again adds none."""

import pytest
from django.core.management import call_command

from cooperation.forum.models.workstreams import StrategyInitiative as I
from funding.models import FundedProject, ProjectInitiativeChange

pytestmark = pytest.mark.django_db


def test_the_demo_tags_projects_through_the_service(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    grace = FundedProject.objects.get(acronym="GRACE")
    change = ProjectInitiativeChange.objects.select_related("changed_by").get(project=grace)
    assert grace.initiative == change.to_initiative == I.LAW_ENFORCEMENT
    assert change.changed_by.email == "manager@demo.example.eu"
    count = ProjectInitiativeChange.objects.count()
    call_command("seed_demo", verbosity=0)
    assert ProjectInitiativeChange.objects.count() == count
