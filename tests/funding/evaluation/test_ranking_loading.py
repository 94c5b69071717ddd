"""The candidates query (one join with the consensus scores, grouped by proposal, one
filtered sum per criterion) reads exactly the scores stored, on SQLite and PostgreSQL:
compared with a plain reading of the score rows on a varied data set (missing scores,
draft and absent reports, other topics, panel priorities, weights)."""

import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.evaluation.models import (
    ConsensusReport,
    ConsensusScore,
    ConsensusStatus,
    PanelPriority,
)
from funding.evaluation.ranking.loading import candidates_for_topic, criteria_of
from funding.evaluation.ranking.rules import outcome
from funding.models import AwardCriterion
from tests.cooperation.factories import UserFactory
from tests.funding.factories import TopicFactory
from tests.funding.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db

HALVES = [Decimal(n) / 2 for n in range(11)]  # 0.0 to 5.0


def _criteria(topic, weights):
    return [
        AwardCriterion.objects.create(
            topic=topic, code=f"c{i}", name=f"Criterion {i}", weight=weight, position=i
        )
        for i, weight in enumerate(weights)
    ]


def _report(proposal, criteria, rapporteur, *, status, missing=(), rng):
    report = ConsensusReport.objects.create(
        proposal=proposal, rapporteur=rapporteur, status=status, closed_at=timezone.now()
    )
    ConsensusScore.objects.bulk_create(
        ConsensusScore(report=report, criterion=c, score=rng.choice(HALVES), comment="-")
        for c in criteria
        if c not in missing
    )


def _varied_topic():
    rng = random.Random(19)
    rapporteur = UserFactory()
    topic = TopicFactory()
    criteria = _criteria(topic, [Decimal("1"), Decimal("1.5"), Decimal("1")])
    other = TopicFactory()
    other_criteria = _criteria(other, [Decimal("1"), Decimal("1")])
    for n in range(45):
        proposal = ProposalFactory(topic=topic)
        kind = n % 9
        if kind == 7:
            continue  # no consensus report yet
        status = ConsensusStatus.DRAFT if kind == 8 else ConsensusStatus.CLOSED
        missing = {0: (), 1: (), 2: (), 3: criteria[1:2], 4: criteria[:2], 5: criteria}.get(
            kind, ()
        )
        _report(proposal, criteria, rapporteur, status=status, missing=missing, rng=rng)
        if kind in (2, 6):
            PanelPriority.objects.create(
                proposal=proposal,
                priority=1 + n % 3,
                reason=f"Covers part {n}.",
                recorded_at=timezone.now(),
            )
    for _n in range(5):  # closed reports of another topic, with scores of its own criteria
        _report(
            ProposalFactory(topic=other),
            other_criteria,
            rapporteur,
            status=ConsensusStatus.CLOSED,
            rng=rng,
        )
    return topic


def _expected(topic):
    """Straight from the score rows: one dictionary per closed report of the topic."""
    criteria = list(AwardCriterion.objects.filter(topic=topic).values_list("pk", flat=True))
    expected = {}
    for report in ConsensusReport.objects.filter(
        proposal__topic=topic, status=ConsensusStatus.CLOSED
    ).select_related("proposal"):
        scores = dict.fromkeys(criteria)
        scores.update(report.scores.values_list("criterion_id", "score"))
        expected[report.proposal.number] = scores
    return expected


def test_candidates_query_reads_every_stored_score_in_one_query():
    topic = _varied_topic()
    criteria = criteria_of(topic)
    with CaptureQueriesContext(connection) as captured:
        candidates = candidates_for_topic(topic, criteria)
    assert len(captured.captured_queries) == 1
    assert "GROUP BY" in captured.captured_queries[0]["sql"]

    expected = _expected(topic)
    assert [c.number for c in candidates] == sorted(expected)
    assert len(candidates) == 35  # 45, less five without a report and five with a draft
    assert {c.number: c.scores for c in candidates} == expected
    assert any(None in c.scores.values() for c in candidates)
    assert any(c.outcome.passed for c in candidates)
    assert any(not c.outcome.passed for c in candidates)
    for candidate in candidates:
        assert candidate.outcome == outcome(
            expected[candidate.number], criteria, topic.overall_threshold, explain=False
        )
    priorities = dict(PanelPriority.objects.values_list("proposal__number", "priority"))
    assert {c.number: c.panel_priority for c in candidates if c.panel_priority} == priorities


def test_outcome_without_texts_has_the_same_verdict_and_totals():
    topic = _varied_topic()
    criteria = criteria_of(topic)
    for scores in _expected(topic).values():
        full = outcome(scores, criteria, topic.overall_threshold)
        bare = outcome(scores, criteria, topic.overall_threshold, explain=False)
        assert (bare.total, bare.weighted_total, bare.passed) == (
            full.total,
            full.weighted_total,
            full.passed,
        )
        assert bare.failures == ()
        assert full.passed == (not full.failures)
