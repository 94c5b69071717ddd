"""Writes on proposals. Keyword-only, typed functions; none takes a request.

Every section save claims the proposal's `lock_version` first (optimistic locking): a
save made on a stale version is refused with ConflictError and changes nothing. Status
changes (submit, reopen, withdraw and the evaluation's steps) are in lifecycle.py.
"""

import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import Membership, Organisation, User
from cooperation.organisations.services import organisation_pending_for_consortium
from core import files
from core.brussels import brussels
from core.filenames import sanitise_filename
from funding.models import Topic
from funding.proposals.attachments import ALLOWED_TYPES, max_file_bytes, max_total_bytes
from funding.proposals.models import (
    Attachment,
    AttachmentKind,
    Partner,
    PartnerRole,
    Person,
    Proposal,
)
from funding.proposals.permissions import (
    can_edit_partner_share,
    can_edit_proposal,
    can_edit_shares,
)
from funding.proposals.statuses import ProposalStatus


class ProposalError(Exception):
    """A refused write; the message says why in plain words."""


class ConflictError(ProposalError):
    """Someone else saved the proposal since the form was opened."""

    def __init__(self, *, saved_at: dt.datetime, saved_by):
        self.saved_at, self.saved_by = saved_at, saved_by
        who = str(saved_by) if saved_by else _("someone else")
        super().__init__(
            _(
                "%(who)s saved this proposal at %(time)s (Brussels time), after you opened this "
                "page. Your changes were not saved and are shown below: check the current "
                "version, then save again."
            )
            % {"who": who, "time": brussels(saved_at).strftime("%H:%M")}
        )


def _now(now):
    return now or timezone.now()


def _require(verdict) -> None:
    if not verdict:
        raise ProposalError(verdict.reason)


# --- creation ---------------------------------------------------------------------------


