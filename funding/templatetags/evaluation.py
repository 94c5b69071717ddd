from django import template

from funding.evaluation.summary import published_summary
from funding.proposals.applicant_status import proposal_applicant_status, status_label

register = template.Library()


@register.simple_tag
def evaluation_summary(proposal):
    """The proposal's Evaluation Summary Report once its topic's results are published."""
    return published_summary(proposal)


def _code(proposal) -> str:
    """The status the applicant sees: the `applicant_status` annotation when the proposal
    comes from `with_applicant_status` (no query), else the same rule for one object."""
    annotated = getattr(proposal, "applicant_status", None)
    return annotated if annotated is not None else proposal_applicant_status(proposal)


@register.filter
def applicant_status(proposal) -> str:
    """The status label an applicant may see (funding.proposals.applicant_status)."""
    return status_label(_code(proposal))


@register.filter
def applicant_status_code(proposal) -> str:
    return _code(proposal)
