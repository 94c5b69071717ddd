"""Commitments made in the forum, their milestones and their progress history.

Completion and early results follow the Open Government Partnership's Independent
Reporting Mechanism. The current level is the latest secretariat assessment, or, when there
is none yet, the latest self-report (shown as such). It is stored on the commitment with the
latest assessment and self-report it comes from (`CommitmentQuerySet.refresh_progress`, run
by the one service that records an update), so lists, counts and filters read one row.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cooperation.forum.models.dashboard import DashboardCountsState
from cooperation.forum.models.stakeholders import Stakeholder
from cooperation.forum.models.workstreams import Meeting, Workstream
from core.display import show_date
from core.files import private_storage, validate_document


class Completion(models.TextChoices):
    NO_EVIDENCE = "no_evidence", _("No evidence available")
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")


HIGH_COMPLETION = frozenset({Completion.SUBSTANTIAL, Completion.COMPLETE})


class EarlyResults(models.TextChoices):
    WORSENED = "worsened", _("Worsened")
    NO_CHANGE = "no_change", _("Did not change")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Major")
    OUTSTANDING = "outstanding", _("Outstanding")


class UpdateKind(models.TextChoices):
    SELF_REPORT = "self_report", _("Self-report by the stakeholder")
    ASSESSMENT = "assessment", _("Secretariat assessment")


def _latest(kind: str, field: str):
    return Subquery(
        ProgressUpdate.objects.filter(commitment=OuterRef("pk"), kind=kind)
        .order_by("-date", "-pk")
        .values(field)[:1]
    )


def _latest_or_blank(kind: str, field: str):
    return Coalesce(_latest(kind, field), Value(""))


def _progress_field(verbose_name, choices) -> models.CharField:
    return models.CharField(
        verbose_name,
        max_length=12,
        choices=choices.choices,
        blank=True,
        default="",
        editable=False,
    )


PROGRESS_FIELDS = (
    "assessed_completion",
    "assessed_results",
    "assessed_on",
    "reported_completion",
    "reported_results",
    "reported_on",
    "current_completion",
    "current_results",
    "current_source",
)


class CommitmentQuerySet(models.QuerySet):
    def refresh_progress(self) -> int:
        """Store on each commitment of the queryset what its progress updates say: the
        latest assessment and the latest self-report (by date, then by entry), and the
        current level, results and source. One UPDATE, whatever the number of rows (each
        value an index lookup, `progress_latest_by_kind`); returns the number of rows.

        current_completion is "" while nobody has reported; current_source says which kind
        of update it comes from ("assessment", "self_report" or "").
        """
        assessed = Exists(
            ProgressUpdate.objects.filter(commitment=OuterRef("pk"), kind=UpdateKind.ASSESSMENT)
        )
        reported = Exists(
            ProgressUpdate.objects.filter(commitment=OuterRef("pk"), kind=UpdateKind.SELF_REPORT)
        )
        # A queryset UPDATE sends no signal: the dashboard's counts are renewed here.
        DashboardCountsState.objects.renew()
        return self.order_by().update(
            assessed_completion=_latest_or_blank(UpdateKind.ASSESSMENT, "completion"),
            assessed_results=_latest_or_blank(UpdateKind.ASSESSMENT, "early_results"),
            assessed_on=_latest(UpdateKind.ASSESSMENT, "date"),
            reported_completion=_latest_or_blank(UpdateKind.SELF_REPORT, "completion"),
            reported_results=_latest_or_blank(UpdateKind.SELF_REPORT, "early_results"),
            reported_on=_latest(UpdateKind.SELF_REPORT, "date"),
            current_completion=Coalesce(
                _latest(UpdateKind.ASSESSMENT, "completion"),
                _latest(UpdateKind.SELF_REPORT, "completion"),
                Value(""),
            ),
            current_results=Case(
                When(assessed, then=_latest_or_blank(UpdateKind.ASSESSMENT, "early_results")),
                default=_latest_or_blank(UpdateKind.SELF_REPORT, "early_results"),
            ),
            current_source=Case(
                When(assessed, then=Value(UpdateKind.ASSESSMENT)),
                When(reported, then=Value(UpdateKind.SELF_REPORT)),
                default=Value(""),
            ),
        )

    def for_table(self):
        return self.select_related("owner__organisation", "workstream")

    def not_complete(self):
        return self.exclude(current_completion=Completion.COMPLETE)

    def overdue(self, today: dt.date):
        """Past the due date and not complete."""
        return self.filter(due_date__lt=today).not_complete()

    def due_between(self, start: dt.date, end: dt.date):
        return self.filter(due_date__gte=start, due_date__lte=end).not_complete()

    def public(self):
        return self.filter(public=True, workstream__public=True)

    def for_contact_user(self, user):
        """The commitments of the organisations a user is a contact person of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner__contacts__user=user).distinct()