def _next_number(topic: Topic) -> str:
    year = brussels(topic.deadline_at).year
    prefix = f"P-{year}-"
    last = (
        Proposal.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{sequence:05d}"


def proposal_create(
    *,
    topic: Topic,
    coordinator: Organisation,
    user: User,
    acronym: str = "",
    title: str = "",
    now: dt.datetime | None = None,
) -> Proposal:
    """Start a draft for an open topic; the user's organisation coordinates it."""
    now = _now(now)
    if not topic.is_open(now):
        raise ProposalError(_("The topic %(t)s is not open.") % {"t": topic.identifier})
    if not Membership.objects.filter(user=user, organisation=coordinator).exists():
        raise ProposalError(_("You can only start a proposal for your own organisation."))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                proposal = Proposal.objects.create(
                    topic=topic,
                    number=_next_number(topic),
                    acronym=acronym,
                    title=title,
                    coordinator=coordinator,
                    created_by=user,
                    updated_by=user,
                    updated_at=now,
                )
                Partner.objects.create(
                    proposal=proposal, organisation=coordinator, role=PartnerRole.COORDINATOR
                )
                return proposal
        except IntegrityError:  # two proposals took the same number at once: try the next
            continue
    raise ProposalError(_("Could not number the proposal; please try again."))


# --- optimistic locking -----------------------------------------------------------------


def _claim_version(
    *, proposal: Proposal, user: User, lock_version: int, now, rule=can_edit_proposal
) -> None:
    """Move the proposal to the next version if it is still at `lock_version`. `rule` is
    who may make the change (the coordinator's members unless a partner's share)."""
    _require(rule(user, proposal))
    claimed = Proposal.objects.filter(
        pk=proposal.pk, lock_version=lock_version, status=ProposalStatus.DRAFT
    ).update(lock_version=F("lock_version") + 1, updated_at=now, updated_by=user)
    if not claimed:
        current = Proposal.objects.select_related("updated_by").get(pk=proposal.pk)
        if current.status != ProposalStatus.DRAFT:
            _require(rule(user, current))
        raise ConflictError(saved_at=current.updated_at, saved_by=current.updated_by)
    proposal.lock_version = lock_version + 1
    proposal.updated_at, proposal.updated_by = now, user


GENERAL_FIELDS = ("acronym", "title", "abstract", "keywords", "duration_months")


@transaction.atomic
def proposal_update_general(
    *, proposal: Proposal, user: User, lock_version: int, data: dict, now=None
) -> Proposal:
    now = _now(now)
    _claim_version(proposal=proposal, user=user, lock_version=lock_version, now=now)
    for field in GENERAL_FIELDS:
        if field in data:
            setattr(proposal, field, data[field])
    proposal.full_clean(exclude=["topic", "coordinator", "created_by", "updated_by"])
    proposal.save(update_fields=[*GENERAL_FIELDS])
    return proposal


# --- consortium and budget --------------------------------------------------------------


@transaction.atomic
def partner_add(
    *,
    proposal: Proposal,
    user: User,
    lock_version: int,
    role: str,
    organisation: Organisation | None = None,
    new_organisation: dict | None = None,
    now=None,
) -> Partner:
    """Add an organisation from the registry, or register a new one and add it."""
    now = _now(now)
    if role == PartnerRole.COORDINATOR:
        raise ProposalError(_("The proposal already has its coordinator."))
    if role not in PartnerRole.values:
        raise ProposalError(_("Choose the partner's role."))
    _claim_version(proposal=proposal, user=user, lock_version=lock_version, now=now)
    if organisation is None:
        if not new_organisation:
            raise ProposalError(_("Choose an organisation or enter a new one."))
        try:
            # Pending: seen through this proposal only until its own people register it.
            organisation = organisation_pending_for_consortium(details=new_organisation)
        except ValidationError as error:
            raise ProposalError(" ".join(error.messages)) from error
    elif organisation.is_pending:
        raise ProposalError(_("Choose an organisation of the registry, or enter a new one."))
    if proposal.partners.filter(organisation=organisation).exists():
        raise ProposalError(
            _("%(org)s is already in the consortium; an organisation takes part once.")
            % {"org": organisation}
        )
    position = (proposal.partners.count() or 0) + 1
    return Partner.objects.create(
        proposal=proposal, organisation=organisation, role=role, position=position
    )


@transaction.atomic
def partner_remove(*, partner: Partner, user: User, lock_version: int, now=None) -> None:
    now = _now(now)
    if partner.role == PartnerRole.COORDINATOR:
        raise ProposalError(_("The coordinator cannot be removed from its own proposal."))
    _claim_version(proposal=partner.proposal, user=user, lock_version=lock_version, now=now)
    partner.delete()


BUDGET_FIELDS = ("personnel_costs", "subcontracting_costs", "purchase_costs", "other_direct_costs")


@transaction.atomic
def budget_update(
    *,
    proposal: Proposal,
    user: User,
    lock_version: int,
    lines: dict[int, dict[str, Decimal]],
    now=None,
) -> None:
    """Save the cost lines of the partners, keyed by partner id; a partner's member saves
    only their organisation's lines. A line's optional `complete` marks that partner's
    share (budget and personnel) complete, or back in progress."""
    now = _now(now)
    _claim_version(
        proposal=proposal, user=user, lock_version=lock_version, now=now, rule=can_edit_shares
    )
    partners = {p.pk: p for p in proposal.partners.select_related("organisation")}
    for partner_id, values in lines.items():
        partner = partners.get(partner_id)
        if partner is None:
            raise ProposalError(_("A partner in this form is no longer in the consortium."))
        partner.proposal = proposal
        _require(can_edit_partner_share(user, partner))
        for field in BUDGET_FIELDS:
            setattr(partner, field, values[field])
        fields = list(BUDGET_FIELDS)
        if "complete" in values:
            partner.share_completed_at = now if values["complete"] else None
            fields.append("share_completed_at")
        try:
            partner.full_clean(exclude=["proposal", "organisation"])
        except ValidationError as error:
            raise ProposalError(" ".join(error.messages)) from error
        partner.save(update_fields=fields)


# --- personnel --------------------------------------------------------------------------


@transaction.atomic
def person_add(
    *, proposal: Proposal, user: User, lock_version: int, partner: Partner, data: dict, now=None
) -> Person:
    now = _now(now)
    if partner.proposal_id != proposal.pk:
        raise ProposalError(_("This organisation is not in the consortium."))
    partner.proposal = proposal
    _require(can_edit_partner_share(user, partner))
    _claim_version(
        proposal=proposal, user=user, lock_version=lock_version, now=now, rule=can_edit_shares
    )
    person = Person(proposal=proposal, partner=partner, **data)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_remove(*, person: Person, user: User, lock_version: int, now=None) -> None:
    now = _now(now)
    person.partner.proposal = person.proposal
    _require(can_edit_partner_share(user, person.partner))
    _claim_version(
        proposal=person.proposal,
        user=user,
        lock_version=lock_version,
        now=now,
        rule=can_edit_shares,
    )
    person.delete()


# --- attachments ------------------------------------------------------------------------


def _discard(attachment: Attachment, now) -> None:
    """Take a file out of the draft. A file a submission holds stays, hidden from the draft;
    any other is deleted, and its bytes once the change is committed (never before: a
    rolled-back change must find its file)."""
    if attachment.submissions.exists():
        attachment.removed_at = now
        attachment.save(update_fields=["removed_at"])
        return
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def attachment_add(
    *, proposal: Proposal, user: User, lock_version: int, kind: str, upload, now=None
) -> Attachment:
    """Check the file by its content and size, store it privately with its SHA-256.

    A new Part B replaces the draft's previous one (kept if a submission holds it). The
    bytes are stored before the row is written: if any step of the write fails, they are
    deleted again and nothing else has changed."""
    now = _now(now)
    _require(can_edit_proposal(user, proposal))
    is_part_b = kind == AttachmentKind.PART_B
    # The Part B to be replaced does not count towards the total.
    kept = proposal.attachments.exclude(kind=AttachmentKind.PART_B) if is_part_b else None
    used = (kept if is_part_b else proposal.attachments).aggregate(total=Sum("size"))
    try:
        file_type = files.validate_upload(
            upload,
            allowed=ALLOWED_TYPES[kind],
            max_bytes=max_file_bytes(),
            used_bytes=used["total"] or 0,
            total_max_bytes=max_total_bytes(),
        )
    except files.UploadRefused as error:
        raise ProposalError(str(error)) from error
    stored = None
    try:
        with transaction.atomic():
            _claim_version(proposal=proposal, user=user, lock_version=lock_version, now=now)
            if is_part_b:
                for replaced in proposal.attachments.filter(kind=AttachmentKind.PART_B):
                    _discard(replaced, now)
            name = sanitise_filename(upload.name)
            attachment = Attachment(
                proposal=proposal,
                kind=kind,
                original_name=name,
                content_type=file_type.content_type,
                size=upload.size,
                sha256=files.sha256_of(upload),
                uploaded_by=user,
                uploaded_at=now,
            )
            path = f"proposals/{proposal.pk}/{uuid.uuid4().hex}/{name}"
            attachment.file.save(path, upload, save=False)
            stored = attachment.file.name
            attachment.save()
    except BaseException:
        if stored:
            attachment.file.storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user: User, lock_version: int, now=None):
    """Take a file out of the draft; a submission that holds it keeps it."""
    now = _now(now)
    _claim_version(proposal=attachment.proposal, user=user, lock_version=lock_version, now=now)
    if attachment.removed_at is not None:
        raise ProposalError(_("This file is no longer in the proposal."))
    _discard(attachment, now)
