"""Who may use which area of the site, by role.

Every rule is a pure function returning a Verdict: `(allowed, reason)`. Views ask them
through `RuleRequiredMixin`; templates never decide access.
"""

from django.utils.translation import gettext as _

from cooperation.accounts.roles import STAFF_ROLES, user_role_names
from core.verdicts import ALLOWED, Verdict, deny, signed_in


def can_use_staff_area(user, obj=None) -> Verdict:
    if not (refusal := signed_in(user)):
        return refusal
    if user_role_names(user) & STAFF_ROLES:
        return ALLOWED
    return deny(_("This page is for programme managers, the forum secretariat and editors."))


def can_edit_profile(user, obj=None) -> Verdict:
    return signed_in(user)
