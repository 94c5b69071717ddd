"""The proposal's life, declared as data: statuses and the transitions between them.

One table says which action moves a proposal from which status to which, who may take
it and what must hold first. `funding.services.proposals.proposal_transition` is the only
code that applies it, and it writes a ProposalStatusChange row every time. The evaluation
work adds its statuses and rows here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProposalAction(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    REOPEN = "reopen", _("Reopen for changes")
    WITHDRAW = "withdraw", _("Withdraw")


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
    from funding.eligibility import check_proposal

    problems = check_proposal(proposal)
    if not problems:
        return None
    return gettext("The proposal is not complete yet: %(problems)s") % {
        "problems": " ".join(problem.message for problem in problems)
    }


def _submit_guard(proposal, now) -> str | None:
    return _topic_open(proposal, now) or _eligible(proposal, now)


def _brussels_text(value) -> str:
    from funding.deadlines import brussels

    return brussels(value).strftime("%d/%m/%Y %H:%M:%S")


def _coordinator_member(user, proposal):
    from funding.permissions.proposals import can_act_for_coordinator

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
)


def find_transition(action: str, source: str) -> Transition | None:
    for transition in TRANSITIONS:
        if transition.action == action and transition.source == source:
            return transition
    return None


def actions_from(source: str) -> list[str]:
    return [t.action for t in TRANSITIONS if t.source == source]
