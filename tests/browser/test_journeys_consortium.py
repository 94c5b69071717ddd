"""Journey: consortium work on the demo's SAFE-CHAT. INCIBE's applicant (a partner the
coordinator shared the proposal with) fills INCIBE's budget line and says its share is
complete; the coordinator sees every task of the list complete and submits; the partner
then reads its share as submitted, read-only. Every page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from funding.models import Proposal
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser

PARTNER = "applicant2@demo.example.eu"  # INCIBE
COORDINATOR = "applicant@demo.example.eu"  # Politie NL


def task(page, label):
    return page.locator(".task-list__item").filter(has_text=label)


def test_a_partner_fills_its_share_and_the_coordinator_submits(page, demo):
    proposal = Proposal.objects.get(acronym="SAFE-CHAT")
    # The partner's member opens the shared proposal from their dashboard.
    sign_in(page, PARTNER)
    page.goto("/applicant/")
    page.get_by_role("link", name=re.compile("SAFE-CHAT")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("SAFE-CHAT")
    assert_accessible(page)
    expect(task(page, "Budget and personnel of INCIBE")).to_contain_text("In progress")
    expect(page.get_by_role("link", name="Submit the proposal")).to_have_count(0)
    task(page, "Budget and personnel of INCIBE").get_by_role("link").click()
    assert_accessible(page)
    # Only INCIBE's lines are theirs to fill.
    expect(page.get_by_label(re.compile("^Personnel — "))).to_have_count(1)
    page.get_by_label("Personnel — INCIBE").fill("255000.00")
    page.get_by_label("The budget and personnel of INCIBE are complete").check()
    page.get_by_role("main").get_by_role("button", name="Save the budget").click()
    expect(page.get_by_role("status")).to_contain_text("The budget is saved")
    assert_accessible(page)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name=re.compile("^P-")
    ).click()
    expect(task(page, "Budget and personnel of INCIBE")).to_contain_text("Complete")
    page.get_by_role("button", name="Sign out").click()

    # The coordinator sees every task complete and submits.
    sign_in(page, COORDINATOR)
    page.goto(f"/applicant/proposals/{proposal.pk}/")
    expect(page.locator(".task-list")).to_be_visible()
    completions = page.locator(".task-list__status").evaluate_all(
        "tags => tags.map(tag => tag.dataset.completion)"
    )
    assert len(completions) == 6 and set(completions) == {"complete"}
    expect(page.get_by_text(re.compile(r"You have completed (\d+) of \1 sections"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Submit the proposal").click()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Yes")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("[Rr]eceipt"))
    assert_accessible(page)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert proposal.partners.get(organisation__short_name="INCIBE").personnel_costs == 255000
    page.get_by_role("button", name="Sign out").click()

    # Submitted, the partner's member reads INCIBE's share as submitted: no form, no
    # reopen button, the reason said.
    sign_in(page, PARTNER)
    page.goto(f"/applicant/proposals/{proposal.pk}/")
    task(page, "Budget and personnel of INCIBE").get_by_role("link").click()
    expect(page.get_by_text("only the coordinator can reopen it")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^INCIBE — Beneficiary"))).to_contain_text(
        "€255,000"
    )
    expect(page.get_by_role("main").get_by_role("button")).to_have_count(0)
    assert_accessible(page)
