"""The proposal's life, declared as data: the transitions between its statuses.

One table says which action moves a proposal from which status to which, who may take
it and what must hold first. The statuses and actions live in funding.proposals.statuses;
the guards in funding.proposals.guards (the applicant's rows) and funding.evaluation.guards
(the evaluation's rows). `PROPOSAL_WORKFLOW` runs the table on the one engine
(core.workflow), through `funding.proposals.services.proposal_transition`, and writes a
ProposalStatusChange row every time.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.verdicts import ALLOWED, Verdict, deny
from core.workflow import Transition, Workflow
from funding.evaluation import guards as evaluation
from funding.evaluation.models import Assignment
from funding.evaluation.permissions import can_manage_evaluation, can_use_expert_area
from funding.proposals import guards as applicant
from funding.proposals.applicant_status import (
    SHOWN_BEFORE_PUBLICATION,
    proposal_applicant_status,
)
from funding.proposals.models import Proposal, ProposalStatusChange
from funding.proposals.permissions import can_act_for_coordinator
from funding.proposals.statuses import EVALUATION_STATUSES, ProposalAction, ProposalStatus


def _manager(user, proposal) -> Verdict:
    """The evaluation's steps are taken by programme managers."""
    return can_manage_evaluation(user, proposal)


def _cleared_expert(user, proposal) -> Verdict:
    """The evaluation starts by itself: the expert whose declaration of no conflict completes
    the topic's number of experts takes the step, in their name (the guard counts them)."""
    if not (verdict := can_use_expert_area(user)):
        return verdict
    if not Assignment.objects.cleared().filter(proposal=proposal, expert=user).exists():
        return deny(_("Only an expert cleared for this proposal starts its evaluation."))
    return ALLOWED


def _coordinator_member(user, proposal) -> Verdict:
    """The applicant's steps are taken by members of the coordinating organisation."""
    return can_act_for_coordinator(user, proposal)


S = ProposalStatus
A = ProposalAction

TRANSITIONS: tuple[Transition, ...] = (
    Transition(A.SUBMIT, S.DRAFT, S.SUBMITTED, _coordinator_member, applicant.submittable),
    Transition(A.REOPEN, S.SUBMITTED, S.DRAFT, _coordinator_member, applicant.topic_open),
    Transition(A.WITHDRAW, S.DRAFT, S.WITHDRAWN, _coordinator_member, None, needs_reason=True),
    Transition(A.WITHDRAW, S.SUBMITTED, S.WITHDRAWN, _coordinator_member, None, needs_reason=True),
    # Admissibility and eligibility, after the deadline, on the last submitted snapshot (a
    # proposal reopened and not submitted again is a draft with a submission).
    *(
        Transition(A.ADMIT, source, S.ADMITTED, _manager, evaluation.admissible)
        for source in (S.SUBMITTED, S.DRAFT)
    ),
    *(
        Transition(action, source, target, _manager, evaluation.closed_and_submitted, True)
        for source in (S.SUBMITTED, S.DRAFT)
        for action, target in (
            (A.DECLARE_INADMISSIBLE, S.INADMISSIBLE),
            (A.DECLARE_INELIGIBLE, S.INELIGIBLE),
        )
    ),
    # The evaluation starts when the topic's number of experts have declared no conflict: the
    # declaration that completes it takes the second row, in the same transaction
    # (funding.evaluation.services.assignments.declaration_sign). The manager's row is left
    # for a proposal that has its experts without that declaration, say when the topic's
    # number was lowered afterwards.
    Transition(A.START_EVALUATION, S.ADMITTED, S.UNDER_EVALUATION, _manager, evaluation.staffed),
    Transition(
        A.START_WHEN_CLEARED, S.ADMITTED, S.UNDER_EVALUATION, _cleared_expert, evaluation.staffed
    ),
    Transition(
        A.REACH_CONSENSUS, S.UNDER_EVALUATION, S.CONSENSUS, _manager, evaluation.consensus_closed
    ),
    Transition(A.RANK, S.CONSENSUS, S.RANKED, _manager, evaluation.consensus_closed),
    Transition(A.PLACE_MAIN, S.RANKED, S.MAIN_LIST, _manager, evaluation.above_threshold),
    Transition(A.PLACE_RESERVE, S.RANKED, S.RESERVE_LIST, _manager, evaluation.above_threshold),
    Transition(A.REJECT, S.RANKED, S.REJECTED, _manager, None, needs_reason=True),
    Transition(A.SELECT, S.MAIN_LIST, S.SELECTED, _manager, evaluation.published),
    Transition(A.SELECT, S.RESERVE_LIST, S.SELECTED, _manager, evaluation.published, True),
    Transition(A.NOT_FUND, S.MAIN_LIST, S.NOT_FUNDED, _manager, None, needs_reason=True),
    Transition(A.NOT_FUND, S.RESERVE_LIST, S.NOT_FUNDED, _manager, None, needs_reason=True),
    # The coordinator may withdraw at any point before the funding decision.
    *(
        Transition(A.WITHDRAW, source, S.WITHDRAWN, _coordinator_member, None, needs_reason=True)
        for source in sorted(EVALUATION_STATUSES)
    ),
    # A decided outcome too, as long as the applicant sees it as "Under evaluation": the
    # offer, the confirmation and the answer never tell one outcome from another before
    # the results are published (funding.proposals.applicant_status).
    *(
        Transition(
            A.WITHDRAW,
            source,
            S.WITHDRAWN,
            _coordinator_member,
            applicant.outcome_unpublished,
            True,
        )
        for source in (S.REJECTED, S.SELECTED, S.NOT_FUNDED)
    ),
)
# Guards that depend on nothing but the evaluation's stage: an action they close is not
# offered (offered_actions); the others (the deadline, completeness) are told when tried.
STAGE_GUARDS = (applicant.outcome_unpublished,)


