"""What the section pages of a locked proposal show (permissions.proposal_locked): the
version that was submitted, read back from the last submission's snapshot and never from
the live rows, and why the proposal can no longer be changed, with what the person can do.

A proposal withdrawn before it was ever submitted has no snapshot: its draft, as it was
left (nothing changes it any more), is read into the same shape by `proposal_snapshot`.
The objects built here are unsaved: they only carry what the snapshot recorded to the
templates (`get_role_display`, the organisation's country name).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from cooperation.models import Organisation
from funding.proposals.applicant_status import proposal_applicant_status, status_label
from funding.proposals.budget import FUNDED_ROLES, ZERO, BudgetTotals, PartnerBudget
from funding.proposals.models import Attachment, Partner, Person, Proposal, ProposalSubmission
from funding.proposals.permissions import can_act_for_coordinator
from funding.proposals.snapshots import (
    proposal_snapshot,
    snapshot_general,
    snapshot_organisation,
    submission_files,
)
from funding.proposals.statuses import ProposalAction, ProposalStatus
from funding.proposals.workflow import actions_from


@dataclass(frozen=True)
class SubmittedVersion:
    """A proposal as submitted: `submission` is None for a draft that was never submitted."""

    submission: ProposalSubmission | None
    proposal: Proposal  # the general information
    partners: list[Partner]  # each with its organisation as it was then
    budget: BudgetTotals  # the figures the snapshot recorded, not recomputed
    people: list[Person]  # each with its partner

    @property
    def budget_rows(self) -> list[tuple[Partner, PartnerBudget]]:
        return list(zip(self.partners, self.budget.partners, strict=True))


def _money(value) -> Decimal:
    return Decimal(value or "0.00")


def _line(recorded: dict, *, funded: bool) -> PartnerBudget:
    return PartnerBudget(
        **{
            field: _money(recorded.get(field))
            for field in (
                "personnel",
                "subcontracting",
                "purchase",
                "other",
                "direct",
                "indirect",
                "eligible",
                "funding_rate",
                "requested",
            )
        },
        funded=funded,
    )


def version_from_snapshot(data: dict, *, submission, topic) -> SubmittedVersion:
    proposal = snapshot_general(data, topic=topic)
    recorded = data.get("budget", {})
    partners, lines = [], []
    for entry, line in zip(data.get("consortium", []), recorded.get("partners", []), strict=True):
        partners.append(Partner(organisation=snapshot_organisation(entry), role=entry["role"]))
        lines.append(_line(line, funded=entry["role"] in FUNDED_ROLES))
    funded = [line for line in lines if line.funded]
    budget = BudgetTotals(
        partners=tuple(lines),
        direct=sum((line.direct for line in funded), ZERO),
        indirect=sum((line.indirect for line in funded), ZERO),
        eligible=_money(recorded.get("total_eligible")),
        requested=_money(recorded.get("total_requested")),
        information=sum((line.direct + line.indirect for line in lines if not line.funded), ZERO),
    )
    by_name = {partner.organisation.legal_name: partner for partner in partners}
    people = [
        Person(
            first_name=entry["first_name"],
            last_name=entry["last_name"],
            role_in_project=entry.get("role_in_project", ""),
            gender=entry.get("gender", ""),
            partner=by_name.get(entry["organisation"])
            or Partner(organisation=Organisation(legal_name=entry["organisation"])),
        )
        for entry in data.get("personnel", [])
    ]
    return SubmittedVersion(submission, proposal, partners, budget, people)


def submitted_version(proposal: Proposal) -> SubmittedVersion:
    """The last submission (what is evaluated after the deadline), else the draft as left."""
    submission = proposal.submissions.order_by("-number").first()
    data = submission.snapshot if submission else proposal_snapshot(proposal)
    return version_from_snapshot(data, submission=submission, topic=proposal.topic)


def current_draft(proposal: Proposal) -> SubmittedVersion:
    """The draft as it is now (a partner's member reads the coordinator's sections): its
    live rows, read into the same shape, whatever was submitted before a reopening."""
    return version_from_snapshot(proposal_snapshot(proposal), submission=None, topic=proposal.topic)


def submitted_files(proposal: Proposal, version: SubmittedVersion) -> list[Attachment]:
    """The files of that version: those the submission holds (as the receipt lists them)."""
    if version.submission is None:
        return list(proposal.attachments.all())
    return submission_files(version.submission)


@dataclass(frozen=True)
class LockNotice:
    reason: str
    can_reopen: bool  # the coordinator's member may reopen it now (the workflow's guard)


def lock_notice(user, proposal: Proposal, now: dt.datetime) -> LockNotice:
    """Why the proposal can no longer be changed, in the status the applicant sees."""
    if proposal.status == ProposalStatus.SUBMITTED:
        if not proposal.topic.is_open(now):
            return LockNotice(
                _(
                    "The deadline has passed: this proposal is awaiting evaluation as it was "
                    "submitted, and can no longer be changed."
                ),
                False,
            )
        reopen = ProposalAction.REOPEN in actions_from(proposal.status)
        if reopen and can_act_for_coordinator(user, proposal):
            return LockNotice(
                _(
                    "This proposal is submitted. Reopen it to make changes, then submit it "
                    "again before the deadline."
                ),
                True,
            )
        return LockNotice(
            _("This proposal is submitted: only the coordinator can reopen it."), False
        )
    status = status_label(proposal_applicant_status(proposal)).lower()
    return LockNotice(
        _("This proposal is %(status)s and can no longer be changed.") % {"status": status},
        False,
    )
