"""The experts' and the proposals' stored progress (funding/evaluation/models_progress.py):
after every kind of write of an assignment, a declaration or an individual report, each
stored row equals the same counts recomputed from the assignments, and `rebuild` (the
benchmark's bulk data) and the migrations write the same rows."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection

from funding.evaluation.models import Assignment
from funding.evaluation.models_progress import (
    COUNTED,
    PROPOSAL_COUNTED,
    ExpertProgress,
    ProposalProgress,
    progress_counts,
    proposal_progress_counts,
)
from funding.evaluation.progress import expert_counts
from funding.evaluation.services import assignments as ev
from funding.evaluation.services.bulk_assignments import assignments_create_bulk
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluation_topic,
    expert,
    manager,
    scores_for,
    submitted,
)

pytestmark = pytest.mark.django_db


def _recounted() -> dict:
    """{(topic, expert): counts} straight from the assignments."""
    grouped = (
        Assignment.objects.order_by()
        .values("proposal__topic_id", "expert_id")
        .annotate(**progress_counts())
    )
    return {
        (row["proposal__topic_id"], row["expert_id"]): {key: row[key] for key in COUNTED}
        for row in grouped
    }


def _stored() -> dict:
    return {
        (row["topic_id"], row["expert_id"]): {key: row[key] for key in COUNTED}
        for row in ExpertProgress.objects.values("topic_id", "expert_id", *COUNTED)
    }


def _proposals_recounted() -> dict:
    """{proposal: counts} straight from the assignments, for proposals with one."""
    grouped = (
        Assignment.objects.order_by().values("proposal_id").annotate(**proposal_progress_counts())
    )
    return {row["proposal_id"]: {k: row[k] for k in PROPOSAL_COUNTED} for row in grouped}


def _proposals_stored() -> dict:
    return {
        row["proposal_id"]: {k: row[k] for k in PROPOSAL_COUNTED}
        for row in ProposalProgress.objects.values("proposal_id", *PROPOSAL_COUNTED)
    }


def _assert_current():
    recounted = _recounted()
    assert _stored() == recounted
    assert _proposals_stored() == _proposals_recounted()
    return recounted


@pytest.fixture
def setting(django_capture_on_commit_callbacks):
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    other = evaluation_topic(experts_per_proposal=2)
    proposals = [submitted(topic) for _ in range(3)]
    elsewhere = submitted(other)
    close(topic)
    close(other)
    for proposal in [*proposals, elsewhere]:
        admit(proposal, boss)
    return boss, topic, proposals, elsewhere


def test_every_write_keeps_the_stored_rows_equal_to_a_recount(setting):
    boss, topic, proposals, elsewhere = setting
    first, second, third = expert(), expert(), expert()

    a1 = ev.assignment_create(proposal=proposals[0], expert=first, user=boss)
    a2 = ev.assignment_create(proposal=proposals[0], expert=second, user=boss)
    a3 = ev.assignment_create(proposal=proposals[1], expert=first, user=boss)
    ev.assignment_create(proposal=elsewhere, expert=first, user=boss)  # another topic
    counts = _assert_current()
    assert counts[(topic.pk, first.pk)]["to_sign"] == 2
    assert counts[(elsewhere.topic_id, first.pk)]["assigned"] == 1

    ev.declaration_sign(assignment=a1, user=first, has_conflict=False)
    ev.declaration_sign(assignment=a2, user=second, has_conflict=False)  # starts the evaluation
    assert _assert_current()[(topic.pk, first.pk)]["to_write"] == 1

    ev.declaration_sign(assignment=a3, user=first, has_conflict=True, details="My employer.")
    counts = _assert_current()
    assert counts[(topic.pk, first.pk)]["conflicts"] == 1

    # the released place is taken by another expert
    ev.assignment_create(proposal=proposals[1], expert=third, user=boss)
    _assert_current()

    values = scores_for(proposals[0], ["4", "3.5", "4"])
    ev.report_save(assignment=a1, user=first, entries=values)  # a draft
    assert _assert_current()[(topic.pk, first.pk)]["drafts"] == 1
    ev.report_save(assignment=a1, user=first, entries=values, submit=True)
    counts = _assert_current()
    assert counts[(topic.pk, first.pk)]["submitted"] == 1
    assert counts[(topic.pk, first.pk)]["to_write"] == 0
    by_proposal = _proposals_stored()
    assert by_proposal[proposals[0].pk] == {"cleared": 2, "submitted": 1}
    assert by_proposal[proposals[1].pk] == {"cleared": 0, "submitted": 0}, "released, and new"


def test_bulk_assignment_keeps_them_equal(setting, django_capture_on_commit_callbacks):
    boss, topic, proposals, _elsewhere = setting
    people = [expert(), expert()]
    for person in people:
        ev.expert_set_availability(expert=person, call=topic.call, available=True)
    pairs = [(proposal.pk, person.pk) for proposal in proposals for person in people]
    with django_capture_on_commit_callbacks(execute=True):
        assignments_create_bulk(topic=topic, user=boss, pairs=pairs)
    counts = _assert_current()
    assert all(counts[(topic.pk, person.pk)]["to_sign"] == 3 for person in people)


def test_a_refused_write_leaves_no_count_behind(setting):
    boss, topic, proposals, _elsewhere = setting
    person = expert()
    ev.assignment_create(proposal=proposals[0], expert=person, user=boss)
    with pytest.raises(ev.EvaluationError):
        ev.assignment_create(proposal=proposals[0], expert=person, user=boss)
    _assert_current()


def _two_experts_write(setting) -> None:
    """Two experts assigned on one proposal and one of them elsewhere, the first declared."""
    boss, _topic, proposals, elsewhere = setting
    first, second = expert(), expert()
    a1 = ev.assignment_create(proposal=proposals[0], expert=first, user=boss)
    ev.assignment_create(proposal=proposals[0], expert=second, user=boss)
    ev.assignment_create(proposal=elsewhere, expert=second, user=boss)
    ev.declaration_sign(assignment=a1, user=first, has_conflict=False)


def _migration_fill(name: str) -> None:
    migration = importlib.import_module(f"funding.migrations.{name}")
    migration.fill(django_apps, SimpleNamespace(connection=connection))


def test_rebuild_writes_what_the_services_wrote(setting):
    _boss, _topic, proposals, elsewhere = setting
    _two_experts_write(setting)
    kept = _assert_current()
    kept_proposals = _proposals_stored()
    ExpertProgress.objects.update(to_sign=99)  # as bulk data would leave them: wrong
    ProposalProgress.objects.all().delete()
    assert ExpertProgress.objects.rebuild() == len(kept)
    assert ProposalProgress.objects.rebuild() == len(kept_proposals) == 2
    assert _stored() == kept
    assert _proposals_stored() == kept_proposals
    ExpertProgress.objects.filter(topic_id=elsewhere.topic_id).delete()
    ProposalProgress.objects.update(cleared=99)
    ExpertProgress.objects.rebuild(topic_ids=[elsewhere.topic_id])
    ProposalProgress.objects.rebuild(topic_ids=[elsewhere.topic_id])
    assert _stored() == kept
    assert _proposals_stored()[elsewhere.pk] == kept_proposals[elsewhere.pk]
    assert _proposals_stored()[proposals[0].pk]["cleared"] == 99, "another topic: untouched"


def test_expert_counts_sum_the_experts_topics(setting):
    boss, _topic, proposals, elsewhere = setting
    person = expert()
    a1 = ev.assignment_create(proposal=proposals[0], expert=person, user=boss)
    ev.assignment_create(proposal=proposals[1], expert=person, user=boss)
    ev.assignment_create(proposal=elsewhere, expert=person, user=boss)
    ev.declaration_sign(assignment=a1, user=person, has_conflict=False)
    mine = Assignment.objects.filter(expert=person)
    counts = expert_counts(expert=person)
    assert counts.to_sign == mine.active().filter(declaration__isnull=True).count() == 2
    assert counts.to_write == mine.cleared().exclude(report__status="submitted").count() == 1
    assert counts.assigned == mine.count() == 3
    assert expert_counts(expert=expert()) == type(counts)(to_sign=0, to_write=0, assigned=0)


def test_the_migration_fills_the_rows_the_services_keep(setting):
    """funding/migrations/0018_expert_progress.py counts the assignments already there."""
    _two_experts_write(setting)
    kept = _assert_current()
    ExpertProgress.objects.all().delete()
    _migration_fill("0018_expert_progress")
    assert _stored() == kept


def test_the_proposals_migration_fills_the_rows_the_services_keep(setting):
    """funding/migrations/0023_proposal_progress.py counts the assignments already there."""
    proposals = setting[2]
    _two_experts_write(setting)
    kept = _proposals_stored()
    assert kept[proposals[0].pk]["cleared"] == 1
    ProposalProgress.objects.all().delete()
    _migration_fill("0023_proposal_progress")
    assert _proposals_stored() == kept
