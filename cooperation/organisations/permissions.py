"""Who may register and keep an organisation. Pure functions `(user, obj) -> Verdict`."""

from django.utils.translation import gettext as _

from cooperation.accounts.roles import Role, user_has_role
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
