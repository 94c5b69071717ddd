"""Freezing a ranking on the task worker: the confirmation records one freeze and queues it;
the manager follows it on its status page; a second click or a second manager is refused
while it waits or runs; the freeze is all or nothing, a failure says why and may be tried
again; what is frozen is what the freeze in the request made."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.evaluation import tasks
from funding.evaluation.freeze_models import FreezeStatus, RankingFreeze
from funding.evaluation.models import ListKind, PanelPriority, RankingEntry, TopicEvaluation
from funding.evaluation.ranking.frozen import frozen_figures
from funding.evaluation.ranking.loading import topic_ranking
from funding.evaluation.ranking.rules import explain_rows
from funding.evaluation.services import freezes, lists, results
from funding.evaluation.services.assignments import EvaluationError
from funding.models import Proposal, ProposalStatusChange
from funding.proposals.lifecycle import ProposalTransitionRefused
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

QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def boss():
    return manager()


@pytest.fixture
def evaluated(boss):
    """Three proposals with closed consensus reports (one below the thresholds) and a
    budget for one of the other two: a main list, a reserve list and a rejection."""
    topic = evaluation_topic(experts_per_proposal=1, budget=Decimal("100000"), max_grant=None)
    proposals = [submitted(topic) for _ in range(3)]
    close(topic)
    for proposal, scores in zip(
        proposals, (["4", "4", "4"], ["4.5", "4", "4"], ["1", "1", "1"]), strict=True
    ):
        admit(proposal, boss)
        evaluate(proposal, boss, [expert()], scores)
    _criteria, ranked = topic_ranking(topic)
    topic.budget = ranked[0].candidate.requested  # the first fits, the second waits
    topic.save(update_fields=["budget"])
    return topic, proposals


@pytest.fixture
def boss_client(client, boss):
    client.force_login(boss)
    return client


@pytest.fixture
def queued_only(settings):
    """A task backend that queues and never runs: the freeze waits for its worker."""
    settings.TASKS = QUEUED_ONLY


def _state(topic) -> tuple:
    evaluation = TopicEvaluation.objects.filter(topic=topic).first()
    return (
        evaluation and evaluation.lists_computed_at,
        sorted(Proposal.objects.filter(topic=topic).values_list("pk", "status", "lock_version")),
        ProposalStatusChange.objects.filter(proposal__topic=topic).count(),
        RankingEntry.objects.filter(topic=topic).count(),
    )


def _freeze_url(topic):
    return reverse("evaluation:freeze", args=[topic.pk])


def _status_url(freeze):
    return reverse("evaluation:freeze_status", args=[freeze.topic_id, freeze.pk])


def test_yes_freezes_on_the_worker_and_a_worker_at_once_sends_to_the_ranking(
    boss_client, evaluated
):
    topic, _proposals = evaluated
    response = boss_client.post(_freeze_url(topic))
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:ranking", args=[topic.pk])
    freeze = RankingFreeze.objects.get(topic=topic)
    assert freeze.status == FreezeStatus.DONE and freeze.candidates == 3
    assert freeze.started_at and freeze.finished_at and freeze.error == ""
    assert RankingEntry.objects.filter(topic=topic).count() == 3
    body = boss_client.get(response["Location"]).content.decode()
    assert "The ranking is frozen and the lists are made." in body
    # The status page says so too, and offers no refresh any more.
    body = boss_client.get(_status_url(freeze)).content.decode()
    assert "The ranking is frozen and the lists are made." in body
    assert "Refresh now" not in body
    assert "Show the frozen ranking" in body


def test_a_waiting_freeze_is_followed_and_a_second_one_refused(
    boss_client, client, evaluated, boss, queued_only, django_user_model
):
    topic, proposals = evaluated
    before = _state(topic)
    response = boss_client.post(_freeze_url(topic))
    freeze = RankingFreeze.objects.get(topic=topic)
    assert freeze.status == FreezeStatus.QUEUED
    assert response["Location"] == _status_url(freeze)
    body = boss_client.get(_status_url(freeze)).content.decode()
    assert "The freeze waits for the task worker." in body
    assert f'href="{_status_url(freeze)}">Refresh now</a>' in body
    # The ranking page says the ranking is being frozen and offers no second freeze.
    body = boss_client.get(reverse("evaluation:ranking", args=[topic.pk])).content.decode()
    assert "The ranking is being frozen" in body
    assert f'href="{_freeze_url(topic)}"' not in body
    # The confirmation page sends to the freeze under way.
    assert boss_client.get(_freeze_url(topic))["Location"] == _status_url(freeze)
    # A second click, and a second manager, are refused: still one freeze.
    assert boss_client.post(_freeze_url(topic))["Location"] == _status_url(freeze)
    other = manager()
    client.force_login(other)
    response = client.post(_freeze_url(topic), follow=True)
    assert "already being frozen" in response.content.decode()
    with pytest.raises(EvaluationError, match="already being frozen"):
        freezes.ranking_freeze_request(topic=topic, user=other)
    assert RankingFreeze.objects.filter(topic=topic).count() == 1
    # What would change the ranking waits: a panel priority is refused meanwhile.
    with pytest.raises(EvaluationError, match="being frozen"):
        results.panel_priority_set(proposal=proposals[0], user=boss, priority=1, reason="Panel")
    assert not PanelPriority.objects.exists()
    assert _state(topic) == before
    # The worker runs it; the page then says it is done.
    tasks.ranking_freeze_run(freeze_id=freeze.pk)
    freeze.refresh_from_db()
    assert freeze.status == FreezeStatus.DONE
    assert TopicEvaluation.objects.get(topic=topic).lists_computed_at is not None
    assert "The ranking is frozen" in boss_client.get(_status_url(freeze)).content.decode()


def test_a_failed_freeze_changes_nothing_says_why_and_may_be_tried_again(
    boss_client, evaluated, monkeypatch
):
    topic, _proposals = evaluated
    before = _state(topic)
    bulk_change = lists.proposal_transition_many
    calls = []

    def refuse_the_placing(**kwargs):
        calls.append(kwargs["changes"])
        if len(calls) == 2:  # after every proposal was ranked (written)
            raise ProposalTransitionRefused("Someone else changed the status meanwhile.")
        return bulk_change(**kwargs)

    monkeypatch.setattr(lists, "proposal_transition_many", refuse_the_placing)
    response = boss_client.post(_freeze_url(topic))
    freeze = RankingFreeze.objects.get(topic=topic)
    assert response["Location"] == _status_url(freeze)
    assert freeze.status == FreezeStatus.FAILED
    assert freeze.error == "Someone else changed the status meanwhile."
    assert _state(topic) == before  # all or nothing: the first proposal's changes undone
    body = boss_client.get(_status_url(freeze)).content.decode()
    assert "The freeze failed; nothing was changed." in body
    assert "Someone else changed the status meanwhile." in body
    assert f'href="{_freeze_url(topic)}">Try the freeze again</a>' in body
    assert "Refresh now" not in body
    ranking = boss_client.get(reverse("evaluation:ranking", args=[topic.pk])).content.decode()
    assert "The last freeze failed; nothing was changed." in ranking
    # Tried again, it freezes.
    monkeypatch.setattr(lists, "proposal_transition_many", bulk_change)
    boss_client.post(_freeze_url(topic))
    assert RankingFreeze.objects.get(topic=topic, status=FreezeStatus.DONE)
    assert RankingEntry.objects.filter(topic=topic).count() == 3


def test_an_unexpected_error_is_recorded_and_the_freeze_undone(boss, evaluated, monkeypatch):
    topic, _proposals = evaluated
    before = _state(topic)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RankingEntry.objects, "bulk_create", broken)
    freeze = freezes.ranking_freeze_request(topic=topic, user=boss)
    assert freeze.status == FreezeStatus.FAILED
    assert "unexpected error" in freeze.error and "disk full" not in freeze.error
    assert _state(topic) == before


def test_a_finished_freeze_run_again_does_nothing(boss, evaluated):
    topic, _proposals = evaluated
    freeze = freezes.ranking_freeze_request(topic=topic, user=boss)
    after = _state(topic)
    finished_at = freeze.finished_at
    assert tasks.ranking_freeze_run(freeze_id=freeze.pk).finished_at == finished_at
    assert _state(topic) == after


def test_the_frozen_result_is_what_the_freeze_in_the_request_made(boss, evaluated):
    """The entries and the history as the former per-entry update_or_create wrote them."""
    topic, proposals = evaluated
    criteria, ranked = topic_ranking(topic)
    explain_rows(ranked, criteria, topic.overall_threshold)
    expected = {}
    for row in ranked:
        reason = row.list_reason
        if row.list_kind == ListKind.REJECTED:
            reason = row.candidate.outcome.explanation or reason
        expected[row.candidate.proposal_id] = {
            "position": row.position,
            "total": row.candidate.outcome.total,
            "weighted_total": row.candidate.outcome.weighted_total,
            "passed": row.candidate.outcome.passed,
            "list_kind": row.list_kind,
            "list_reason": reason[:255],
            "separated_by": row.separated_by[:255],
            **frozen_figures(row),
        }
    assert {row.list_kind for row in ranked} == set(ListKind)
    freezes.ranking_freeze_request(topic=topic, user=boss)
    fields = list(next(iter(expected.values())))
    stored = {
        entry["proposal_id"]: {field: entry[field] for field in fields}
        for entry in RankingEntry.objects.filter(topic=topic).values("proposal_id", *fields)
    }
    assert stored == expected
    for proposal in proposals:
        history = list(
            ProposalStatusChange.objects.filter(
                proposal=proposal, action__in=["rank", *LISTED.values()]
            )
            .order_by("pk")
            .values_list("action", "changed_by", "reason")
        )
        kind = expected[proposal.pk]["list_kind"]
        reason = expected[proposal.pk]["list_reason"]
        assert history == [("rank", boss.pk, ""), (LISTED[kind], boss.pk, reason)]


LISTED = {
    ListKind.MAIN: "place_main",
    ListKind.RESERVE: "place_reserve",
    ListKind.REJECTED: "reject",
}


def test_a_freeze_of_another_topic_is_not_found(boss_client, evaluated, boss):
    topic, _proposals = evaluated
    freeze = freezes.ranking_freeze_request(topic=topic, user=boss)
    other = evaluation_topic(experts_per_proposal=1)
    url = reverse("evaluation:freeze_status", args=[other.pk, freeze.pk])
    assert boss_client.get(url).status_code == 404
    assert boss_client.get(_status_url(freeze)).status_code == 200


def test_the_status_page_answers_in_french(boss_client, evaluated, boss, queued_only):
    topic, _proposals = evaluated
    freeze = freezes.ranking_freeze_request(topic=topic, user=boss)
    body = boss_client.get("/fr" + _status_url(freeze)).content.decode()
    assert f"Gel du classement de {topic.identifier}" in body
    assert "Le gel attend le traitement en arrière-plan." in body
    assert "En attente du traitement en arrière-plan" in body
