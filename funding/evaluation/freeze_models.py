"""A topic's ranking frozen on the task worker: the manager's request, its status and, when
it failed, why. The freeze itself is funding.evaluation.services.freezes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from funding.calls.models.topics import Topic


class FreezeStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the task worker")
    RUNNING = "running", _("Being frozen")
    DONE = "done", _("Frozen")
    FAILED = "failed", _("Failed")


# A topic has at most one freeze waiting, running or done: a second click, or a second
# manager, is refused; a failed freeze may be tried again.
ACTIVE_FREEZE = (FreezeStatus.QUEUED, FreezeStatus.RUNNING)
HOLDING_FREEZE = (*ACTIVE_FREEZE, FreezeStatus.DONE)


class RankingFreezeQuerySet(models.QuerySet):
    def active(self):
        """Waiting for the worker or running: the topic's ranking is being frozen."""
        return self.filter(status__in=ACTIVE_FREEZE)


class RankingFreeze(models.Model):
    """One request to freeze a topic's ranking. Its status is set only by
    funding.evaluation.services.freezes."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="ranking_freezes", verbose_name=_("topic")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    status = models.CharField(
        _("status"), max_length=10, choices=FreezeStatus.choices, default=FreezeStatus.QUEUED
    )
    # The proposals with a closed consensus report when it was requested.
    candidates = models.PositiveIntegerField(_("proposals"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The requester's language: the worker writes the lists' reasons and any refusal in it.
    language = models.CharField(_("language"), max_length=10, blank=True)
    # What the manager reads when it failed (nothing was changed).
    error = models.TextField(_("why it failed"), blank=True)

    objects = RankingFreezeQuerySet.as_manager()

    class Meta:
        verbose_name = _("ranking freeze")
        verbose_name_plural = _("ranking freezes")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic"],
                condition=Q(status__in=HOLDING_FREEZE),
                name="ranking_freeze_one_per_topic",
            )
        ]

    def __str__(self):
        return f"{self.topic_id} @ {self.requested_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (FreezeStatus.DONE, FreezeStatus.FAILED)
