"""The organisation's history: who changed its members and invitations, when, and how."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.organisations.models import MembershipRole, Organisation


class OrganisationEventKind(models.TextChoices):
    INVITED = "invited", _("Invitation sent")
    INVITATION_RESENT = "invitation_resent", _("Invitation sent again")
    INVITATION_WITHDRAWN = "invitation_withdrawn", _("Invitation withdrawn")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_REMOVED = "member_removed", _("Member removed")


class OrganisationEvent(models.Model):
    """One change to an organisation's members or invitations. Rows are only added."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("what"), max_length=24, choices=OrganisationEventKind.choices)
    subject_email = models.EmailField(_("whom"), blank=True)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_role = models.CharField(
        _("from role"), max_length=24, choices=MembershipRole.choices, blank=True
    )
    to_role = models.CharField(
        _("to role"), max_length=24, choices=MembershipRole.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("organisation event")
        verbose_name_plural = _("organisation events")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation}: {self.get_kind_display()} {self.subject_email}"
