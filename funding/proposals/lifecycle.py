"""A proposal's status changes: submission with its snapshot and receipt, reopening,
withdrawal, and the one entry point every other status change goes through
(`proposal_transition`), which applies the table in funding/proposals/workflow.py on the one
workflow engine (core.workflow) and writes the history row.

Submitting and reopening are bound to the deadline: the applicant's view passes `now`, the
instant the request reached the application (core.middleware), and that instant is the one
judged, recorded on the submission and on the history row, however long the request then
waited for the proposal's row lock. Only the proposal's own row is locked, and the receipt
is only recorded here: it is sent by the task worker once the submission commits."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.models import Membership, User
from cooperation.organisations.models import MembershipRole
from core.brussels import brussels
from core.mail import mail_send
from core.sites import configured_site_url
from core.workflow import TransitionRefused
from funding.proposals.models import (
    Proposal,
    ProposalSubmission,
)
from funding.proposals.services import ProposalError
from funding.proposals.snapshots import proposal_snapshot, snapshot_checksum
from funding.proposals.statuses import ProposalAction
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
    now = locked.updated_at  # the instant the transition was judged at: the arrival
    locked.submitted_at = now
    locked.save(update_fields=["submitted_at"])
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
    # The files it holds are kept for good, whatever the draft does next.
    submission.attachments.set([item["id"] for item in snapshot["attachments"]])
    if send_receipt:
        # Rendered now, sent once the submission is committed.
        proposal_send_receipt(submission=submission, site_url=site_url)
    proposal.status, proposal.submitted_at = locked.status, now
    proposal.lock_version = locked.lock_version
    return submission


def proposal_send_receipt(*, submission: ProposalSubmission, site_url: str = "") -> None:
    proposal = submission.proposal
    link = (site_url or configured_site_url()).rstrip("/") + reverse(
        "applicant:receipt", kwargs={"pk": proposal.pk, "number": submission.number}
    )
    recipients = {submission.submitted_by.email} if submission.submitted_by else set()
    recipients |= set(
        Membership.objects.filter(
            organisation=proposal.coordinator,
            role__in=[MembershipRole.CONTACT, MembershipRole.LEGAL_REPRESENTATIVE],
        ).values_list("user__email", flat=True)
    )
    context = {
        "proposal": proposal,
        "submission": submission,
        "submitted_at": brussels(submission.submitted_at),
        "link": link,
    }
    mail_send(
        to=sorted(recipients),
        subject=_("Proposal %(number)s received") % {"number": proposal.number},
        template="applicant/email/receipt.txt",
        context=context,
    )


def proposal_reopen(*, proposal: Proposal, user: User, now: dt.datetime | None = None) -> Proposal:
    """Back to a draft, if the topic is open at `now` (the request's arrival)."""
    return proposal_transition(proposal=proposal, action=ProposalAction.REOPEN, user=user, now=now)


def proposal_withdraw(*, proposal: Proposal, user: User, reason: str, now=None) -> Proposal:
    return proposal_transition(
        proposal=proposal, action=ProposalAction.WITHDRAW, user=user, now=now, reason=reason
    )
