"""Access rules answer with a Verdict: `(allowed, reason)`, the reason in plain words.

Every rule in the project is a pure function `(user, obj) -> Verdict`; views ask them
through `core.views.RuleRequiredMixin` and templates never decide access.
"""

from typing import NamedTuple

from django.utils.translation import gettext as _


class Verdict(NamedTuple):
    allowed: bool
    reason: str = ""

    def __bool__(self):
        return self.allowed


ALLOWED = Verdict(True)


def deny(reason: str) -> Verdict:
    return Verdict(False, reason)


def signed_in(user) -> Verdict:
    """What every rule asks first: refused unless the user is signed in and active.

    A refusal is a false Verdict, so rules read `if not (verdict := signed_in(user)):
    return verdict`."""
    if not user.is_authenticated:
        return deny(_("Please sign in first."))
    if not user.is_active:
        return deny(_("Your account is not active."))
    return ALLOWED
