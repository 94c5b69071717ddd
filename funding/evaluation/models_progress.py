"""What waits for each expert on a topic, stored: one row per (topic, expert) with the
counts the topic page shows, so the page reads the experts' rows it shows and the sums of
the topic's rows instead of counting every assignment of the topic on each request.

The row is recounted from the expert's assignments on the topic (a few dozen rows) by
`ExpertProgress.objects.refresh` (`RecountedQuerySet`, shared with the proposals' rows),
which every write of an assignment, a declaration or an individual report calls in its
own transaction (`services/assignments.py`), the row locked first so that two writes for
the same expert are counted one after the other. `progress_counts` is the one definition
of the counts, for the refresh and for checking a stored row against a recount.

Each proposal's two counts that its row of the topic page shows (experts cleared, reports
submitted) are stored the same way, one row per proposal (`ProposalProgress`), recounted
from the proposal's few assignments by the same writes: `progress_refresh` recounts both
rows, the expert's first, so that two writes lock them in the same order.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from funding.calls.models.topics import Topic
from funding.evaluation.models import Assignment, ReportStatus
from funding.proposals.models import Proposal

COUNTED = ("to_sign", "to_write", "assigned", "declared", "conflicts", "drafts", "submitted")


def progress_counts() -> dict:
    """The aggregates over a set of assignments (one row each, declaration and report
    joined one to one, so nothing is counted twice)."""
    active = Q(released_at__isnull=True)
    unfinished = Q(report__isnull=True) | Q(report__status=ReportStatus.DRAFT)
    return {
        "to_sign": Count("pk", filter=active & Q(declaration__isnull=True)),
        "to_write": Count("pk", filter=active & Q(declaration__has_conflict=False) & unfinished),
        "assigned": Count("pk"),
        "declared": Count("pk", filter=Q(declaration__isnull=False)),
        "conflicts": Count("pk", filter=Q(released_at__isnull=False)),
        "drafts": Count("pk", filter=Q(report__status=ReportStatus.DRAFT)),
        "submitted": Count("pk", filter=Q(report__status=ReportStatus.SUBMITTED)),
    }


def _counted_field(verbose_name):
    return models.PositiveIntegerField(verbose_name, default=0)


class RecountedQuerySet(models.QuerySet):
    """Rows of counts over assignments, one per value of `keys` (the row's fields, each with
    the assignment's path to it): `_counts()` gives the aggregates, named as the row's
    `counted` fields; `stored_topic` is the row's path to its topic."""

    keys: dict[str, str]
    counted: tuple[str, ...]
    stored_topic: str

    @staticmethod
    def _counts() -> dict:
        raise NotImplementedError

    def refresh(self, **key) -> None:
        """Recount the row of `key` from its assignments, the row locked (two writes for
        the same row are counted one after the other). Call it inside the transaction that
        changed an assignment, a declaration or a report, after the change."""
        self.get_or_create(**key)
        self.select_for_update().filter(**key).get()
        counts = (
            Assignment.objects.filter(**{self.keys[name]: value for name, value in key.items()})
            .order_by()
            .aggregate(**self._counts())
        )
        self.filter(**key).update(**counts)

    def rebuild(self, *, topic_ids=None) -> int:
        """Every row recounted from the assignments (of `topic_ids`, or all): for data
        written without the services, as the benchmark's bulk data is."""
        assignments = Assignment.objects.order_by()
        stored = self.all()
        if topic_ids is not None:
            assignments = assignments.filter(proposal__topic_id__in=topic_ids)
            stored = stored.filter(**{f"{self.stored_topic}__in": topic_ids})
        grouped = assignments.values(*self.keys.values()).annotate(**self._counts())
        rows = [
            self.model(
                **{name: row[path] for name, path in self.keys.items()},
                **{name: row[name] for name in self.counted},
            )
            for row in grouped
        ]
        stored.delete()
        self.bulk_create(rows, batch_size=2000)
        return len(rows)


class ExpertProgressQuerySet(RecountedQuerySet):
    keys = {"topic_id": "proposal__topic_id", "expert_id": "expert_id"}
    counted = COUNTED
    stored_topic = "topic_id"
    _counts = staticmethod(progress_counts)


class ExpertProgress(models.Model):
    """An expert's assignments on a topic, counted (see the module's docstring)."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="+", verbose_name=_("topic")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("expert"),
    )
    to_sign = _counted_field(_("declarations to sign"))
    to_write = _counted_field(_("reports to write"))
    assigned = _counted_field(_("assigned"))
    declared = _counted_field(_("declared"))
    conflicts = _counted_field(_("conflicts"))
    drafts = _counted_field(_("drafts"))
    submitted = _counted_field(_("submitted"))

    objects = ExpertProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert's progress on a topic")
        verbose_name_plural = _("experts' progress on topics")
        constraints = [
            models.UniqueConstraint(fields=["topic", "expert"], name="expert_progress_unique")
        ]
        indexes = [
            models.Index(fields=["topic", "-to_sign", "-to_write"], name="expert_progress_busiest")
        ]

    def __str__(self):
        return f"{self.expert} — {self.topic}"


PROPOSAL_COUNTED = ("cleared", "submitted")


def proposal_progress_counts() -> dict:
    """Over a proposal's assignments: the experts cleared to evaluate it (active, no
    conflict declared) and their reports submitted."""
    return {
        "cleared": Count("pk", filter=Q(released_at__isnull=True, declaration__has_conflict=False)),
        "submitted": Count("pk", filter=Q(report__status=ReportStatus.SUBMITTED)),
    }


class ProposalProgressQuerySet(RecountedQuerySet):
    keys = {"proposal_id": "proposal_id"}
    counted = PROPOSAL_COUNTED
    stored_topic = "proposal__topic_id"
    _counts = staticmethod(proposal_progress_counts)


class ProposalProgress(models.Model):
    """A proposal's assignments, counted (see the module's docstring). A proposal no expert
    was ever assigned to has no row: its counts are nought."""

    proposal = models.OneToOneField(
        Proposal,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="evaluation_progress",
        verbose_name=_("proposal"),
    )
    cleared = _counted_field(_("experts cleared"))
    submitted = _counted_field(_("reports submitted"))

    objects = ProposalProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal's evaluation progress")
        verbose_name_plural = _("proposals' evaluation progress")

    def __str__(self):
        return str(self.proposal_id)


def progress_refresh(*, proposal, expert_id: int) -> None:
    """After a write of one of the proposal's assignments, declarations or reports, in its
    transaction: the expert's row of the topic, then the proposal's row, recounted."""
    ExpertProgress.objects.refresh(topic_id=proposal.topic_id, expert_id=expert_id)
    ProposalProgress.objects.refresh(proposal_id=proposal.pk)
