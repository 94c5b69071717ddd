"""Writes on an organisation's members and pending invitations, each recorded in its history.

Each service locks the organisation's row first, so two changes made at the same moment
cannot together leave it without its last legal representative or contact person.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import Invitation, Membership, Organisation, OrganisationEventKind, User
from cooperation.organisations.models import MembershipRole
from cooperation.organisations.permissions import can_manage_members
from cooperation.organisations.services import (
    invitation_issue_token,
    invitation_send,
    organisation_event_record,
)

# Roles an organisation must always keep one holder of, with the refusals in plain words.
KEPT_ROLES = (MembershipRole.LEGAL_REPRESENTATIVE, MembershipRole.CONTACT)


class MembershipError(Exception):
    """A change to the members that is refused; the message says why."""


def _locked(*, organisation: Organisation, user: User) -> Organisation:
    verdict = can_manage_members(user, organisation)
    if not verdict:
        raise MembershipError(verdict.reason)
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _locked_membership(*, organisation: Organisation, membership: Membership) -> Membership:
    locked = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(pk=membership.pk, organisation=organisation)
        .first()
    )
    if locked is None:
        raise MembershipError(_("This person is not a member of this organisation."))
    return locked


def _keeps_one_of_each(*, membership: Membership, user: User, new_role: str | None) -> None:
    """Refuse if the change leaves the organisation without a holder of a kept role."""
    role = membership.role
    if role not in KEPT_ROLES or role == new_role:
        return
    others = Membership.objects.filter(organisation_id=membership.organisation_id, role=role)
    if others.exclude(pk=membership.pk).exists():
        return
    if membership.user_id == user.pk:
        if role == MembershipRole.LEGAL_REPRESENTATIVE:
            raise MembershipError(
                _(
                    "You are the last legal representative of this organisation. Give "
                    "another member that role first."
                )
            )
        raise MembershipError(
            _(
                "You are the last contact person of this organisation. Give another "
                "member that role first."
            )
        )
    if role == MembershipRole.LEGAL_REPRESENTATIVE:
        raise MembershipError(
            _(
                "%(person)s is the last legal representative of this organisation. Give "
                "another member that role first."
            )
            % {"person": membership.user.email}
        )
    raise MembershipError(
        _(
            "%(person)s is the last contact person of this organisation. Give another "
            "member that role first."
        )
        % {"person": membership.user.email}
    )


@transaction.atomic
def membership_change_role(
    *, organisation: Organisation, membership: Membership, user: User, role: str
) -> Membership:
    if role not in MembershipRole.values:
        raise MembershipError(_("Choose one of the roles offered."))
    organisation = _locked(organisation=organisation, user=user)
    membership = _locked_membership(organisation=organisation, membership=membership)
    if membership.role == role:
        return membership
    _keeps_one_of_each(membership=membership, user=user, new_role=role)
    from_role = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    organisation_event_record(
        organisation=organisation,
        actor=user,
        kind=OrganisationEventKind.ROLE_CHANGED,
        subject_user=membership.user,
        from_role=from_role,
        to_role=role,
    )
    return membership


@transaction.atomic
def membership_remove(*, organisation: Organisation, membership: Membership, user: User) -> None:
    organisation = _locked(organisation=organisation, user=user)
    membership = _locked_membership(organisation=organisation, membership=membership)
    _keeps_one_of_each(membership=membership, user=user, new_role=None)
    organisation_event_record(
        organisation=organisation,
        actor=user,
        kind=OrganisationEventKind.MEMBER_REMOVED,
        subject_user=membership.user,
        from_role=membership.role,
    )
    membership.delete()


def _locked_pending(*, organisation: Organisation, invitation: Invitation) -> Invitation:
    locked = (
        Invitation.objects.select_for_update()
        .filter(pk=invitation.pk, organisation=organisation)
        .first()
    )
    if locked is None:
        raise MembershipError(_("This invitation is not one of this organisation's."))
    if locked.accepted_at is not None:
        raise MembershipError(
            _("The invitation to %(email)s was already accepted.") % {"email": locked.email}
        )
    if locked.withdrawn_at is not None:
        raise MembershipError(
            _("The invitation to %(email)s was already withdrawn.") % {"email": locked.email}
        )
    return locked


@transaction.atomic
def invitation_withdraw(
    *, organisation: Organisation, invitation: Invitation, user: User
) -> Invitation:
    """Withdraw a pending invitation; its link no longer opens."""
    organisation = _locked(organisation=organisation, user=user)
    invitation = _locked_pending(organisation=organisation, invitation=invitation)
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    organisation_event_record(
        organisation=organisation,
        actor=user,
        kind=OrganisationEventKind.INVITATION_WITHDRAWN,
        subject_email=invitation.email,
        to_role=invitation.role,
    )
    return invitation


@transaction.atomic
def invitation_resend(
    *, organisation: Organisation, invitation: Invitation, user: User, site_url: str
) -> Invitation:
    """Send a pending invitation again with a new link; the old link stops working and
    the new one works for ORGANISATION_INVITATION_MAX_AGE seconds from now."""
    organisation = _locked(organisation=organisation, user=user)
    invitation = _locked_pending(organisation=organisation, invitation=invitation)
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    token = invitation_issue_token(invitation=invitation)
    invitation_send(invitation=invitation, token=token, site_url=site_url)
    organisation_event_record(
        organisation=organisation,
        actor=user,
        kind=OrganisationEventKind.INVITATION_RESENT,
        subject_email=invitation.email,
        to_role=invitation.role,
    )
    return invitation
