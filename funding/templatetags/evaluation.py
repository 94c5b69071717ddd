from django import template

from funding.evaluation.models import TopicEvaluation
from funding.evaluation.summary import published_summary
from funding.proposals.statuses import ProposalAction, ProposalStatus

register = template.Library()


@register.simple_tag
def evaluation_summary(proposal):
    """The proposal's Evaluation Summary Report once its topic's results are published."""
    return published_summary(proposal)


# Statuses that reveal the experts' or the panel's work: applicants see them only once the
# topic's results are published (the ESR tells them); before that, "Under evaluation".
_UNTIL_PUBLISHED = frozenset(
    {
        ProposalStatus.UNDER_EVALUATION,
        ProposalStatus.CONSENSUS,
        ProposalStatus.RANKED,
        ProposalStatus.MAIN_LIST,
        ProposalStatus.RESERVE_LIST,
        ProposalStatus.REJECTED,
        ProposalStatus.NOT_FUNDED,
    }
)
_APPLICANT_VISIBLE_ACTIONS = frozenset(
    {
        ProposalAction.SUBMIT,
        ProposalAction.REOPEN,
        ProposalAction.WITHDRAW,
        ProposalAction.ADMIT,
        ProposalAction.DECLARE_INADMISSIBLE,
        ProposalAction.DECLARE_INELIGIBLE,
    }
)


@register.filter
def applicant_status(proposal, summary=None):
    """The status label an applicant may see; pass the published summary if there is one."""
    if proposal.status in _UNTIL_PUBLISHED and not summary:
        return ProposalStatus.UNDER_EVALUATION.label
    return proposal.get_status_display()


@register.filter
def shown_to_applicant(change, summary=None) -> bool:
    """History rows of the evaluation stay hidden until the results are published."""
    return bool(summary) or change.action in _APPLICANT_VISIBLE_ACTIONS


@register.filter
def applicant_status_code(proposal, summary=None) -> str:
    if proposal.status in _UNTIL_PUBLISHED and not summary:
        return ProposalStatus.UNDER_EVALUATION.value
    return proposal.status


@register.simple_tag
def results_published(proposal) -> bool:
    if proposal.status not in _UNTIL_PUBLISHED:
        return False  # nothing to hide or reveal: no query
    return TopicEvaluation.objects.filter(
        topic_id=proposal.topic_id, results_published_at__isnull=False
    ).exists()
