from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TOTPDevice(models.Model):
    """A staff member's authenticator app. Deleting it makes them enrol again."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_used_step = models.BigIntegerField(
        default=0, help_text=_("A code is accepted once: later codes must be from a later step.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    def __str__(self):
        return f"{self.user} ({_('confirmed') if self.confirmed_at else _('not confirmed')})"
