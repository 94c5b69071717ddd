"""Who may register and keep an organisation, and manage its members.

Pure functions `(user, obj) -> Verdict`."""

from django.utils.translation import gettext as _

from cooperation.accounts.roles import Role, user_has_role
from cooperation.organisations.models import MembershipRole
from core.verdicts import ALLOWED, Verdict, deny, signed_in


def can_register_organisation(user, obj=None) -> Verdict:
    if not (refusal := signed_in(user)):
        return refusal
    if user_has_role(user, Role.APPLICANT) or user_has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    return deny(_("Only applicants can register an organisation."))


def can_manage_organisation(user, organisation) -> Verdict:
    """Members of an organisation keep its profile; administrators may too."""
    if not (refusal := signed_in(user)):
        return refusal
    if user_has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    if organisation.memberships.filter(user=user).exists():
        return ALLOWED
    return deny(_("You are not a member of this organisation."))


MANAGING_ROLES = (MembershipRole.CONTACT, MembershipRole.LEGAL_REPRESENTATIVE)


def can_manage_members(user, organisation) -> Verdict:
    """The organisation's contact persons and legal representatives change its members'
    roles, remove members and withdraw or resend invitations; administrators may too.
    Plain members see the list and the history but change nothing."""
    if not (refusal := signed_in(user)):
        return refusal
    if user_has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    role = organisation.memberships.filter(user=user).values_list("role", flat=True).first()
    if role is None:
        return deny(_("You are not a member of this organisation."))
    if role in MANAGING_ROLES:
        return ALLOWED
    return deny(
        _(
            "Only the contact persons and legal representatives of %(organisation)s can "
            "change its members."
        )
        % {"organisation": organisation}
    )
