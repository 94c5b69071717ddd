"""Journey (5): a visitor filters the calls, switches to French and subscribes to the
deadline calendar; on the way every public page passes axe-core."""

import re

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, visit

pytestmark = pytest.mark.browser


def test_a_visitor_filters_calls_switches_to_french_and_subscribes(page, demo):
    visit(page, "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calls").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"status=open"))
    rows = page.locator("table tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 1
    expect(page.get_by_role("link", name="ISF-DEMO-AG-CSA")).to_be_visible()
    assert page.get_by_role("link", name="HORIZON-CL3-DEMO-FCT-02").count() == 0
    assert_accessible(page)

    page.get_by_role("link", name="ISF-DEMO-AG-CSA").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demonstration call")
    assert_accessible(page)

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert "/fr/" in page.url  # the language is in the address, so the link can be shared
    expect(page.get_by_role("link", name="Aller au contenu principal")).to_be_attached()
    assert_accessible(page)

    link = page.get_by_role("link", name=re.compile("iCalendar"))
    href = link.get_attribute("href")
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any("ISF-DEMO-AG-CSA-01" in summary for summary in summaries), summaries


def test_every_public_page_passes_axe(page, demo):
    for path in (
        "/",
        "/calls/",
        "/strategy/",
        "/news/",
        "/projects/",
        "/workstreams/",
        "/workstreams/stakeholders/",
        "/search/?q=hotline",
        "/accounts/login/",
        "/accounts/sign-up/",
        "/accounts/password/reset/",
    ):
        visit(page, path)
    page.goto("/news/")
    page.get_by_role("main").locator("article a, li a, h2 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto("/projects/")
    page.get_by_role("main").locator("table a").first.click()
    expect(page).to_have_url(re.compile(r"/projects/\d{6,12}/$"))
    assert_accessible(page)
