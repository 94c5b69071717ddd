"""A proposal's status changes: submission with its snapshot and receipt, reopening,
withdrawal, and the one entry point every other status change goes through
(`proposal_transition`), which applies the table in funding/proposals/workflow.py on the one
workflow engine (core.workflow) and writes the history row.

Submitting and reopening are bound to the deadline: the applicant's view passes `now`, the
instant the request reached the application (core.middleware), and that instant is the one
judged, recorded on the submission and on the history row, however long the request then
waited for the proposal's row lock. Only the proposal's own row is locked, and the receipt
is only queued here: the task worker writes and sends it (funding.proposals.receipts)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import get_language

from cooperation.models import User
from core.workflow import TransitionRefused
from funding.proposals.models import Proposal, ProposalSubmission, SubmissionAttachment
from funding.proposals.services import ProposalError
from funding.proposals.snapshots import proposal_snapshot, snapshot_checksum
from funding.proposals.statuses import ProposalAction
from funding.proposals.tasks import send_submission_receipt
from funding.proposals.workflow import PROPOSAL_WORKFLOW


class ProposalTransitionRefused(ProposalError, TransitionRefused):
    """A status change the proposal workflow refused: both a ProposalError and the
    engine's TransitionRefused, so callers of either kind catch it."""


def proposal_transition(
    *, proposal: Proposal, action: str, user: User, now=None, reason: str = ""
) -> Proposal:
    """Apply one row of the proposal workflow to the locked proposal and record it.

    Without `now`, the clock is read once the row is locked, so that a request waiting
    for the lock at the deadline is judged by when it actually gets it."""
    try:
        applied = PROPOSAL_WORKFLOW.apply(
            obj=proposal, action=action, user=user, reason=reason, now=now
        )
    except TransitionRefused as refusal:
        raise ProposalTransitionRefused(str(refusal)) from refusal
    return applied.obj


def proposal_transition_many(
    *, changes, user: User, now=None, related: tuple[str, ...] | None = None, prepare=None
) -> list[Proposal]:
    """Apply rows of the proposal workflow to many proposals at once, all or nothing:
    `changes` are `(proposal, action, reason)`; each is judged as `proposal_transition`
    judges one, the statuses and history rows written in bulk (core.workflow.apply_many).
    The locked proposals, in primary-key order."""
    try:
        applied = PROPOSAL_WORKFLOW.apply_many(
            changes=changes, user=user, now=now, related=related, prepare=prepare
        )
    except TransitionRefused as refusal:
        raise ProposalTransitionRefused(str(refusal)) from refusal
    return [change.obj for change in applied]


@transaction.atomic
def proposal_submit(
    *,
    proposal: Proposal,
    user: User,
    now: dt.datetime | None = None,
    site_url: str = "",
    send_receipt: bool = True,
) -> ProposalSubmission:
    """Submit, if the topic is open at `now` (the request's arrival; without it, the clock
    once the row is locked) and nothing is missing.

    The deadline check and the snapshot are written in one transaction with the proposal row
    locked, so a submission racing the deadline is either wholly in or wholly refused; its
    `submitted_at` is `now`."""
    locked = proposal_transition(
        proposal=proposal, action=ProposalAction.SUBMIT, user=user, now=now
    )
    now = locked.submitted_at  # stamped by the workflow: the instant judged, the arrival
    number = locked.submissions.count() + 1
    snapshot = proposal_snapshot(locked)
    snapshot["submission"] = {"number": number, "submitted_at": now.isoformat()}
    submission = ProposalSubmission.objects.create(
        proposal=locked,
        number=number,
        submitted_at=now,
        submitted_by=user,
        snapshot=snapshot,
        checksum=snapshot_checksum(snapshot),
    )
    # The files it holds are kept for good, whatever the draft does next (one insert).
    SubmissionAttachment.objects.bulk_create(
        SubmissionAttachment(submission=submission, attachment_id=item["id"])
        for item in snapshot["attachments"]
    )
    if send_receipt:
        # Written, recorded and sent by the task worker: queued in this transaction (the
        # database queue), so a committed submission always has its receipt to come, and
        # the request does not render it.
        send_submission_receipt.enqueue(
            submission_id=submission.pk, site_url=site_url, language=get_language() or ""
        )
    proposal.status, proposal.submitted_at = locked.status, now
    proposal.lock_version = locked.lock_version
    return submission


def proposal_reopen(*, proposal: Proposal, user: User, now: dt.datetime | None = None) -> Proposal:
    """Back to a draft, if the topic is open at `now` (the request's arrival)."""
    return proposal_transition(proposal=proposal, action=ProposalAction.REOPEN, user=user, now=now)


def proposal_withdraw(*, proposal: Proposal, user: User, reason: str, now=None) -> Proposal:
    return proposal_transition(
        proposal=proposal, action=ProposalAction.WITHDRAW, user=user, now=now, reason=reason
    )
