"""The proposal's life, declared as data: statuses and the transitions between them.

One table says which action moves a proposal from which status to which, who may take
it and what must hold first. `funding.proposals.services.proposal_transition` is the only
code that applies it, and it writes a ProposalStatusChange row every time. The evaluation
work adds its statuses and rows here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # After the deadline: the evaluation (funding.evaluation.services.assignments)
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    INELIGIBLE = "ineligible", _("Ineligible")
    ADMITTED = "admitted", _("Admitted")
    UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
    CONSENSUS = "consensus", _("Consensus reached")
    RANKED = "ranked", _("Ranked")
    MAIN_LIST = "main_list", _("Main list")
    RESERVE_LIST = "reserve_list", _("Reserve list")
    REJECTED = "rejected", _("Rejected")
    SELECTED = "selected", _("Selected for funding")
    NOT_FUNDED = "not_funded", _("Not funded")


# Statuses in which the evaluation has started and the applicant can no longer edit.
EVALUATION_STATUSES = frozenset(
    {
        ProposalStatus.ADMITTED,
        ProposalStatus.UNDER_EVALUATION,
        ProposalStatus.CONSENSUS,
        ProposalStatus.RANKED,
        ProposalStatus.MAIN_LIST,
        ProposalStatus.RESERVE_LIST,
    }
)


class ProposalAction(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    REOPEN = "reopen", _("Reopen for changes")
    WITHDRAW = "withdraw", _("Withdraw")
    ADMIT = "admit", _("Admit to evaluation")
    DECLARE_INADMISSIBLE = "inadmissible", _("Declare inadmissible")
    DECLARE_INELIGIBLE = "ineligible", _("Declare ineligible")
    START_EVALUATION = "start_evaluation", _("Start the evaluation")
    REACH_CONSENSUS = "reach_consensus", _("Record the consensus")
    RANK = "rank", _("Rank")
    PLACE_MAIN = "place_main", _("Place on the main list")
    PLACE_RESERVE = "place_reserve", _("Place on the reserve list")
    REJECT = "reject", _("Reject")
    SELECT = "select", _("Select for funding")
    NOT_FUND = "not_fund", _("Do not fund")


def _topic_open(proposal, now) -> str | None:
    if proposal.topic.is_open(now):
        return None
    return gettext(
        "The deadline of this topic has passed: the server clock said %(now)s, the deadline "
        "was %(deadline)s (Brussels time)."
    ) % {
        "now": _brussels_text(now),
        "deadline": _brussels_text(proposal.topic.deadline_at),
    }


def _eligible(proposal, now) -> str | None:
    from funding.proposals.eligibility import check_proposal

    problems = check_proposal(proposal)
    if not problems:
        return None
    return gettext("The proposal is not complete yet: %(problems)s") % {
        "problems": " ".join(problem.message for problem in problems)
    }


def _submit_guard(proposal, now) -> str | None:
    return _topic_open(proposal, now) or _eligible(proposal, now)


def _brussels_text(value) -> str:
    from core.brussels import brussels

    return brussels(value).strftime("%d/%m/%Y %H:%M:%S")


def _evaluation_guard(name: str) -> Callable:
    """A guard that lives with the evaluation rules, imported when first used."""

    def guard(proposal, now):
        from funding.evaluation import guards as evaluation_guards

        return getattr(evaluation_guards, name)(proposal, now)

    guard.__name__ = name
    return guard


def _manager(user, proposal):
    from funding.evaluation.permissions import can_manage_evaluation

    return can_manage_evaluation(user, proposal)


def _coordinator_member(user, proposal):
    from funding.proposals.permissions import can_act_for_coordinator

    return can_act_for_coordinator(user, proposal)


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    who: Callable  # (user, proposal) -> Verdict
    guard: Callable | None = None  # (proposal, now) -> problem text or None
    needs_reason: bool = False


S = ProposalStatus
A = ProposalAction

TRANSITIONS: tuple[Transition, ...] = (
    Transition(A.SUBMIT, S.DRAFT, S.SUBMITTED, _coordinator_member, _submit_guard),
    Transition(A.REOPEN, S.SUBMITTED, S.DRAFT, _coordinator_member, _topic_open),
    Transition(A.WITHDRAW, S.DRAFT, S.WITHDRAWN, _coordinator_member, None, needs_reason=True),
    Transition(A.WITHDRAW, S.SUBMITTED, S.WITHDRAWN, _coordinator_member, None, needs_reason=True),
    # Admissibility and eligibility, after the deadline, on the last submitted snapshot (a
    # proposal reopened and not submitted again is a draft with a submission).
    *(
        Transition(A.ADMIT, source, S.ADMITTED, _manager, _evaluation_guard("admissible"))
        for source in (S.SUBMITTED, S.DRAFT)
    ),
    *(
        Transition(
            action, source, target, _manager, _evaluation_guard("closed_and_submitted"), True
        )
        for source in (S.SUBMITTED, S.DRAFT)
        for action, target in (
            (A.DECLARE_INADMISSIBLE, S.INADMISSIBLE),
            (A.DECLARE_INELIGIBLE, S.INELIGIBLE),
        )
    ),
    Transition(
        A.START_EVALUATION, S.ADMITTED, S.UNDER_EVALUATION, _manager, _evaluation_guard("staffed")
    ),
    Transition(
        A.REACH_CONSENSUS,
        S.UNDER_EVALUATION,
        S.CONSENSUS,
        _manager,
        _evaluation_guard("consensus_closed"),
    ),
    Transition(A.RANK, S.CONSENSUS, S.RANKED, _manager, _evaluation_guard("consensus_closed")),
    Transition(A.PLACE_MAIN, S.RANKED, S.MAIN_LIST, _manager, _evaluation_guard("above_threshold")),
    Transition(
        A.PLACE_RESERVE, S.RANKED, S.RESERVE_LIST, _manager, _evaluation_guard("above_threshold")
    ),
    Transition(A.REJECT, S.RANKED, S.REJECTED, _manager, None, needs_reason=True),
    Transition(A.SELECT, S.MAIN_LIST, S.SELECTED, _manager, _evaluation_guard("published")),
    Transition(
        A.SELECT, S.RESERVE_LIST, S.SELECTED, _manager, _evaluation_guard("published"), True
    ),
    Transition(A.NOT_FUND, S.MAIN_LIST, S.NOT_FUNDED, _manager, None, needs_reason=True),
    Transition(A.NOT_FUND, S.RESERVE_LIST, S.NOT_FUNDED, _manager, None, needs_reason=True),
    # The coordinator may withdraw at any point before the funding decision.
    *(
        Transition(A.WITHDRAW, source, S.WITHDRAWN, _coordinator_member, None, needs_reason=True)
        for source in sorted(EVALUATION_STATUSES)
    ),
)


def find_transition(action: str, source: str) -> Transition | None:
    for transition in TRANSITIONS:
        if transition.action == action and transition.source == source:
            return transition
    return None


def actions_from(source: str) -> list[str]:
    return [t.action for t in TRANSITIONS if t.source == source]
