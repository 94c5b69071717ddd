"""Journey of a programme manager after selection: the demo's project in grant preparation
has half its checklist done; the manager validates the remaining beneficiaries' bank
accounts (an invalid IBAN first, refused beside the field with what was typed kept),
agrees the dates, records the signature (the project becomes ongoing), then records the
pre-financing the platform suggests. Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from funding.models import FundedProject, Payment, ProjectStatus
from funding.portfolio.checklist import signing_participants
from tests.browser.helpers import assert_accessible, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_manager_completes_grant_preparation_and_records_a_payment(page, demo):
    project = FundedProject.objects.get(grant_preparation__description__gt="")
    assert project.status == ProjectStatus.GRANT_PREPARATION
    sign_in(page, "manager@demo.example.eu")
    visit(page, f"/staff/portfolio/{project.grant_number}/preparation/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(project.acronym)

    waiting = [p for p in signing_participants(project) if not hasattr(p, "account")]
    assert waiting, "the demo leaves some bank accounts to validate"
    first = True
    for participant in waiting:
        page.get_by_role("link", name=f"Validate {participant.organisation.display_name}").click()
        assert_accessible(page)
        page.get_by_label("Legal registration or VAT number").fill(f"REG-{participant.pk}")
        page.get_by_label("Account holder").fill(participant.organisation.legal_name)
        if first:  # one digit off: the check digits do not match
            page.get_by_label("IBAN").fill("BE71 0961 2345 6768")
            page.get_by_role("button", name="Validate the legal entity and bank account").click()
            expect(page.get_by_text("Not a valid IBAN.")).to_be_visible()
            expect(page.get_by_label("Account holder")).to_have_value(
                participant.organisation.legal_name
            )
            assert_accessible(page)
            first = False
        page.get_by_label("IBAN").fill("NL91 ABNA 0417 1643 00")
        page.get_by_role("button", name="Validate the legal entity and bank account").click()
        expect(page.get_by_role("status")).to_contain_text("validated")

    page.get_by_label("Start date").fill("2025-10-01")
    page.get_by_label("Duration (months)").fill("36")
    page.get_by_role("button", name="Agree these dates").click()
    expect(page.get_by_role("status")).to_contain_text("agreed")
    assert_accessible(page)
    page.get_by_role("button", name="Record the signature and start the project").click()
    expect(page.get_by_role("status")).to_contain_text("the project is ongoing")
    project.refresh_from_db()
    assert project.status == ProjectStatus.ONGOING and project.signature_date

    visit(page, f"/staff/portfolio/{project.grant_number}/payments/")
    expect(page.get_by_text("Suggested pre-financing")).to_be_visible()
    page.get_by_label("Kind").select_option("pre_financing")
    page.get_by_label("Amount (EUR)").fill(str(project.eu_contribution + 1))
    page.get_by_label("Paid on").fill(project.signature_date.isoformat())
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text("above the maximum grant").first).to_be_visible()
    assert not Payment.objects.filter(project=project).exists()
    page.get_by_label("Amount (EUR)").fill("100000.00")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_role("status")).to_contain_text("€100,000")
    assert Payment.objects.get(project=project).amount == 100000
    assert_accessible(page)
