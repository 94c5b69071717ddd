"""The kinds of notice a person may choose how to receive, and the ways to receive them.

Receipts, results (Evaluation Summary Reports, review decisions), invitations and account
e-mails are always sent and are not kinds here. A new kind is a new member of `NoticeKind`
with its entry in `KIND_ROLES` (who is offered it); its notices go through
`notice_send(kind=…)` and land in the same weekly digest, under the kind's own heading.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.accounts.roles import Role


class NoticeKind(models.TextChoices):
    ASSIGNMENT = "assignment", _("Proposals assigned to me for evaluation")
    CONFLICT = "conflict", _("Conflicts of interest declared by experts")
    COMMITMENT_REMINDER = "commitment_reminder", _("Reminders of my organisation's commitments")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("An e-mail at once")
    DIGEST = "digest", _("In the weekly digest")
    NONE = "none", _("Nothing")


# Who is offered each kind on the preferences page (None: everyone who signs in; the
# commitment reminders go to the contact persons of a stakeholder, whoever they are).
KIND_ROLES: dict[str, frozenset[str] | None] = {
    NoticeKind.ASSIGNMENT: frozenset({Role.EXPERT}),
    NoticeKind.CONFLICT: frozenset({Role.PROGRAMME_MANAGER}),
    NoticeKind.COMMITMENT_REMINDER: None,
}

DEFAULT_DELIVERY = Delivery.IMMEDIATE


def kinds_offered(role_names: set[str]) -> list[str]:
    """The kinds a person with these roles chooses for, in the order of `NoticeKind`."""
    return [
        kind
        for kind in NoticeKind.values
        if KIND_ROLES[kind] is None or KIND_ROLES[kind] & role_names
    ]
