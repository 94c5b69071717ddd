"""When each commitment owner was reminded, and to how many contact persons."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.forum.models.stakeholders import Stakeholder


class OwnerReminder(models.Model):
    """One reminder e-mail about `stakeholder`'s commitments and milestones, in one ISO week."""

    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="reminders")
    period = models.CharField(max_length=10)
    sent_at = models.DateTimeField(_("reminded at"), auto_now_add=True)
    items = models.PositiveIntegerField(default=0)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("owner reminder")
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["stakeholder", "-sent_at"], name="ownerreminder_latest")]

    def __str__(self):
        return f"{self.stakeholder_id} — {self.period}"
