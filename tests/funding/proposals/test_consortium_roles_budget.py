"""Associated partners receive no EU contribution and are not in the requested amount; their
costs are shown for information. Affiliated entities' costs count, at the rate of their own
organisation type (as beneficiaries'). Checked to the cent through the proposal's budget,
the eligibility check, the evaluated version and the ranking's budget split."""

from decimal import Decimal as D

import pytest

from funding.evaluation.ranking.loading import topic_ranking
from funding.evaluation.snapshot import snapshot_figures
from funding.models import ActionType, Partner, PartnerRole
from funding.proposals.budget import proposal_budget
from funding.proposals.eligibility import check_proposal
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    submit,
    submitted,
)
from tests.funding.factories_proposals import PartnerFactory, complete_proposal

pytestmark = pytest.mark.django_db


def _with_associated(proposal, personnel=D("12345.67"), purchase=D("1000.00")):
    return PartnerFactory(
        proposal=proposal,
        organisation=OrganisationFactory(country="NO"),
        role=PartnerRole.ASSOCIATED_PARTNER,
        personnel_costs=personnel,
        purchase_costs=purchase,
    )


def test_an_associated_partner_is_shown_for_information_and_not_requested():
    # RIA topic: 25 % flat rate, 100 % funding. Coordinator 400,000 and two beneficiaries
    # at 200,000 of personnel: 1,000,000.00 eligible and requested.
    proposal = complete_proposal()
    _with_associated(proposal)
    budget = proposal_budget(proposal)
    assert budget.eligible == D("1000000.00")
    assert budget.requested == D("1000000.00")
    assert budget.direct == D("800000.00")
    assert budget.indirect == D("200000.00")
    # 13,345.67 direct + 3,336.42 flat rate (3,336.4175 rounded half up), for information
    assert budget.information == D("16682.09")
    line = budget.partners[-1]
    assert (line.direct, line.indirect) == (D("13345.67"), D("3336.42"))
    assert (line.eligible, line.funding_rate, line.requested) == (D("0.00"), D("0"), D("0.00"))
    assert line.funded is False


def test_an_affiliated_entity_counts_at_the_rate_of_its_own_type():
    # IA topic: 70 %, 100 % for non-profit organisations.
    proposal = complete_proposal()
    type(proposal.topic).objects.filter(pk=proposal.topic_id).update(
        action_type=ActionType.IA, funding_rate=D("70.00"), non_profit_funding_rate=D("100.00")
    )
    proposal.topic.refresh_from_db()
    Partner.objects.filter(proposal=proposal).update(personnel_costs=D("0.00"))
    company = OrganisationFactory(country="DE", organisation_type="PRC")
    university = OrganisationFactory(country="DE", organisation_type="HES")
    PartnerFactory(
        proposal=proposal,
        organisation=company,
        role=PartnerRole.AFFILIATED_ENTITY,
        personnel_costs=D("10000.01"),
    )
    PartnerFactory(
        proposal=proposal,
        organisation=university,
        role=PartnerRole.AFFILIATED_ENTITY,
        personnel_costs=D("10000.01"),
    )
    budget = proposal_budget(proposal)
    # 10,000.01 + 2,500.00 (2,500.0025) = 12,500.01 each; 70 % of it is 8,750.007 -> 8,750.01
    assert [p.requested for p in budget.partners[-2:]] == [D("8750.01"), D("12500.01")]
    assert budget.eligible == D("25000.02")
    assert budget.requested == D("21250.02")


def test_the_maximum_grant_is_checked_on_the_amount_really_requested():
    proposal = complete_proposal()
    proposal.topic.max_grant = D("1000000.00")
    _with_associated(proposal, personnel=D("500000.00"), purchase=D("0.00"))
    assert check_proposal(proposal) == []


def test_the_minimum_grant_is_not_reached_with_an_associated_partners_costs():
    proposal = complete_proposal()
    proposal.topic.min_grant = D("1000000.01")
    _with_associated(proposal, personnel=D("500000.00"), purchase=D("0.00"))
    problems = check_proposal(proposal)
    assert [p.code for p in problems] == ["grant_below_minimum"]
    assert "€1,000,000.00" in problems[0].message


def test_the_evaluated_version_records_the_amount_really_requested():
    boss = manager()
    topic = evaluation_topic()
    proposal = complete_proposal(topic=topic)
    _with_associated(proposal)
    submit(proposal)
    close(topic)
    version = admit(proposal, boss).evaluated_version
    assert version.problems == []
    assert version.requested == D("1000000.00")
    assert version.eligible_costs == D("1000000.00")
    line = version.submission.snapshot["budget"]["partners"][-1]
    assert (line["direct"], line["eligible"], line["requested"]) == ("13345.67", "0.00", "0.00")


def test_a_snapshot_written_before_the_rule_is_read_without_the_associated_partner():
    snapshot = {
        "consortium": [
            {"role": "coordinator", "country": "NL"},
            {"role": "affiliated", "country": "NL"},
            {"role": "associated", "country": "NO"},
        ],
        "budget": {
            "partners": [
                {"eligible": "1250.00", "requested": "1250.00"},
                {"eligible": "125.01", "requested": "87.51"},
                {"eligible": "300000.00", "requested": "300000.00"},
            ],
            "total_eligible": "301375.01",
            "total_requested": "301337.51",
        },
        "personnel": [],
    }
    figures = snapshot_figures(snapshot, eligible_countries=frozenset({"NL", "NO"}))
    assert figures["requested"] == D("1337.51")
    assert figures["eligible_costs"] == D("1375.01")


def test_the_lists_split_the_budget_on_the_amounts_really_requested():
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    type(topic).objects.filter(pk=topic.pk).update(budget=D("2000000.00"))
    first = submitted(topic)
    second = complete_proposal(topic=topic)
    _with_associated(second, personnel=D("500000.00"), purchase=D("0.00"))
    submit(second)
    close(topic)
    experts = [expert(), expert()]
    for proposal, values in ((first, ["5", "5", "5"]), (second, ["4", "4", "4"])):
        admit(proposal, boss)
        evaluate(proposal, boss, experts, values)
    topic.refresh_from_db()
    _criteria, ranked = topic_ranking(topic)
    assert [r.candidate.requested for r in ranked] == [D("1000000.00"), D("1000000.00")]
    assert [r.list_kind for r in ranked] == ["main", "main"]


def test_the_budget_page_shows_the_associated_partners_costs_for_information(client, make_user):
    from django.urls import reverse

    from tests.funding.factories_proposals import member_of

    proposal = complete_proposal()
    _with_associated(proposal)
    client.force_login(member_of(proposal.coordinator, make_user))
    for name in ("applicant:budget", "applicant:proposal"):
        body = client.get(reverse(name, args=[proposal.pk])).content.decode()
        assert "associated partner: costs for information, not funded" in body
        assert "€16,682.09" in body  # the associated partner's costs, for information
        assert "<strong>€1,000,000</strong>" in body  # the amount requested
