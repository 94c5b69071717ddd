"""The live preview's page, ordered in the database (ranking.preview), is row for row the
same page of the whole ranking computed in Python (loading.topic_ranking, split_lists,
explain_rows): positions, candidates and their failure texts, the rule that separates each
row from the next, ties, lists and reasons, on every page and at several page sizes; and
it reads the same number of queries whatever the number of proposals."""

import random
from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.evaluation.models import (
    ConsensusReport,
    ConsensusScore,
    ConsensusStatus,
    EvaluatedVersion,
    PanelPriority,
)
from funding.evaluation.ranking import loading
from funding.evaluation.ranking.frozen import ranking_page
from funding.evaluation.ranking.loading import topic_ranking
from funding.evaluation.ranking.rules import Candidate, explain_rows
from funding.models import AwardCriterion, ProposalSubmission
from tests.cooperation.factories import UserFactory
from tests.funding.factories import TopicFactory
from tests.funding.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db

HALVES = [Decimal(n) / 2 for n in range(11)]  # 0.0 to 5.0
GAPS = [Decimal("0"), Decimal("0.1667"), Decimal("0.25"), Decimal("0.5")]


def _topic(n_proposals, *, seed=19, budget=Decimal("1500000.00")):
    """Scores from few values (many ties), missing scores, draft and absent reports,
    panel priorities, weights with decimals, tie-break criteria, gender gaps, countries,
    proposals with no evaluated version, and requested amounts around the budget."""
    rng = random.Random(seed)
    rapporteur = UserFactory()
    topic = TopicFactory(budget=budget, overall_threshold=Decimal("9.50"))
    criteria = [
        AwardCriterion.objects.create(
            topic=topic,
            code=f"c{i}",
            name=f"Criterion {i}",
            weight=weight,
            threshold=Decimal("2.50"),
            tie_break_rank=rank,
            position=i,
        )
        for i, (weight, rank) in enumerate(
            [(Decimal("1"), 2), (Decimal("1.35"), 1), (Decimal("0.30"), None)]
        )
    ]
    for n in range(n_proposals):
        proposal = ProposalFactory(topic=topic)
        kind = n % 11
        if kind == 10:
            continue  # no consensus report yet
        status = ConsensusStatus.DRAFT if kind == 9 else ConsensusStatus.CLOSED
        report = ConsensusReport.objects.create(
            proposal=proposal, rapporteur=rapporteur, status=status, closed_at=timezone.now()
        )
        missing = {3: criteria[1:2], 4: criteria}.get(kind, [])
        ConsensusScore.objects.bulk_create(
            ConsensusScore(report=report, criterion=c, score=rng.choice(HALVES[4:]), comment="-")
            for c in criteria
            if c not in missing
        )
        if kind in (2, 6):
            PanelPriority.objects.create(
                proposal=proposal,
                priority=1 + n % 3,
                reason=f"Covers part {n}.",
                recorded_at=timezone.now(),
            )
        if kind != 5:
            submission = ProposalSubmission.objects.create(
                proposal=proposal,
                number=1,
                submitted_at=timezone.now(),
                snapshot={},
                checksum="0" * 64,
            )
            EvaluatedVersion.objects.create(
                proposal=proposal,
                submission=submission,
                requested=Decimal(rng.choice(["0", "150000", "250000", "333333.33", "400000"])),
                gender_gap=rng.choice(GAPS),
                applicant_countries=rng.choice([1, 2, 3]),
                checked_at=timezone.now(),
            )
    return topic


def _expected_pages(topic, per_page):
    criteria, ranked = topic_ranking(topic)
    paginator = Paginator(ranked, per_page)
    pages = []
    for number in paginator.page_range:
        rows = list(paginator.page(number).object_list)
        explain_rows(rows, criteria, topic.overall_threshold)
        pages.append(rows)
    return pages


def _seen(row):
    return (
        row.position,
        row.candidate,
        row.separated_by,
        row.separated_code,
        row.tied_with_next,
        row.list_kind,
        row.list_reason,
        row.score_list,
    )


def _expected_seen(row, criteria):
    row.score_list = [row.candidate.scores.get(c.id) for c in criteria]
    return _seen(row)


def test_every_page_of_the_preview_is_the_same_page_of_the_whole_ranking():
    topic = _topic(55)
    for per_page in (1, 4, 7, 60):
        expected = _expected_pages(topic, per_page)
        kinds = {row.list_kind for rows in expected for row in rows}
        assert len(kinds) == 3, "the data should give main, reserve and rejected proposals"
        assert any(row.tied_with_next for rows in expected for row in rows)
        for number, rows in enumerate(expected, start=1):
            shown = ranking_page(topic=topic, frozen=False, number=number, per_page=per_page)
            assert shown.page.paginator.count == sum(len(r) for r in expected)
            assert [_seen(row) for row in shown.page.object_list] == [
                _expected_seen(row, shown.criteria) for row in rows
            ], f"page {number} of {len(expected)}, {per_page} a page"


def test_a_page_past_the_end_shows_the_last_page():
    topic = _topic(12)
    shown = ranking_page(topic=topic, frozen=False, number="99", per_page=5)
    last = _expected_pages(topic, 5)[-1]
    assert [row.position for row in shown.page.object_list] == [row.position for row in last]


def test_an_empty_topic_has_an_empty_preview():
    topic = TopicFactory()
    shown = ranking_page(topic=topic, frozen=False, number=1, per_page=5)
    assert shown.page.paginator.count == 0
    assert list(shown.page.object_list) == []


def test_the_preview_reads_only_the_shown_rows_and_the_next(monkeypatch):
    """Fails on the ranking computed whole in Python for each page (before ranking.preview):
    it made a candidate of every proposal of the topic."""
    topic = _topic(40)
    made = []

    def counted(*args, **kwargs):
        made.append(1)
        return Candidate(*args, **kwargs)

    monkeypatch.setattr(loading, "Candidate", counted)
    shown = ranking_page(topic=topic, frozen=False, number=2, per_page=5)
    assert [row.position for row in shown.page.object_list] == [6, 7, 8, 9, 10]
    assert len(made) == 6


def _queries(topic):
    with CaptureQueriesContext(connection) as captured:
        shown = ranking_page(topic=topic, frozen=False, number=2, per_page=3)
        list(shown.page.object_list)
    return len(captured.captured_queries)


def test_the_preview_reads_the_same_number_of_queries_with_more_proposals():
    assert _queries(_topic(12, seed=1)) == _queries(_topic(40, seed=2))
