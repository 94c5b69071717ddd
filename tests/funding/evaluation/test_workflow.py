"""Every row of the proposal workflow table, and each guard's refusal."""

from decimal import Decimal

import pytest
from django.utils import timezone

from funding.models import ProposalStatusChange, TopicEvaluation
from funding.proposals.guards import outcome_unpublished
from funding.proposals.lifecycle import proposal_reopen, proposal_transition
from funding.proposals.services import ProposalError
from funding.proposals.statuses import ProposalAction, ProposalStatus
from funding.proposals.workflow import TRANSITIONS
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    staff,
    submitted,
)
from tests.funding.factories_proposals import complete_proposal

pytestmark = pytest.mark.django_db

S, A = ProposalStatus, ProposalAction
APPLICANT_ROWS = {(A.SUBMIT, S.DRAFT), (A.REOPEN, S.SUBMITTED), (A.WITHDRAW, S.DRAFT)}


def _at(status, boss, *, values=("4", "4", "4")):
    """A proposal in `status` on a closed topic, brought there through the services."""
    topic = evaluation_topic(experts_per_proposal=2)
    proposal = submitted(topic)
    if status == S.DRAFT:
        proposal_reopen(proposal=proposal, user=proposal.applicant)
    close(topic)
    proposal.refresh_from_db()
    if status in (S.DRAFT, S.SUBMITTED):
        return proposal
    admit(proposal, boss)
    if status == S.ADMITTED:
        return proposal
    experts = [expert(), expert()]
    if status == S.UNDER_EVALUATION:
        staff(proposal, boss, experts)
        return proposal
    evaluate(proposal, boss, experts, list(values))
    if status == S.CONSENSUS:
        return proposal
    proposal_transition(proposal=proposal, action=A.RANK, user=boss)
    if status in (S.MAIN_LIST, S.RESERVE_LIST):
        action = A.PLACE_MAIN if status == S.MAIN_LIST else A.PLACE_RESERVE
        proposal_transition(proposal=proposal, action=action, user=boss)
        TopicEvaluation.objects.create(topic=topic, results_published_at=timezone.now())
    proposal.refresh_from_db()
    return proposal


def _prepare(row, boss):
    if (row.action, row.source) in APPLICANT_ROWS:
        if row.action == A.SUBMIT:
            proposal = complete_proposal()
            from cooperation.accounts.roles import Role
            from tests.cooperation.factories import MembershipFactory
            from tests.funding.factories_evaluation import user_with

            applicant = user_with(Role.APPLICANT)
            MembershipFactory(user=applicant, organisation=proposal.coordinator)
            proposal.applicant = applicant
            return proposal
        topic = evaluation_topic()
        proposal = submitted(topic)
        if row.source == S.DRAFT:
            proposal_reopen(proposal=proposal, user=proposal.applicant)
        proposal.refresh_from_db()
        return proposal
    if row.guard is outcome_unpublished:
        # A decided outcome before publication (a selection is made only once published:
        # its row covers a state that reads "Under evaluation" all the same).
        proposal = _at(S.MAIN_LIST, boss)
        type(proposal).objects.filter(pk=proposal.pk).update(status=row.source)
        TopicEvaluation.objects.filter(topic=proposal.topic).update(results_published_at=None)
        proposal.refresh_from_db()
        return proposal
    proposal = _at(row.source, boss)
    if row.action in (A.START_EVALUATION, A.START_WHEN_CLEARED):
        # Cleared experts and a topic that asks for no more, but no declaration completed
        # the number (it was lowered afterwards): the evaluation has not started by itself.
        from funding.evaluation.services.assignments import assignment_create, declaration_sign

        type(proposal.topic).objects.filter(pk=proposal.topic_id).update(experts_per_proposal=3)
        proposal.cleared = []
        for person in (expert(), expert()):
            assignment = assignment_create(proposal=proposal, expert=person, user=boss)
            declaration_sign(assignment=assignment, user=person, has_conflict=False)
            proposal.cleared.append(person)
        type(proposal.topic).objects.filter(pk=proposal.topic_id).update(experts_per_proposal=2)
        proposal.refresh_from_db()
    if row.action == A.REACH_CONSENSUS:
        from funding.evaluation.services.results import consensus_appoint_rapporteur
        from funding.models import ConsensusReport

        first = proposal.assignments.first().expert
        report = consensus_appoint_rapporteur(proposal=proposal, rapporteur=first, user=boss)
        ConsensusReport.objects.filter(pk=report.pk).update(status="closed")
    return proposal


def _taker(row, boss, proposal):
    """Who takes the row: a manager, a cleared expert, or a member of the coordinator."""
    if row.who.__name__ == "_manager":
        return boss
    if row.who.__name__ == "_cleared_expert":
        return proposal.cleared[-1]
    return proposal.applicant


