"""Who may do what in the forum secretariat's tool. Pure functions returning a Verdict."""

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext as _

from cooperation.accounts.roles import Role, user_role_names
from core.verdicts import ALLOWED, Verdict, deny, signed_in

FORUM_ROLES = frozenset({Role.FORUM_SECRETARIAT, Role.ADMINISTRATOR})
EXPORT_CONTACTS = "cooperation.export_contactperson"


def holds_export_contacts(user) -> bool:
    """`user.has_perm(EXPORT_CONTACTS)` in at most one query: the permission backend's
    `has_perm` reads every permission of the user and then of their groups (two queries) to
    look for one; this asks whether this one is held, directly or through a group (an
    inactive account holds none, a superuser every one, as ModelBackend says). Its own
    `with_perm` asked the same in one query that took a third longer to build."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    app_label, codename = EXPORT_CONTACTS.split(".")
    held = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return held.filter(Q(user=user) | Q(group__user=user)).exists()


def can_use_forum(user, obj=None) -> Verdict:
    """The secretariat's pages: the Forum secretariat role and administrators only."""
    if not (refusal := signed_in(user)):
        return refusal
    if user_role_names(user) & FORUM_ROLES:
        return ALLOWED
    return deny(_("These pages are for the forum secretariat."))


def can_export_contacts(user, obj=None) -> Verdict:
    """Contact persons' names and e-mails leave the platform only with a dedicated permission."""
    if not (verdict := can_use_forum(user)):
        return verdict
    if holds_export_contacts(user):
        return ALLOWED
    return deny(
        _(
            "You may not export contact persons' personal data. Ask an administrator for the "
            "“export contact persons” permission."
        )
    )


def can_use_self_service(user, obj=None) -> Verdict:
    """Contact persons with an account follow their organisation's commitments."""
    if not (refusal := signed_in(user)):
        return refusal
    if user.forum_contacts.exists():
        return ALLOWED
    return deny(
        _("These pages are for the contact persons of forum stakeholders. Your account is not one.")
    )


def can_self_report(user, commitment) -> Verdict:
    """A contact person reports progress on their own organisation's commitments only."""
    if not (refusal := signed_in(user)):
        return refusal
    if user.forum_contacts.filter(stakeholder_id=commitment.owner_id).exists():
        return ALLOWED
    return deny(
        _("This commitment belongs to another organisation: you can only report on your own.")
    )


def can_assess(user, commitment=None) -> Verdict:
    if not (verdict := can_use_forum(user)):
        return verdict
    return ALLOWED
