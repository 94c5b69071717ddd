"""A programme manager freezes a ranking that the task worker has not run yet: the
confirmation sends them to the freeze's status page, which says it waits, refuses a second
freeze and needs no JavaScript (a refresh link, and the page refreshes itself); once the
worker has run it, the page says the ranking is frozen and leads to it. Every page passes
axe-core."""

import pytest
from playwright.sync_api import expect

from funding.evaluation import tasks
from funding.evaluation.freeze_models import RankingFreeze
from tests.browser.helpers import assert_accessible, sign_in
from tests.browser.test_journeys_staff import evaluated  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_a_manager_follows_a_freeze_until_the_worker_has_run_it(page, evaluated, settings):  # noqa: F811
    topic, _proposals = evaluated
    settings.TASKS = QUEUED_ONLY
    sign_in(page, "manager@demo.example.eu")
    page.goto(f"/staff/evaluation/topics/{topic.pk}/ranking/freeze/")
    page.get_by_role("button", name="Yes, freeze the ranking and make the lists").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Freezing the ranking of {topic.identifier}"
    )
    expect(page.get_by_role("status")).to_contain_text("The freeze waits for the task worker.")
    assert_accessible(page)
    # The ranking page says so, and offers no second freeze.
    page.goto(f"/staff/evaluation/topics/{topic.pk}/ranking/")
    expect(page.get_by_text("The ranking is being frozen")).to_be_visible()
    expect(page.get_by_role("link", name="Freeze the ranking and make the lists")).to_have_count(0)
    page.get_by_role("link", name="Follow the freeze").click()

    tasks.ranking_freeze_run(freeze_id=RankingFreeze.objects.get(topic=topic).pk)
    page.get_by_role("link", name="Refresh now").click()
    expect(page.get_by_role("status")).to_contain_text(
        "The ranking is frozen and the lists are made."
    )
    assert_accessible(page)
    page.get_by_role("link", name="Show the frozen ranking").click()
    expect(page.get_by_role("link", name="Publish the results to the applicants")).to_be_visible()
