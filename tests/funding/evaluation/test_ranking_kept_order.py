"""The live preview's order is computed once for each state of the ranking's inputs and kept
(ranking.preview, models_inputs.RankingInputs): a second view reads no ranking query, and
after every kind of write of an input the preview is again the whole ranking computed
afresh, also under the production cache (the database's table), as a second process sees
it."""

import importlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.evaluation.models import ConsensusReport, ConsensusScore, ConsensusStatus
from funding.evaluation.models_inputs import RankingInputs
from funding.evaluation.ranking.frozen import ranking_page
from funding.evaluation.ranking.loading import topic_ranking
from funding.models import AwardCriterion, EvaluatedVersion, PanelPriority, Proposal, Topic
from tests.funding.evaluation.test_ranking_preview import (
    _expected_pages,
    _expected_seen,
    _seen,
    _topic,
)
from tests.funding.factories import TopicFactory

pytestmark = pytest.mark.django_db

PER_PAGE = 7


def _shown_pages(topic):
    """Every page of the live preview, as a manager opening the ranking would read it."""
    topic = Topic.objects.select_related("ranking_inputs").get(pk=topic.pk)
    first = ranking_page(topic=topic, frozen=False, number=1, per_page=PER_PAGE)
    pages = [first]
    for number in range(2, first.page.paginator.num_pages + 1):
        pages.append(ranking_page(topic=topic, frozen=False, number=number, per_page=PER_PAGE))
    return [[_seen(row) for row in shown.page.object_list] for shown in pages]


def _expected(topic):
    topic = Topic.objects.get(pk=topic.pk)
    criteria = topic_ranking(topic)[0]
    return [
        [_expected_seen(row, criteria) for row in rows] for rows in _expected_pages(topic, PER_PAGE)
    ]


def _ranking_queries(topic):
    with CaptureQueriesContext(connection) as captured:
        _shown_pages(topic)
    return [q["sql"] for q in captured.captured_queries if "ROW_NUMBER" in q["sql"]]


def test_a_second_view_reads_the_kept_order_and_not_the_topics_candidates():
    """Fails on the preview ordered in the database on every request."""
    topic = _topic(30)
    assert _ranking_queries(topic), "the first view orders the candidates"
    assert _ranking_queries(topic) == []
    assert _shown_pages(topic) == _expected(topic)


def _ranked(topic):
    return topic_ranking(Topic.objects.get(pk=topic.pk))[1]


def _first_passed(topic):
    return Proposal.objects.get(pk=_ranked(topic)[0].candidate.proposal_id)


def _tied_pair(topic):
    """Two neighbours with the same weighted total and no panel priority."""
    ranked = _ranked(topic)
    for above, below in zip(ranked, ranked[1:], strict=False):
        a, b = above.candidate, below.candidate
        same = a.outcome.weighted_total == b.outcome.weighted_total
        if same and a.panel_priority is None and b.panel_priority is None:
            return a, b
    raise AssertionError("the data should give a tie")


def close_a_draft(topic):
    report = ConsensusReport.objects.filter(
        proposal__topic=topic, status=ConsensusStatus.DRAFT
    ).first()
    report.status = ConsensusStatus.CLOSED
    report.save()


def reopen_the_first(topic):
    report = _first_passed(topic).consensus_report
    report.status = ConsensusStatus.DRAFT
    report.save()


def lower_a_score_of_the_first(topic):
    score = ConsensusScore.objects.filter(report__proposal=_first_passed(topic)).first()
    score.score = Decimal("0.00")
    score.save()


def delete_a_score_of_the_first(topic):
    ConsensusScore.objects.filter(report__proposal=_first_passed(topic)).first().delete()


def give_a_panel_priority(topic):
    _above, below = _tied_pair(topic)
    PanelPriority.objects.create(
        proposal_id=below.proposal_id, priority=1, reason="Needed.", recorded_at=timezone.now()
    )


def remove_a_panel_priority(topic):
    PanelPriority.objects.filter(proposal__topic=topic).order_by("pk").first().delete()


def raise_a_threshold(topic):
    criterion = AwardCriterion.objects.filter(topic=topic).order_by("position").first()
    criterion.threshold = Decimal("4.00")
    criterion.save()


def change_a_weight(topic):
    criterion = AwardCriterion.objects.filter(topic=topic).order_by("position").last()
    criterion.weight = Decimal("3.00")
    criterion.save()


def add_a_criterion(topic):
    AwardCriterion.objects.create(
        topic=topic, code="c9", name="Criterion 9", threshold=Decimal("1.00"), position=9
    )


def cut_the_budget(topic):
    topic = Topic.objects.get(pk=topic.pk)
    topic.budget = Decimal("400000.00")
    topic.save()


def raise_the_overall_threshold(topic):
    topic = Topic.objects.get(pk=topic.pk)
    topic.overall_threshold = Decimal("12.00")
    topic.save()


def ask_more_for_the_first(topic):
    version = EvaluatedVersion.objects.get(proposal=_first_passed(topic))
    version.requested = Decimal("1400000.00")
    version.save()


def delete_an_evaluated_version(topic):
    EvaluatedVersion.objects.filter(proposal=_first_passed(topic)).delete()


WRITES = [
    close_a_draft,
    reopen_the_first,
    lower_a_score_of_the_first,
    delete_a_score_of_the_first,
    give_a_panel_priority,
    remove_a_panel_priority,
    raise_a_threshold,
    change_a_weight,
    add_a_criterion,
    cut_the_budget,
    raise_the_overall_threshold,
    ask_more_for_the_first,
    delete_an_evaluated_version,
]


def _after_write(topic, write):
    before = _expected(topic)
    assert _shown_pages(topic) == before  # computed and kept
    assert _ranking_queries(topic) == []  # read from the cache
    write(topic)
    after = _expected(topic)
    assert after != before, "the write should change the ranking"
    assert _shown_pages(topic) == after


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__ for w in WRITES])
def test_every_write_of_an_input_makes_the_preview_the_ranking_again(write):
    _after_write(_topic(44), write)


@pytest.mark.parametrize("write", [close_a_draft, cut_the_budget, give_a_panel_priority])
def test_under_the_production_cache_the_order_is_kept_and_renewed(production_cache, write):
    _after_write(_topic(44), write)


def test_a_kept_order_that_names_a_proposal_no_longer_ranked_is_computed_again():
    """An input written without a new token (a bulk write, a database console): the page
    still shows the ranking, not a proposal that is no longer in it."""
    topic = _topic(30)
    assert _shown_pages(topic) == _expected(topic)
    first = _first_passed(topic)
    ConsensusReport.objects.filter(proposal=first).update(status=ConsensusStatus.DRAFT)
    assert _shown_pages(topic)[0] == _expected(topic)[0]


def test_a_topic_without_a_token_is_ranked_on_every_view():
    topic = _topic(20)
    RankingInputs.objects.filter(topic=topic).delete()
    assert _ranking_queries(topic)
    assert _ranking_queries(topic), "nothing is kept without a token"
    assert _shown_pages(topic) == _expected(topic)


def test_a_new_topic_has_a_token_and_the_migration_gives_one_to_every_topic():
    topic = TopicFactory()
    assert RankingInputs.objects.token_of(topic)
    RankingInputs.objects.all().delete()
    migration = importlib.import_module("funding.migrations.0022_ranking_inputs")
    migration.fill(django_apps, SimpleNamespace(connection=connection))
    assert set(RankingInputs.objects.values_list("topic_id", flat=True)) == set(
        Topic.objects.values_list("pk", flat=True)
    )
