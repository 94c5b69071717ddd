"""The reserve list after a failed grant preparation: the budget the topic has left, the
first reserve proposal in rank order, and its selection (the manager confirms it on a
page of its own; the decision is the evaluation's `proposal_decide`)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from funding.evaluation.models import EvaluatedVersion, ListKind, RankingEntry
from funding.evaluation.services import results
from funding.portfolio.models.projects import FundedProject, ProjectStatus
from funding.portfolio.permissions import can_prepare_grant
from funding.portfolio.preparation import GrantError
from funding.proposals.services import ProposalError
from funding.proposals.statuses import ProposalStatus

ZERO = Decimal("0.00")


def failed_preparation(project: FundedProject) -> bool:
    """Terminated before it was ever signed: its grant preparation failed."""
    return project.status == ProjectStatus.TERMINATED and project.signature_date is None


@dataclass(frozen=True)
class TopicBudget:
    budget: Decimal
    granted: Decimal  # projects of the topic, failed preparations left out
    awaiting: Decimal  # main-list proposals not decided yet
    available: Decimal


def topic_budget(topic) -> TopicBudget:
    granted = (
        FundedProject.objects.filter(topic=topic)
        .exclude(Q(status=ProjectStatus.TERMINATED) & Q(signature_date__isnull=True))
        .aggregate(total=Sum("eu_contribution"))["total"]
        or ZERO
    )
    awaiting = (
        EvaluatedVersion.objects.filter(
            proposal__topic=topic, proposal__status=ProposalStatus.MAIN_LIST
        ).aggregate(total=Sum("requested"))["total"]
        or ZERO
    )
    return TopicBudget(topic.budget, granted, awaiting, topic.budget - granted - awaiting)


def reserve_candidate(topic) -> RankingEntry | None:
    """The first proposal of the topic's reserve list still waiting, in rank order."""
    return (
        RankingEntry.objects.filter(
            topic=topic, list_kind=ListKind.RESERVE, proposal__status=ProposalStatus.RESERVE_LIST
        )
        .select_related("proposal__evaluated_version", "proposal__coordinator")
        .order_by("position")
        .first()
    )


def reserve_select(*, project: FundedProject, user, reason: str, now=None) -> FundedProject:
    """Select the first reserve proposal of the failed project's topic; it becomes a
    project in grant preparation. The reason is recorded with the decision."""
    if not (verdict := can_prepare_grant(user, project)):
        raise GrantError(verdict.reason)
    if not failed_preparation(project) or project.topic_id is None:
        raise GrantError(
            _("The reserve list is offered after a failed grant preparation of a topic here.")
        )
    entry = reserve_candidate(project.topic)
    if entry is None:
        raise GrantError(_("The topic's reserve list has no proposal waiting."))
    try:
        selected = results.proposal_decide(
            proposal=entry.proposal, user=user, select=True, reason=reason, now=now
        )
    except ProposalError as error:
        raise GrantError(str(error)) from error
    return selected
