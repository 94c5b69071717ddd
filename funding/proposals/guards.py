"""Guards of the applicant's rows of the proposal workflow (funding.proposals.workflow).

Each is `(proposal, now) -> problem text or None`, judged by the workflow engine on the
locked proposal at the instant the lock was obtained.
"""

from django.utils.translation import gettext as _

from core.brussels import brussels
from funding.proposals.eligibility import check_proposal


def _brussels_text(value) -> str:
    return brussels(value).strftime("%d/%m/%Y %H:%M:%S")


def topic_open(proposal, now) -> str | None:
    if proposal.topic.is_open(now):
        return None
    return _(
        "The deadline of this topic has passed: the server clock said %(now)s, the deadline "
        "was %(deadline)s (Brussels time)."
    ) % {
        "now": _brussels_text(now),
        "deadline": _brussels_text(proposal.topic.deadline_at),
    }


def complete(proposal, now) -> str | None:
    problems = check_proposal(proposal)
    if not problems:
        return None
    return _("The proposal is not complete yet: %(problems)s") % {
        "problems": " ".join(problem.message for problem in problems)
    }


def submittable(proposal, now) -> str | None:
    """Submitting needs the topic still open and nothing missing."""
    return topic_open(proposal, now) or complete(proposal, now)
