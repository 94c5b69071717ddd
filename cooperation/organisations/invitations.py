from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.organisations.models import MembershipRole, Organisation


class Invitation(models.Model):
    """An invitation, by e-mail, to join an organisation. The link carries a random token;
    only its SHA-256 digest is kept here, so neither the link nor a copy of the database
    opens the invitation for someone else. Accepting it creates the Membership."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=24, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Empty for invitations sent before links became random tokens: their links no longer open.
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    # A resent invitation's link works from the time it was sent again.
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def last_sent_at(self):
        return self.sent_at or self.created_at
