"""Writes on organisations: registration, profile, members and invitations.

Keyword-only, typed functions named <entity>_<action>; none takes a request.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationEvent,
    OrganisationEventKind,
    User,
)
from cooperation.organisations.models import MembershipRole
from core.mail import mail_send
from core.sites import configured_site_url


def organisation_pending_match(details: dict) -> Organisation | None:
    """The pending organisation these details name: the same PIC, or else the same legal
    name (whatever the case) in the same country."""
    pending = Organisation.objects.filter(is_pending=True)
    if details.get("pic"):
        found = pending.filter(pic=details["pic"]).first()
        if found is not None:
            return found
    return pending.filter(
        legal_name__iexact=(details.get("legal_name") or "").strip(),
        country=details.get("country") or "",
    ).first()


@transaction.atomic
def organisation_register(*, user: User, **details) -> Organisation:
    """Register an organisation; the person registering it becomes its contact person.

    An organisation some consortium typed in (pending) is claimed: its own person's details
    replace the applicant's, and it joins the registry, its proposals kept."""
    organisation = organisation_pending_match(details) or Organisation()
    for field, value in details.items():
        setattr(organisation, field, value)
    organisation.is_pending = False
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.CONTACT)
    return organisation


def organisation_pending_for_consortium(*, details: dict) -> Organisation:
    """An organisation an applicant types into a consortium: a pending entry, seen only
    through the proposals it is in, until its own people register it. Typed again by
    another applicant, the same pending entry is used; a registered one must be chosen
    from the registry (the uniqueness checks say so)."""
    found = organisation_pending_match(details)
    if found is not None:
        return found
    organisation = Organisation(**details, is_pending=True)
    organisation.full_clean()
    organisation.save()
    return organisation


def organisation_add_member(
    *, organisation: Organisation, user: User, role: str = MembershipRole.MEMBER
) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership


def organisation_event_record(
    *,
    organisation: Organisation,
    actor: User | None,
    kind: str,
    subject_user: User | None = None,
    subject_email: str = "",
    from_role: str = "",
    to_role: str = "",
    note: str = "",
) -> OrganisationEvent:
    """Add one row to the organisation's history."""
    return OrganisationEvent.objects.create(
        organisation=organisation,
        actor=actor,
        kind=kind,
        subject_user=subject_user,
        subject_email=subject_email or (subject_user.email if subject_user else ""),
        from_role=from_role,
        to_role=to_role,
        note=note,
    )


ORGANISATION_PROFILE_FIELDS = (
    "legal_name",
    "short_name",
    "country",
    "organisation_type",
    "pic",
    "vat_number",
    "address",
    "website",
)


class InvitationError(Exception):
    """An invitation link that cannot be used; the message says why."""


def invitation_max_age() -> int:
    return settings.ORGANISATION_INVITATION_MAX_AGE


@transaction.atomic
def organisation_update(*, organisation: Organisation, user: User, **details) -> Organisation:
    """Change an organisation's profile; the caller has checked can_manage_organisation."""
    for field, value in details.items():
        if field not in ORGANISATION_PROFILE_FIELDS:
            raise ValueError(f"{field} is not a profile field")
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    return organisation


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_issue_token(*, invitation: Invitation) -> str:
    """A new random token for the invitation's link (256 bits, so it needs no slow hash);
    only its digest is stored, and a new token replaces the old one."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _token_digest(token)
    invitation.save(update_fields=["token_hash"])
    return token


@transaction.atomic
def organisation_invite(
    *,
    organisation: Organisation,
    invited_by: User,
    email: str,
    role: str = MembershipRole.MEMBER,
    site_url: str,
):
    """Invite a colleague by e-mail; the link in the message is a random token that expires
    ORGANISATION_INVITATION_MAX_AGE seconds after the invitation."""
    invitation = Invitation.objects.create(
        organisation=organisation, email=email.strip().lower(), role=role, invited_by=invited_by
    )
    token = invitation_issue_token(invitation=invitation)
    invitation_send(invitation=invitation, token=token, site_url=site_url)  # once this commits
    organisation_event_record(
        organisation=organisation,
        actor=invited_by,
        kind=OrganisationEventKind.INVITED,
        subject_email=invitation.email,
        to_role=role,
    )
    return invitation


def invitation_send(*, invitation: Invitation, token: str, site_url: str) -> None:
    link = (site_url or configured_site_url()).rstrip("/") + reverse(
        "organisations:accept_invitation", kwargs={"token": token}
    )
    context = {
        "invitation": invitation,
        "link": link,
        "days": invitation_max_age() // 86400,
    }
    mail_send(
        to=[invitation.email],
        subject=_("Join %(organisation)s on CSA Cooperation")
        % {"organisation": invitation.organisation},
        template="organisations/email/invitation.txt",
        context=context,
    )


def invitation_from_token(*, token: str) -> Invitation:
    """The invitation a link names, or InvitationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=_token_digest(token))
        .first()
    )
    if invitation is None:
        raise InvitationError(
            _(
                "This invitation link is not valid, or the invitation was withdrawn. Check "
                "that you copied all of it."
            )
        )
    if invitation.withdrawn_at is not None:
        raise InvitationError(
            _("This invitation was withdrawn. Ask your colleague to invite you again.")
        )
    if timezone.now() - invitation.last_sent_at > timedelta(seconds=invitation_max_age()):
        raise InvitationError(
            _("This invitation has expired. Ask your colleague to invite you again.")
        )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Add the signed-in user to the organisation, if the invitation was sent to them."""
    invitation = invitation_from_token(token=token)
    # Locked, and read again: a withdrawal or another acceptance may have just committed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.withdrawn_at is not None:
        raise InvitationError(
            _("This invitation was withdrawn. Ask your colleague to invite you again.")
        )
    if user.email.lower() != invitation.email.lower():
        raise InvitationError(
            _(
                "This invitation was sent to %(email)s, but you are signed in as %(you)s. Sign "
                "out and sign in with the invited address."
            )
            % {"email": invitation.email, "you": user.email}
        )
    if invitation.accepted_at is not None:
        membership = Membership.objects.filter(
            user=user, organisation=invitation.organisation
        ).first()
        if membership is not None:
            return membership
        raise InvitationError(_("This invitation has already been used."))
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if _created:
        organisation_event_record(
            organisation=invitation.organisation,
            actor=user,
            kind=OrganisationEventKind.INVITATION_ACCEPTED,
            subject_user=user,
            to_role=membership.role,
        )
    return membership
