"""What each person chose per kind of notice, the notices held for their weekly digest, and
the runs of the daily schedule."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.accounts.notifications.kinds import Delivery, NoticeKind


class NotificationPreference(models.Model):
    """How `user` receives notices of `kind`; without a row, `DEFAULT_DELIVERY`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.delivery}"


class HeldNotice(models.Model):
    """A notice rendered when it happened and held for its person's weekly digest; `digest`
    is the digest e-mail that carried it (empty while it waits)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_notices"
    )
    kind = models.CharField(max_length=32, choices=NoticeKind.choices)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    digest = models.ForeignKey(
        "core.OutgoingMail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("held notice")
        verbose_name_plural = _("held notices")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["user", "digest"], name="heldnotice_waiting")]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.subject}"


class ScheduledRun(models.Model):
    """One run of the daily notices (reminders, then the weekly digest) on `day`: the unique
    day is what keeps one chain of scheduled runs, however many hosts or commands ask."""

    day = models.DateField(unique=True)
    scheduled_at = models.DateTimeField(auto_now_add=True)
    ran_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled notice run")
        ordering = ["-day"]

    def __str__(self):
        return str(self.day)
