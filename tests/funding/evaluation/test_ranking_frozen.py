"""Once the lists are made, the ranking page and exports read the frozen ranking entries
and recompute nothing; before, the live preview explains only the rows it shows."""

import pytest
from django.urls import reverse
from django.utils import translation

from funding.evaluation.models import ConsensusScore, RankingEntry
from funding.evaluation.ranking import frozen, loading
from funding.evaluation.ranking.frozen import ranking_page
from funding.evaluation.services import results
from funding.evaluation.views import topics as evaluation_topics
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    submitted,
)

pytestmark = pytest.mark.django_db

SCORES = (["4", "4", "4.5"], ["2", "4", "4"], ["5", "3.5", "4"], ["1", "1", "1"])


def _topic(boss, count):
    topic = evaluation_topic(experts_per_proposal=2)
    proposals = [submitted(topic) for _ in range(count)]
    close(topic)
    experts = [expert(), expert()]
    for index, proposal in enumerate(proposals):
        admit(proposal, boss)
        evaluate(proposal, boss, experts, SCORES[index % len(SCORES)])
    return topic, proposals


def _no_recomputation(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a frozen ranking is read from its entries, not recomputed")

    for module in (loading, frozen, evaluation_topics):
        if hasattr(module, "topic_ranking"):
            monkeypatch.setattr(module, "topic_ranking", refuse)
    monkeypatch.setattr(loading, "candidates_for_topic", refuse)


def test_frozen_ranking_page_reads_its_entries_in_queries_that_do_not_grow(
    client, monkeypatch, django_assert_max_num_queries
):
    boss = manager()
    small, _ = _topic(boss, 2)
    large, _ = _topic(boss, 6)
    with translation.override("en"):  # the failure texts are stored in the freezer's language
        for topic in (small, large):
            results.topic_compute_lists(topic=topic, user=boss)
    _no_recomputation(monkeypatch)
    client.force_login(boss)
    client.get(reverse("evaluation:ranking", args=[small.pk]))
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("evaluation:ranking", args=[small.pk])).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("evaluation:ranking", args=[large.pk]))
    body = response.content.decode()
    assert body.count("evaluation/proposals/") >= 6
    assert "Below threshold" not in body  # a rejected row shows its own failures
    assert "scored 1.00, under its threshold" in body
    for fmt in ("csv", "xlsx"):
        export = client.get(reverse(f"evaluation:ranking_{fmt}", args=[large.pk]))
        assert export.status_code == 200


def _table(response):
    body = response.content.decode()
    return body[body.index("<table>") : body.index("</table>")]


def test_frozen_ranking_page_shows_what_was_frozen_after_a_score_changes(client, monkeypatch):
    boss = manager()
    topic, proposals = _topic(boss, 3)
    results.topic_compute_lists(topic=topic, user=boss)
    first = RankingEntry.objects.get(topic=topic, position=1)
    assert first.proposal == proposals[2]  # 5 + 3.5 + 4
    assert first.scores and first.requested > 0
    client.force_login(boss)
    url = reverse("evaluation:ranking", args=[topic.pk])
    before = _table(client.get(url))

    # A later change of a consensus score (there is no service for it: the report is
    # closed) does not move the frozen ranking, nor what its page shows.
    ConsensusScore.objects.filter(report__proposal=proposals[0]).update(score="5")
    after = _table(client.get(url))
    assert after == before
    assert '<td class="number">4.00</td>' in after  # proposal 0's Excellence, as frozen
    live = loading.topic_ranking(topic)[1]
    assert live[0].candidate.proposal_id == proposals[0].pk  # the live figures did move
    csv = client.get(reverse("evaluation:ranking_csv", args=[topic.pk])).content.decode()
    assert csv.splitlines()[1].split(",")[1] == proposals[2].number


def test_live_preview_explains_only_the_rows_shown():
    boss = manager()
    topic, proposals = _topic(boss, 8)  # four below threshold: ranks 5 to 8
    shown = ranking_page(topic=topic, frozen=False, number=4, per_page=2)
    assert [row.position for row in shown.page] == [7, 8]
    for row in shown.page:
        assert not row.candidate.outcome.passed
        assert "under its threshold" in row.candidate.outcome.explanation
        assert row.score_list == [row.candidate.scores[c.id] for c in shown.criteria]
    # The other rows are neither read nor explained (tests/funding/evaluation/
    # test_ranking_preview.py: only the shown rows and the next are made).
    assert len(shown.page.object_list) == 2
