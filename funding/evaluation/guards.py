"""Guards of the evaluation rows of the proposal workflow (funding.proposals.workflow).

Each is `(proposal, now) -> problem text or None`, judged by the workflow engine
(core.workflow) on the locked proposal.
"""

from django.utils.translation import gettext as _

from funding.evaluation.models import Assignment, ConsensusStatus, TopicEvaluation
from funding.evaluation.ranking.loading import consensus_outcome
from funding.evaluation.snapshot import last_submission, snapshot_proposal
from funding.proposals.eligibility import check_proposal


def closed_and_submitted(proposal, now) -> str | None:
    if proposal.topic.deadline_at > now:
        return _("Admissibility and eligibility are checked only after the topic's deadline.")
    if not proposal.submissions.exists():
        return _("This proposal was never submitted.")
    return None


def snapshot_problems(proposal) -> list:
    submission = last_submission(proposal)
    version, partners, attachments = snapshot_proposal(submission, proposal.topic)
    return check_proposal(version, partners=partners, attachments=attachments)


def admissible(proposal, now) -> str | None:
    if problem := closed_and_submitted(proposal, now):
        return problem
    problems = snapshot_problems(proposal)
    if problems:
        return _("The submitted version does not pass the check: %(problems)s") % {
            "problems": " ".join(problem.message for problem in problems)
        }
    return None


def staffed(proposal, now) -> str | None:
    needed = proposal.topic.experts_per_proposal
    cleared = Assignment.objects.cleared().filter(proposal=proposal).count()
    if cleared < needed:
        return _(
            "The evaluation starts when %(needed)s experts have declared no conflict of "
            "interest; %(cleared)s have so far."
        ) % {"needed": needed, "cleared": cleared}
    return None


def consensus_closed(proposal, now) -> str | None:
    report = getattr(proposal, "consensus_report", None)
    if report is None or report.status != ConsensusStatus.CLOSED:
        return _("The consensus report of this proposal is not closed yet.")
    return None


def above_threshold(proposal, now) -> str | None:
    # The freeze sets on each locked proposal the outcome it ranked it by, read for all of
    # them in the ranking's one loading query from the same closed consensus scores.
    outcome = getattr(proposal, "ranked_outcome", None) or consensus_outcome(proposal)
    if not outcome.passed:
        return _("The proposal is below a threshold: %(why)s") % {"why": outcome.explanation}
    return None


def published(proposal, now) -> str | None:
    evaluation = TopicEvaluation.objects.filter(topic_id=proposal.topic_id).first()
    if evaluation is None or evaluation.results_published_at is None:
        return _("Publish the topic's results to the applicants before the funding decision.")
    return None
