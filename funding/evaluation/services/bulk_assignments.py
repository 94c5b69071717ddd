"""Bulk assignment: a topic's admitted proposals given their experts in one action.

`assignment_plan` proposes, and changes nothing: for each proposal still short of the
topic's number of experts per proposal, the experts available for the call (their
availability says so), never one already asked on that proposal (assigned, or released
after declaring a conflict) nor one with a known conflict (`conflicts.py`). The proposals
with the fewest possible experts are served first; each takes the experts with the lightest
load in the call so far (the plan's own assignments counted), then those with most
keywords in common, then by name. `assignments_create_bulk` makes the previewed pairs
through `assignment_create`, which checks every rule again on the locked proposal: if
anything changed since the preview, nothing is assigned and the manager is told why.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from cooperation.accounts.experts import keyword_set
from cooperation.models import User
from funding.calls.models.topics import Topic
from funding.evaluation.models import Assignment
from funding.evaluation.permissions import can_manage_evaluation
from funding.evaluation.services.assignments import (
    ASSIGNABLE,
    EvaluationError,
    assignment_create,
)
from funding.evaluation.services.conflicts import conflicted_pairs
from funding.evaluation.services.experts import experts
from funding.proposals.models import Proposal


@dataclass
class PlannedProposal:
    proposal: Proposal
    assigned: list[User]
    proposed: list[User] = field(default_factory=list)
    missing: int = 0


@dataclass
class ExpertLoad:
    expert: User
    before: int
    after: int


@dataclass
class BulkPlan:
    topic: Topic
    rows: list[PlannedProposal]
    loads: list[ExpertLoad]

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return [(row.proposal.pk, e.pk) for row in self.rows for e in row.proposed]

    @property
    def missing(self) -> int:
        return sum(row.missing for row in self.rows)


def available_experts(topic: Topic):
    """The experts whose availability says they evaluate for the topic's call, each with
    `load`: their active assignments in the call."""
    call = topic.call
    return (
        experts()
        .filter(call_availabilities__call=call, call_availabilities__available=True)
        .select_related("expert_profile")
        .annotate(
            load=Count(
                "assignments",
                filter=Q(
                    assignments__proposal__topic__call=call,
                    assignments__released_at__isnull=True,
                ),
                distinct=True,
            )
        )
    )


def _keywords(expert) -> frozenset[str]:
    profile = getattr(expert, "expert_profile", None)
    return profile.keyword_set if profile else frozenset()


def choose_experts(candidates, needed: int, loads: dict[int, int], wanted: frozenset[str]):
    """The `needed` lightest-loaded candidates (most keywords in common breaks a tie)."""
    ranked = sorted(
        candidates,
        key=lambda e: (loads[e.pk], -len(wanted & _keywords(e)), e.last_name, e.pk),
    )
    return ranked[:needed]


def assignment_plan(*, topic: Topic) -> BulkPlan:
    """The proposed assignment of the topic's assignable proposals (changes nothing)."""
    needed_per_proposal = topic.experts_per_proposal
    pool = list(available_experts(topic))
    by_id = {e.pk: e for e in pool}
    loads = {e.pk: e.load for e in pool}
    proposals = list(
        Proposal.objects.filter(topic=topic, status__in=ASSIGNABLE)
        .select_related("topic__call", "coordinator")
        .order_by("number")
    )
    asked: dict[int, set[int]] = {p.pk: set() for p in proposals}
    active: dict[int, list[User]] = {p.pk: [] for p in proposals}
    for assignment in Assignment.objects.filter(proposal__in=proposals).select_related("expert"):
        asked[assignment.proposal_id].add(assignment.expert_id)
        if assignment.released_at is None:
            active[assignment.proposal_id].append(assignment.expert)
    conflicted = conflicted_pairs(proposals, pool)
    rows, options = [], {}
    for proposal in proposals:
        excluded = asked[proposal.pk] | conflicted[proposal.pk]
        options[proposal.pk] = [e for e in pool if e.pk not in excluded]
        rows.append(PlannedProposal(proposal=proposal, assigned=active[proposal.pk]))
    # The proposals with the fewest possible experts first: they have the least choice.
    for row in sorted(rows, key=lambda r: (len(options[r.proposal.pk]), r.proposal.number)):
        needed = max(needed_per_proposal - len(row.assigned), 0)
        if not needed:
            continue
        chosen = choose_experts(
            options[row.proposal.pk], needed, loads, keyword_set(row.proposal.keywords)
        )
        for expert in chosen:
            loads[expert.pk] += 1
        row.proposed = chosen
        row.missing = needed - len(chosen)
    expert_loads = [
        ExpertLoad(expert=by_id[pk], before=by_id[pk].load, after=loads[pk])
        for pk in sorted(by_id, key=lambda pk: (by_id[pk].last_name, pk))
    ]
    return BulkPlan(topic=topic, rows=rows, loads=expert_loads)


@transaction.atomic
def assignments_create_bulk(
    *, topic: Topic, user: User, pairs: list[tuple[int, int]], site_url: str = "", now=None
) -> list[Assignment]:
    """Make the previewed (proposal, expert) pairs, all or none. Each goes through
    `assignment_create` (role, conflict, already asked, number of experts, on the locked
    proposal); the expert must also still be available for the call."""
    verdict = can_manage_evaluation(user, topic)
    if not verdict:
        raise EvaluationError(verdict.reason)
    if not pairs:
        raise EvaluationError(_("There is nothing to assign."))
    if len(set(pairs)) != len(pairs):
        raise EvaluationError(_("The same expert appears twice for one proposal."))
    # Every proposal of the plan locked at once, in one order, before any assignment is
    # made: each assignment then updates its expert's stored progress row, and an expert
    # declaring meanwhile locks their proposal before that row, so no two transactions
    # can wait on each other.
    proposals = {
        proposal.pk: proposal
        for proposal in Proposal.objects.select_for_update()
        .filter(topic=topic, pk__in={p for p, _e in pairs})
        .order_by("pk")
    }
    pool = available_experts(topic).in_bulk({e for _p, e in pairs})
    made = []
    for proposal_id, expert_id in pairs:
        proposal, expert = proposals.get(proposal_id), pool.get(expert_id)
        if proposal is None:
            raise EvaluationError(_("A proposal of the preview is not in this topic."))
        if expert is None:
            raise EvaluationError(
                _("An expert of the preview is no longer available for this call.")
            )
        try:
            made.append(
                assignment_create(
                    proposal=proposal, expert=expert, user=user, now=now, site_url=site_url
                )
            )
        except EvaluationError as error:
            raise EvaluationError(
                _(
                    "Nothing was assigned: %(reason)s The assignments changed since the "
                    "preview; look at the new proposal below."
                )
                % {"reason": str(error)}
            ) from error
    return made
