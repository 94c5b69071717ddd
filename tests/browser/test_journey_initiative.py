"""A programme manager tags a funded project with the strategy initiative it serves from
the project's staff page (no admin); a visitor then finds it on that initiative's page.
Each page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from cooperation.forum.models.workstreams import StrategyInitiative as I
from funding.models import FundedProject
from tests.browser.helpers import assert_accessible, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_manager_tags_a_project_and_the_strategy_page_shows_it(page, demo):
    project = FundedProject.objects.filter(status="ongoing").exclude(initiative=I.EU_CENTRE)[0]
    sign_in(page, "manager@demo.example.eu")
    visit(page, f"/staff/portfolio/{project.grant_number}/")
    page.get_by_role("link", name=re.compile(r"^(Set|Change) the initiative$")).click()
    assert_accessible(page)
    page.get_by_label("Strategy initiative").select_option(label="6. A European centre")
    page.get_by_label("Note").fill("Prepares the centre's knowledge hub.")
    page.get_by_role("button", name="Save the initiative").click()
    expect(page.get_by_role("status")).to_contain_text(
        "The project now serves “6. A European centre”."
    )
    project.refresh_from_db()
    assert project.initiative == I.EU_CENTRE

    page.context.clear_cookies()
    visit(page, "/strategy/6/")
    expect(page.get_by_role("main")).to_contain_text(project.acronym)
