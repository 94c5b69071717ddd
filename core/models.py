"""The records `core` keeps for every app: limited attempts (see `core.limits`) and the
outgoing mail (see `core.mail`)."""

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


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingMailQuerySet(models.QuerySet):
    def unsent(self):
        """Queued or failed: what `send_queued_mail` hands to the worker again."""
        return self.filter(status__in=[MailStatus.QUEUED, MailStatus.FAILED])


class OutgoingMail(models.Model):
    """One message, recorded in the transaction of the change it tells about.

    `key` names the message for its sender (`esr:<proposal>:<publication>`): a message is
    recorded once per key, so asking twice never sends twice. The task sends the record
    and marks it sent once the mail server has accepted it."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    last_attempted_at = models.DateTimeField(_("last attempted at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status"], name="core_mail_status_idx")]

    def __str__(self):
        return f"{self.key}: {self.subject}"
