"""Journey (1): an applicant signs up, confirms the address, registers an organisation,
drafts a proposal with a partner, a budget and a PDF, fixes what the check lists, submits
(through the page that asks to confirm) and sees the receipt; the submitted proposal's
sections are read-only until it is reopened. Every page passes axe-core."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from funding.models import Proposal, ProposalSubmission
from tests.browser.helpers import assert_accessible, small_pdf

pytestmark = pytest.mark.browser

PASSWORD = "Quiet-harbour-lantern-42"


def problems(page) -> list[str]:
    return page.locator(".check-results li[data-code]").evaluate_all(
        "items => items.map(item => item.dataset.code)"
    )


def fix(page, code: str):
    """Follow the check's "Fix it" link of one problem."""
    page.locator(f'.check-results li[data-code="{code}"]').get_by_role(
        "link", name="Fix it"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def run_check(page):
    """From any page of the proposal: back to its overview, then "Check my proposal"."""
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name=re.compile("^P-")
    ).click()
    page.get_by_role("link", name="Check my proposal").click()
    expect(page.get_by_role("heading", name="Check of your proposal")).to_be_visible()
    assert_accessible(page)


def test_an_applicant_signs_up_and_submits_a_proposal(page, demo, tmp_path):
    # Sign up and confirm the address from the e-mail.
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    assert_accessible(page)
    page.get_by_label("First name").fill("Eva")
    page.get_by_label("Last name").fill("Novak")
    page.get_by_label("E-mail address").fill("eva.novak@policija.example.si")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD + "x")
    page.get_by_role("main").get_by_role("button").click()
    # The error is tied to its field, and what was typed is kept.
    confirmation = page.get_by_label("Password confirmation")
    expect(confirmation).to_have_attribute("aria-invalid", "true")
    expect(confirmation).to_have_attribute("aria-describedby", re.compile("id_password2_error"))
    expect(page.locator("#id_password2_error")).to_contain_text("didn’t match")
    expect(page.get_by_label("Last name")).to_have_value("Novak")
    assert_accessible(page)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    confirmation.fill(PASSWORD)
    page.get_by_role("main").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    # Only the new address's mail: seeding the demo on the live server's (committed)
    # database also sent the demo's own notices, such as a declared conflict of interest.
    sent = [m for m in mail.outbox if "eva.novak@policija.example.si" in m.to]
    assert len(sent) == 1
    link = re.search(r"https?://\S+/accounts/confirm/\S+/", sent[0].body).group(0)
    page.goto(link)
    expect(page.get_by_role("status")).to_contain_text("confirmed")
    assert_accessible(page)

    # Sign in (the address is remembered from the confirmation).
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    # Register the organisation.
    page.goto("/organisations/register/")
    assert_accessible(page)
    page.get_by_label("Legal name").fill("Policija (Slovenian Police)")
    page.get_by_label("Short name").fill("Policija SI")
    page.get_by_label("Country").select_option("SI")
    page.get_by_label("Organisation type").select_option("PUB")
    page.get_by_role("main").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Policija")
    assert_accessible(page)
    page.goto("/organisations/")
    assert_accessible(page)

    # Start a proposal from the open call's page.
    page.goto("/calls/isf-demo-ag-csa/")
    page.get_by_role("link", name="Apply to ISF-DEMO-AG-CSA-01").click()
    assert_accessible(page)
    page.get_by_label("Acronym").fill("SAFE-SI")
    page.get_by_label("Title").fill("Prevention network for people who fear they may offend")
    page.get_by_role("button", name="Start the proposal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("SAFE-SI")
    assert_accessible(page)

    # The check lists what is missing; each problem links to its section.
    run_check(page)
    assert {"missing_abstract", "too_few_applicants", "part_b_missing"} <= set(problems(page))

    fix(page, "missing_abstract")
    page.get_by_label("Abstract").fill("Practice groups across Slovenia, Belgium and Spain.")
    page.get_by_label("Keywords").fill("prevention, helplines")
    page.get_by_label("Duration (months)").fill("24")
    page.get_by_role("main").get_by_role("button", name=re.compile("^Save")).click()
    expect(page.get_by_role("status")).to_be_visible()

    run_check(page)
    fix(page, "too_few_applicants")
    for partner in ("Fed. Police BE", "INCIBE"):
        page.get_by_label("Role in the consortium").select_option("beneficiary")
        page.get_by_label("Organisation from the registry").select_option(label=partner)
        page.get_by_role("button", name="Add the partner").click()
        expect(
            page.get_by_role("rowheader", name=re.compile(re.escape(partner[:6])))
        ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Budget", exact=True).click()
    assert_accessible(page)
    for field in page.get_by_label(re.compile("^Personnel — ")).all():
        field.fill("200000.00")
    page.get_by_role("main").get_by_role("button", name=re.compile("^Save")).click()
    expect(page.get_by_role("status")).to_be_visible()

    page.get_by_role("link", name="Personnel", exact=True).click()
    assert_accessible(page)

    page.get_by_role("link", name="Attachments", exact=True).click()
    assert_accessible(page)
    pdf = tmp_path / "part-b.pdf"
    pdf.write_bytes(small_pdf())
    page.get_by_label("Kind of document").select_option("part_b")
    page.get_by_label("File").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("link", name="part-b.pdf")).to_be_visible()

    run_check(page)
    assert problems(page) == []
    expect(page.get_by_text("Nothing is missing")).to_be_visible()

    # Submitting cannot be taken back: a page says what happens and asks to confirm.
    page.get_by_role("link", name="Submit the proposal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Submit .* SAFE-SI\?$"))
    expect(page.get_by_text("A submission cannot be taken back.")).to_be_visible()
    assert_accessible(page)
    assert Proposal.objects.get(acronym="SAFE-SI").status == "draft"
    page.get_by_role("button", name="Yes, submit the proposal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("receipt", ignore_case=True)
    assert_accessible(page)
    submission = ProposalSubmission.objects.get(proposal__acronym="SAFE-SI")
    expect(page.get_by_text(submission.checksum)).to_be_visible()
    assert Proposal.objects.get(acronym="SAFE-SI").status == "submitted"

    # Submitted, each section of the task list opens read-only: what was submitted, why it
    # cannot be changed, and the button to reopen it.
    page.get_by_role("link", name="Back to the proposal").click()
    page.get_by_role("link", name=re.compile("^Budget and personnel of Policija SI")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget")
    expect(
        page.get_by_text("This proposal is submitted. Reopen it to make changes")
    ).to_be_visible()
    expect(page.get_by_role("rowheader", name=re.compile("^Policija SI"))).to_have_count(2)
    expect(page.get_by_role("button", name=re.compile("^Save"))).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Attachments", exact=True).click()
    expect(page.get_by_role("link", name="part-b.pdf")).to_be_visible()
    expect(page.get_by_role("button", name="Upload")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Reopen to make changes").click()
    expect(page.get_by_role("status")).to_contain_text("open for changes")
    assert Proposal.objects.get(acronym="SAFE-SI").status == "draft"
    page.get_by_role("link", name="Budget", exact=True).click()
    expect(page.get_by_role("button", name=re.compile("^Save"))).to_be_visible()

    page.goto("/applicant/")
    assert_accessible(page)