class Commitment(models.Model):
    owner = models.ForeignKey(
        Stakeholder,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("owner stakeholder"),
    )
    workstream = models.ForeignKey(
        Workstream,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("workstream"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("made at meeting"),
    )
    title = models.CharField(_("title"), max_length=255)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    problem = models.TextField(_("problem addressed"))
    actions = models.TextField(_("concrete actions"))
    due_date = models.DateField(_("due date"))
    verifiable = models.BooleanField(_("verifiable"), default=True)
    public = models.BooleanField(_("public"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # What the progress updates say, stored by CommitmentQuerySet.refresh_progress (run by
    # commitment_record_progress); never typed in. "" while there is no such update.
    assessed_completion = _progress_field(_("assessed completion"), Completion)
    assessed_results = _progress_field(_("assessed early results"), EarlyResults)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True, editable=False)
    reported_completion = _progress_field(_("self-reported completion"), Completion)
    reported_results = _progress_field(_("self-reported early results"), EarlyResults)
    reported_on = models.DateField(_("self-reported on"), null=True, blank=True, editable=False)
    current_completion = _progress_field(_("current completion"), Completion)
    current_results = _progress_field(_("current early results"), EarlyResults)
    current_source = _progress_field(_("current completion from"), UpdateKind)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_date", "pk"]
        # Lists and "overdue" read commitments in due-date order and stop after a page.
        indexes = [
            models.Index(fields=["due_date", "id"], name="commitment_due"),
            # The list filters by level; the dashboard counts by level and workstream from
            # this index alone (an index-only scan, forum.selectors.commitment_counts).
            models.Index(
                fields=["current_completion", "workstream"], name="commitment_completion_ws"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.pk and self.due_date:
            late = self.milestones.filter(due_date__gt=self.due_date).order_by("due_date").first()
            if late is not None:
                raise ValidationError(
                    {
                        "due_date": _(
                            "The milestone “%(milestone)s” is due on %(date)s, after this due "
                            "date. Move the milestone first."
                        )
                        % {"milestone": late.title, "date": show_date(late.due_date)}
                    }
                )


class MilestoneQuerySet(models.QuerySet):
    def overdue(self, today: dt.date):
        return self.filter(due_date__lt=today, done_date__isnull=True)

    def due_between(self, start: dt.date, end: dt.date):
        return self.filter(due_date__gte=start, due_date__lte=end, done_date__isnull=True)


class CommitmentMilestone(models.Model):
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("commitment"),
    )
    title = models.CharField(_("title"), max_length=255)
    due_date = models.DateField(_("due date"))
    done_date = models.DateField(_("done on"), null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment milestone")
        verbose_name_plural = _("commitment milestones")
        ordering = ["due_date", "pk"]
        indexes = [
            # The open milestones in due-date order (the dashboard's ten oldest overdue).
            models.Index(
                fields=["due_date", "id"],
                condition=Q(done_date__isnull=True),
                name="milestone_open_due",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.commitment_id and self.due_date and self.due_date > self.commitment.due_date:
            raise ValidationError(
                {
                    "due_date": _("A milestone cannot be due after its commitment (due %(date)s).")
                    % {"date": show_date(self.commitment.due_date)}
                }
            )

    def is_overdue(self, today: dt.date) -> bool:
        return self.done_date is None and self.due_date < today


class ProgressUpdate(models.Model):
    """One report on a commitment. Never edited: a new report is a new row."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("commitment"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=UpdateKind.choices)
    date = models.DateField(_("date"))
    completion = models.CharField(_("completion level"), max_length=12, choices=Completion.choices)
    early_results = models.CharField(
        _("early results"), max_length=12, choices=EarlyResults.choices, blank=True
    )
    narrative = models.TextField(_("narrative"))
    evidence_link = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"),
        storage=private_storage,
        upload_to="forum/evidence/%Y/",
        blank=True,
        validators=[validate_document],
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]
        indexes = [
            # The latest update of a kind, per commitment (CommitmentQuerySet.refresh_progress).
            models.Index(
                fields=["commitment", "kind", "-date", "-id"], name="progress_latest_by_kind"
            ),
            # The latest updates of all (the secretariat's dashboard).
            models.Index(fields=["-date", "-id"], name="progress_latest"),
        ]

    def __str__(self):
        return f"{self.commitment} — {self.get_completion_display()} ({self.date})"


class ReminderItem(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment")
    MILESTONE = "milestone", _("Milestone")
    # The funded projects' reporting digest (funding.reporting.reminders): what is due from
    # beneficiaries, and the versions waiting for a programme manager's review.
    DELIVERABLE = "deliverable", _("Deliverable due")
    REPORT = "report", _("Periodic report due")
    DELIVERABLE_REVIEW = "deliv_review", _("Deliverable to review")
    REPORT_REVIEW = "report_rev", _("Report to review")


class ReminderLog(models.Model):
    """One reminder sent about one item in one period (ISO week, e.g. "2026-W48").

    The unique constraint is what stops a second run in the same week from sending again.
    """

    item_type = models.CharField(max_length=12, choices=ReminderItem.choices)
    item_id = models.PositiveBigIntegerField()
    period = models.CharField(max_length=10)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder log")
        constraints = [
            models.UniqueConstraint(
                fields=["item_type", "item_id", "period"], name="reminderlog_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.item_type} {self.item_id} — {self.period}"


def is_commitment_overdue(*, due_date: dt.date, current_completion: str, today: dt.date) -> bool:
    return due_date < today and current_completion != Completion.COMPLETE


__all__ = [
    "Commitment",
    "CommitmentMilestone",
    "Completion",
    "EarlyResults",
    "ProgressUpdate",
    "ReminderLog",
    "UpdateKind",
]
