"""Who may do what in the registry of people and organisations.

Every rule is a pure function returning a Verdict: `(allowed, reason)`. Views ask them
through `RuleRequiredMixin`; templates never decide access.
"""

from typing import NamedTuple

from django.utils.translation import gettext as _

from cooperation.accounts.roles import STAFF_ROLES, Role, user_has_role, user_role_names


class Verdict(NamedTuple):
    allowed: bool
    reason: str = ""

    def __bool__(self):
        return self.allowed


ALLOWED = Verdict(True)


def deny(reason: str) -> Verdict:
    return Verdict(False, reason)


def _signed_in(user) -> Verdict | None:
    if not user.is_authenticated:
        return deny(_("Please sign in first."))
    if not user.is_active:
        return deny(_("Your account is not active."))
    return None


def can_use_staff_area(user, obj=None) -> Verdict:
    if refusal := _signed_in(user):
        return refusal
    if user_role_names(user) & STAFF_ROLES:
        return ALLOWED
    return deny(_("This page is for programme managers, the forum secretariat and editors."))


def can_edit_profile(user, obj=None) -> Verdict:
    return _signed_in(user) or ALLOWED


def can_register_organisation(user, obj=None) -> Verdict:
    if refusal := _signed_in(user):
        return refusal
    if user_has_role(user, Role.APPLICANT) or user_has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    return deny(_("Only applicants can register an organisation."))


def can_manage_organisation(user, organisation) -> Verdict:
    """Members of an organisation keep its profile; administrators may too."""
    if refusal := _signed_in(user):
        return refusal
    if user_has_role(user, Role.ADMINISTRATOR):
        return ALLOWED
    if organisation.memberships.filter(user=user).exists():
        return ALLOWED
    return deny(_("You are not a member of this organisation."))
