"""The manager's ranking page shows the whole ranking a page at a time, with each
proposal's consensus score per criterion."""

import pytest
from django.urls import reverse

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


def test_ranking_page_is_paginated_and_shows_the_scores(client, monkeypatch):
    monkeypatch.setattr(evaluation_topics, "RANKING_PAGE_SIZE", 2)
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    proposals = [submitted(topic) for _ in range(3)]
    close(topic)
    experts = [expert(), expert()]
    for proposal, scores in zip(
        proposals, [["3", "3", "3.5"], ["5", "4.5", "4"], ["4", "4", "4"]], strict=True
    ):
        admit(proposal, boss)
        evaluate(proposal, boss, experts, scores)
    client.force_login(boss)
    url = reverse("evaluation:ranking", args=[topic.pk])

    first = client.get(url).content.decode()
    assert proposals[1].number in first and proposals[2].number in first
    assert proposals[0].number not in first
    assert "ranks 1 to 2 of 3" in first
    assert '<td class="number">4.5' in first  # the best one's Impact score

    second = client.get(url, {"page": 2}).content.decode()
    assert proposals[0].number in second and proposals[1].number not in second
    assert "ranks 3 to 3 of 3" in second
