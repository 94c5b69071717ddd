"""Keyboard only: an applicant signs in, completes the general information and submits the
proposal, through the page that asks to confirm, with Tab, Enter and Space (and typing),
never the mouse; focus stays visible."""

import pytest
from playwright.sync_api import expect

from funding.models import ProposalSubmission
from tests.cooperation.factories import PASSWORD
from tests.funding.factories_proposals import complete_proposal, member_of

pytestmark = pytest.mark.browser

MAX_TABS = 60


def tab_to(page, selector: str):
    """Press Tab until the element matching `selector` has the focus; check it shows."""
    for _ in range(MAX_TABS):
        if not page.evaluate("s => document.activeElement.matches(s)", selector):
            page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            outline = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
            )
            visible = (outline[0] != "none" and outline[1] != "0px") or outline[2] != "none"
            assert visible, f"{selector} has no visible focus: {outline}"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab on {page.url}")


def test_an_applicant_submits_with_the_keyboard_only(page, make_user):
    proposal = complete_proposal()
    member_of(proposal.coordinator, make_user, email="keys@politie.example.nl")

    page.goto("/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("keys@politie.example.nl")
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"/applicant/proposals/{proposal.pk}/general/")
    tab_to(page, "#id_keywords")
    page.keyboard.type(", keyboard")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.keywords.endswith(", keyboard")

    page.goto(f"/applicant/proposals/{proposal.pk}/")
    tab_to(page, "a[href$='/submit/']")  # a link to the page that asks to confirm
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Submit")
    assert not ProposalSubmission.objects.filter(proposal=proposal).exists()
    tab_to(page, "main form button[type=submit]")  # "Yes, submit the proposal"
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Receipt")
    assert ProposalSubmission.objects.filter(proposal=proposal).count() == 1