def _stamp(proposal: Proposal, user, now) -> tuple[str, ...]:
    """A status change is a save like any other: it moves the optimistic-lock version. A
    proposal becoming submitted records the instant it was submitted at, in the same
    write.

    Except the evaluation's steps the applicant cannot see yet: the consensus, the ranking,
    the lists and the funding decision, before the results are published, leave the
    version, the time and the author of the last change as they were (the history row
    records them for staff), so that neither the proposal's page nor the dashboard's
    order tells that something was decided."""
    if proposal.status != S.UNDER_EVALUATION and proposal_applicant_status(proposal) == (
        SHOWN_BEFORE_PUBLICATION
    ):
        return ()
    proposal.lock_version += 1
    proposal.updated_at, proposal.updated_by = now, user
    if proposal.status == S.SUBMITTED:
        proposal.submitted_at = now
        return ("lock_version", "updated_at", "updated_by", "submitted_at")
    return ("lock_version", "updated_at", "updated_by")


def _past_participle(action: str) -> str:
    return {
        ProposalAction.SUBMIT: _("submitted"),
        ProposalAction.REOPEN: _("reopened"),
        ProposalAction.WITHDRAW: _("withdrawn"),
    }.get(action, action)


def _unknown(proposal: Proposal, action: str) -> str:
    return _("A proposal that is %(status)s cannot be %(action)s.") % {
        "status": proposal.get_status_display().lower(),
        "action": _past_participle(action),
    }


PROPOSAL_WORKFLOW = Workflow(
    model=Proposal,
    transitions=TRANSITIONS,
    history=ProposalStatusChange,
    history_of="proposal",
    stamp=_stamp,
    unknown=_unknown,
    reason_missing=gettext_lazy("Please give a reason."),
    related=("topic",),
)


def find_transition(action: str, source: str) -> Transition | None:
    return PROPOSAL_WORKFLOW.find(action, source)


def actions_from(source: str) -> list[str]:
    return PROPOSAL_WORKFLOW.actions_from(source)


def offered_actions(proposal: Proposal) -> list[str]:
    """The actions the applicant's pages offer: those of the status the applicant sees,
    less those a stage guard closes (a decided outcome, once published, is not withdrawn).
    Every status read as "Under evaluation" is offered what that status is offered."""
    seen = proposal_applicant_status(proposal)
    return [
        transition.action
        for transition in PROPOSAL_WORKFLOW.from_status(seen)
        if transition.guard not in STAGE_GUARDS or not transition.guard(proposal, None)
    ]
