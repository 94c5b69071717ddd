"""A frozen ranking entry keeps why it is on its list as codes and figures, worded in each
reader's language when read: a ranking frozen by a French-speaking manager reads in
English for an English reader, and the other way round. Entries frozen before the codes
show the text they stored."""

import pytest
from django.urls import reverse
from django.utils import translation

from funding.evaluation.models import RankingEntry
from funding.evaluation.ranking.frozen import frozen_ranking
from funding.evaluation.services import results
from funding.evaluation.summary import published_summary
from funding.models import AwardCriterion, Proposal, TopicEvaluation
from funding.proposals.statuses import ProposalStatus
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    submitted,
)
from tests.funding.factories_results import SCORES, publish

pytestmark = pytest.mark.django_db

REJECTED_EN = "Excellence scored 2.50, under its threshold of 3.00."
REJECTED_FR = "Excellence scientifique : note de 2.50, inférieure au seuil de 3.00."
MAIN_EN, MAIN_FR = "Within the topic's budget.", "Dans les limites du budget du sujet."


@pytest.fixture
def frozen_in_french():
    """A topic with a main-list and a rejected proposal, its lists computed by a manager
    reading in French; (topic, {"main" | "rejected": proposal}, manager)."""
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2, max_grant=None)
    AwardCriterion.objects.filter(topic=topic, code="excellence").update(
        name_fr="Excellence scientifique"
    )
    proposals = {kind: submitted(topic) for kind in ("main", "rejected")}
    close(topic)
    experts = [expert(), expert()]
    for kind, proposal in proposals.items():
        admit(proposal, boss)
        evaluate(proposal, boss, experts, SCORES[kind])
    with translation.override("fr"):
        results.topic_compute_lists(topic=topic, user=boss)
    return topic, proposals, boss


def _reasons(topic) -> list[tuple[str, str]]:
    return [(row.list_reason, row.candidate.outcome.explanation) for row in frozen_ranking(topic)]


def test_a_ranking_frozen_in_french_reads_in_each_readers_language(frozen_in_french):
    """Failed on the old code: the English reader read the French reasons."""
    topic, _proposals, _boss = frozen_in_french
    stored = dict(RankingEntry.objects.values_list("list_kind", "list_reason"))
    assert stored == {"main": MAIN_FR, "rejected": REJECTED_FR}  # the entry as frozen
    with translation.override("en"):
        assert _reasons(topic) == [(MAIN_EN, ""), (REJECTED_EN, REJECTED_EN)]
    with translation.override("fr"):
        assert _reasons(topic) == [(MAIN_FR, ""), (REJECTED_FR, REJECTED_FR)]


def test_a_ranking_frozen_in_english_reads_in_french(frozen_in_french):
    topic, _proposals, boss = frozen_in_french
    # Back to the consensus, to freeze again in English.
    RankingEntry.objects.filter(topic=topic).delete()
    Proposal.objects.filter(topic=topic).update(status=ProposalStatus.CONSENSUS)
    TopicEvaluation.objects.filter(topic=topic).update(lists_computed_at=None)
    with translation.override("en"):
        results.topic_compute_lists(topic=topic, user=boss)
        assert _reasons(topic)[1] == (REJECTED_EN, REJECTED_EN)
    with translation.override("fr"):
        assert _reasons(topic) == [(MAIN_FR, ""), (REJECTED_FR, REJECTED_FR)]


def test_the_ranking_page_and_the_summary_speak_the_readers_language(client, frozen_in_french):
    topic, proposals, boss = frozen_in_french
    client.force_login(boss)
    with translation.override("en"):
        english = client.get(reverse("evaluation:ranking", args=[topic.pk])).content.decode()
    with translation.override("fr"):
        french = client.get(reverse("evaluation:ranking", args=[topic.pk])).content.decode()
    assert REJECTED_EN in english and REJECTED_FR not in english
    assert REJECTED_FR in french and REJECTED_EN not in french
    publish(topic, boss, notify=False)
    with translation.override("en"):
        assert published_summary(proposals["rejected"]).list_reason == REJECTED_EN
        assert published_summary(proposals["main"]).list_reason == MAIN_EN
    with translation.override("fr"):
        assert published_summary(proposals["rejected"]).list_reason == REJECTED_FR


@pytest.mark.parametrize("codes", [[], [{"code": "unheard_of"}], [{"code": "under_overall"}]])
def test_an_entry_without_usable_codes_shows_the_text_it_stored(frozen_in_french, codes):
    topic, _proposals, _boss = frozen_in_french
    RankingEntry.objects.filter(topic=topic).update(reason_codes=codes)
    with translation.override("en"):
        assert _reasons(topic) == [(MAIN_FR, ""), (REJECTED_FR, REJECTED_FR)]
