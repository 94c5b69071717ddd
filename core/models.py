from django.db import models
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    """One attempt at something limited (a password-reset request, a code typed…), kept
    until it leaves its window. `core.limits` writes and counts these rows; the window is
    decided by `expires_at`, set from the clock when the attempt is made."""

    scope = models.CharField(_("scope"), max_length=50)
    # SHA-256 of the subject (an address, an e-mail…): visitors type subjects, of any length.
    subject_digest = models.CharField(_("subject (SHA-256)"), max_length=64)
    made_at = models.DateTimeField(_("made at"))
    expires_at = models.DateTimeField(_("counts until"), db_index=True)

    class Meta:
        verbose_name = _("limited attempt")
        verbose_name_plural = _("limited attempts")
        indexes = [
            models.Index(
                fields=["scope", "subject_digest", "expires_at"], name="core_attempt_subject"
            )
        ]

    def __str__(self):
        return f"{self.scope} {self.subject_digest[:12]}… until {self.expires_at:%Y-%m-%d %H:%M}"
