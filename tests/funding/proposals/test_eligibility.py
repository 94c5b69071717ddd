from decimal import Decimal

import pytest

from funding.models import Attachment, Partner, PartnerRole
from funding.proposals.eligibility import check_proposal
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories_proposals import PartnerFactory, complete_proposal

pytestmark = pytest.mark.django_db


def codes(proposal):
    return {problem.code for problem in check_proposal(proposal)}


def test_a_complete_proposal_has_no_problem():
    assert check_proposal(complete_proposal()) == []


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("acronym", "missing_acronym"),
        ("title", "missing_title"),
        ("abstract", "missing_abstract"),
        ("duration_months", "missing_duration"),
    ],
)
def test_missing_general_information(field, code):
    proposal = complete_proposal()
    setattr(proposal, field, None if field == "duration_months" else "  ")
    problems = check_proposal(proposal)
    assert [p.code for p in problems] == [code]
    assert problems[0].section == "general" and problems[0].message


def test_duration_too_long():
    proposal = complete_proposal()
    proposal.duration_months = 37
    assert codes(proposal) == {"duration_too_long"}


def test_associated_partners_do_not_count_as_applicants():
    proposal = complete_proposal()
    Partner.objects.filter(proposal=proposal, role=PartnerRole.BENEFICIARY).update(
        role=PartnerRole.ASSOCIATED_PARTNER
    )
    problems = check_proposal(proposal)
    assert {"too_few_applicants", "too_few_countries"} <= {p.code for p in problems}
    assert {p.section for p in problems if p.code.startswith("too_few")} == {"consortium"}


def test_too_few_countries_with_enough_applicants():
    proposal = complete_proposal()
    Partner.objects.filter(proposal=proposal).exclude(role=PartnerRole.COORDINATOR).delete()
    for _ in range(2):
        PartnerFactory(
            proposal=proposal,
            organisation=OrganisationFactory(country="NL"),
            personnel_costs=Decimal("200000"),
        )
    assert codes(proposal) == {"too_few_countries"}


def test_lead_organisation_type_not_allowed():
    proposal = complete_proposal()
    proposal.topic.lead_organisation_types = ["HES", "REC"]
    problems = check_proposal(proposal)
    assert [p.code for p in problems] == ["lead_type_not_allowed"]
    assert "Higher education" in problems[0].message


def test_requested_grant_below_minimum_and_above_maximum():
    proposal = complete_proposal()
    proposal.topic.min_grant = Decimal("1000001.00")
    assert codes(proposal) == {"grant_below_minimum"}  # requested is exactly 1,000,000.00
    proposal.topic.min_grant = Decimal("1000000.00")
    assert codes(proposal) == set()
    proposal.topic.max_grant = Decimal("999999.99")
    assert codes(proposal) == {"grant_above_maximum"}


def test_part_b_missing():
    proposal = complete_proposal()
    Attachment.objects.filter(proposal=proposal).delete()
    problems = check_proposal(proposal)
    assert [(p.code, p.section) for p in problems] == [("part_b_missing", "attachments")]
