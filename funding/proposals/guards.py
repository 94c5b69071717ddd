"""Guards of the applicant's rows of the proposal workflow (funding.proposals.workflow).

Each is `(proposal, now) -> problem text or None`, judged by the workflow engine on the
locked proposal. For submitting and reopening, `now` is the instant the applicant's request
reached the application (core.middleware), not when it got the lock: a request that arrives
before the deadline and waits for the lock past it is in time, one that arrives at the
deadline is not, however fast.
"""

from django.utils.translation import gettext as _

from core.display import show_datetime
from funding.proposals.applicant_status import results_published
from funding.proposals.contents import proposal_contents
from funding.proposals.eligibility import check_proposal


def _brussels_text(value) -> str:
    return show_datetime(value, zone=False)


def _brussels_millisecond(value) -> str:
    """To the millisecond: a request at 17:00:00.000 is late for a 17:00:00 deadline."""
    return show_datetime(value, zone=False, milliseconds=True)


def topic_open(proposal, now) -> str | None:
    """Open at `now`: a deadline of 17:00:00 takes 16:59:59.999 and refuses 17:00:00.000."""
    if proposal.topic.is_open(now):
        return None
    return _(
        "The deadline of this topic has passed: the request reached the server at %(now)s, "
        "the deadline was %(deadline)s (Brussels time)."
    ) % {
        "now": _brussels_millisecond(now),
        "deadline": _brussels_text(proposal.topic.deadline_at),
    }


def complete(proposal, now) -> str | None:
    """Nothing missing, judged on the rows the snapshot then records (proposal_contents)."""
    contents = proposal_contents(proposal)
    problems = check_proposal(
        proposal, partners=contents.partners, attachments=contents.attachments
    )
    if not problems:
        return None
    return _("The proposal is not complete yet: %(problems)s") % {
        "problems": " ".join(problem.message for problem in problems)
    }


def submittable(proposal, now) -> str | None:
    """Submitting needs the topic still open and nothing missing."""
    return topic_open(proposal, now) or complete(proposal, now)


def outcome_unpublished(proposal, now) -> str | None:
    """A decided outcome (rejected, not funded, selected) may be withdrawn as long as the
    applicant cannot know it: until the topic's results are published, it reads "Under
    evaluation" and is withdrawn like every proposal that does."""
    if not results_published(proposal):
        return None
    return _("The results are published: a decided outcome can no longer be withdrawn.")