@pytest.mark.parametrize("row", TRANSITIONS, ids=lambda r: f"{r.action}:{r.source}->{r.target}")
def test_every_row_moves_the_proposal_and_records_it(row):
    boss = manager()
    proposal = _prepare(row, boss)
    assert proposal.status == row.source
    user = _taker(row, boss, proposal)
    reason = "Recorded reason." if row.needs_reason else ""
    proposal_transition(proposal=proposal, action=row.action, user=user, reason=reason)
    proposal.refresh_from_db()
    assert proposal.status == row.target
    change = ProposalStatusChange.objects.filter(proposal=proposal).latest("pk")
    assert (change.from_status, change.to_status, change.action) == (
        row.source,
        row.target,
        row.action,
    )
    assert change.changed_by == user
    assert change.reason == reason


@pytest.mark.parametrize("row", TRANSITIONS, ids=lambda r: f"{r.action}:{r.source}")
def test_every_row_refuses_the_wrong_person(row):
    boss = manager()
    proposal = _prepare(row, boss)
    is_manager_row = row.who.__name__ == "_manager"
    wrong = proposal.applicant if is_manager_row else boss
    with pytest.raises(ProposalError):
        proposal_transition(proposal=proposal, action=row.action, user=wrong, reason="Because.")
    proposal.refresh_from_db()
    assert proposal.status == row.source


@pytest.mark.parametrize(
    "row", [r for r in TRANSITIONS if r.needs_reason], ids=lambda r: f"{r.action}:{r.source}"
)
def test_rows_needing_a_reason_refuse_without_one(row):
    boss = manager()
    proposal = _prepare(row, boss)
    user = _taker(row, boss, proposal)
    with pytest.raises(ProposalError, match="reason"):
        proposal_transition(proposal=proposal, action=row.action, user=user, reason="  ")


def test_no_transition_out_of_a_decision():
    finals = {S.SELECTED, S.NOT_FUNDED, S.REJECTED, S.INADMISSIBLE, S.INELIGIBLE, S.WITHDRAWN}
    # Only the withdrawal of a decided outcome the applicant cannot know yet: its guard
    # closes it once the results are published.
    out = [r for r in TRANSITIONS if r.source in finals]
    assert {(r.action, r.guard) for r in out} == {(A.WITHDRAW, outcome_unpublished)}
    assert {r.source for r in out} == {S.REJECTED, S.SELECTED, S.NOT_FUNDED}


# --- each guard's refusal ----------------------------------------------------------------------


def test_guard_closed_and_submitted_refuses_before_the_deadline():
    boss = manager()
    proposal = submitted(evaluation_topic())
    for action in (A.ADMIT, A.DECLARE_INELIGIBLE):
        with pytest.raises(ProposalError, match="after the topic's deadline"):
            proposal_transition(proposal=proposal, action=action, user=boss, reason="x")


def test_guard_closed_and_submitted_refuses_a_draft_never_submitted():
    boss = manager()
    topic = evaluation_topic()
    proposal = complete_proposal(topic=topic)
    close(topic)
    with pytest.raises(ProposalError, match="never submitted"):
        proposal_transition(proposal=proposal, action=A.DECLARE_INADMISSIBLE, user=boss, reason="x")


def test_guard_admissible_refuses_a_snapshot_that_fails_the_check():
    boss = manager()
    topic = evaluation_topic()
    proposal = submitted(topic)
    close(topic)
    type(topic).objects.filter(pk=topic.pk).update(min_countries=5)
    with pytest.raises(ProposalError, match="does not pass the check.*5 different countries"):
        proposal_transition(proposal=proposal, action=A.ADMIT, user=boss)


def test_guard_staffed_needs_the_topics_number_of_cleared_experts():
    boss = manager()
    proposal = _at(S.ADMITTED, boss)
    from funding.evaluation.services.assignments import assignment_create, declaration_sign

    person = expert()
    declaration_sign(
        assignment=assignment_create(proposal=proposal, expert=person, user=boss),
        user=person,
        has_conflict=False,
    )
    assignment_create(proposal=proposal, expert=expert(), user=boss)  # not declared yet
    with pytest.raises(ProposalError, match="2 experts have declared.*1 have so far"):
        proposal_transition(proposal=proposal, action=A.START_EVALUATION, user=boss)


def test_guard_consensus_closed():
    boss = manager()
    proposal = _at(S.UNDER_EVALUATION, boss)
    with pytest.raises(ProposalError, match="consensus report of this proposal is not closed"):
        proposal_transition(proposal=proposal, action=A.REACH_CONSENSUS, user=boss)


def test_guard_above_threshold():
    boss = manager()
    proposal = _at(S.CONSENSUS, boss, values=("2.5", "5", "5"))
    proposal_transition(proposal=proposal, action=A.RANK, user=boss)
    for action in (A.PLACE_MAIN, A.PLACE_RESERVE):
        with pytest.raises(ProposalError, match="Excellence scored 2.50, under its threshold"):
            proposal_transition(proposal=proposal, action=action, user=boss)


def test_guard_published():
    boss = manager()
    proposal = _at(S.MAIN_LIST, boss)
    TopicEvaluation.objects.filter(topic=proposal.topic).update(results_published_at=None)
    with pytest.raises(ProposalError, match="Publish the topic's results"):
        proposal_transition(proposal=proposal, action=A.SELECT, user=boss)
    assert Decimal("1")
