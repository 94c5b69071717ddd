"""The geographical-diversity tie-break counts the applicants' Member States and Associated
Countries of the topic's programme, valid on its deadline: NL+US+CN (one Member State) does
not outrank NL+BE."""

import datetime as dt

import pytest

from cooperation.models import Organisation
from funding.evaluation.ranking.loading import topic_ranking
from funding.models import EligibleCountry, Topic
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    submit,
)
from tests.funding.factories_proposals import complete_proposal

pytestmark = pytest.mark.django_db


def _consortium(topic, countries):
    """A complete proposal of three applicants in `countries` (coordinator first), submitted."""
    proposal = complete_proposal(topic=topic)
    partners = sorted(proposal.partners.order_by("pk"), key=lambda p: p.role != "coordinator")
    for partner, country in zip(partners, countries, strict=True):
        Organisation.objects.filter(pk=partner.organisation_id).update(country=country)
    return submit(proposal)


def _ranked(topic, proposals, experts, boss):
    close(topic)
    for proposal in proposals:
        admit(proposal, boss)
        evaluate(proposal, boss, experts, ["4", "4", "4"])
    topic.refresh_from_db()
    return topic_ranking(Topic.objects.select_related("call").get(pk=topic.pk))[1]


def test_third_countries_do_not_outrank_two_member_states():
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2, min_countries=2)
    # Submitted first, so the final rule (lower proposal number) would favour it.
    worldwide = _consortium(topic, ["NL", "US", "CN"])
    european = _consortium(topic, ["NL", "BE", "NL"])
    ranked = _ranked(topic, [worldwide, european], [expert(), expert()], boss)
    assert [r.candidate.proposal_id for r in ranked] == [european.pk, worldwide.pk]
    assert [r.candidate.countries for r in ranked] == [2, 1]
    assert ranked[0].separated_code == "countries"
    assert ranked[0].tied_with_next


def test_an_associated_country_counts_when_valid_on_the_deadline():
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2, min_countries=2)
    with_norway = _consortium(topic, ["NL", "NO", "NL"])
    with_belgium = _consortium(topic, ["NL", "BE", "BE"])
    programme = topic.call.programme
    # Norway associated only from the day after the deadline: it does not count yet.
    day_after = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    EligibleCountry.objects.filter(programme=programme, country="NO").update(valid_from=day_after)
    ranked = _ranked(topic, [with_norway, with_belgium], [expert(), expert()], boss)
    assert [r.candidate.proposal_id for r in ranked] == [with_belgium.pk, with_norway.pk]
    assert [r.candidate.countries for r in ranked] == [2, 1]
