"""What beneficiaries submit on a funded project, and the managers' review of it.

Every submission is a version that stays exactly as it was submitted: a deliverable's file,
or a beneficiary's periodic report for one reporting period (its technical part, a file, and
its financial statement, the costs by category in euro to the cent). A resubmission is a new
version; nothing is overwritten or deleted, and each file's SHA-256 is checked when it goes
out. The only thing that changes on a version is its review status, and only through the
review workflow (funding.reporting.workflow), which writes a ReviewDecision row each time.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.files import private_storage
from core.money import money_field
from funding.portfolio.models.delivery import Deliverable, ReportingPeriod
from funding.portfolio.models.projects import Participant, ParticipantRole
from funding.reporting.costs import ACCEPTED as ACCEPTED_VALUE
from funding.reporting.costs import COST_FIELDS, statement_total

# Participants that carry costs and so report them: an associated partner or a third
# party has no budget line of its own.
REPORTING_ROLES = (
    ParticipantRole.COORDINATOR,
    ParticipantRole.BENEFICIARY,
    ParticipantRole.AFFILIATED_ENTITY,
)


class ReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = ACCEPTED_VALUE, _("Accepted")


class _Version(models.Model):
    """A submitted version: its file, who and when. Written once; then only its review
    status changes, through the workflow."""

    file = models.FileField(_("file"), storage=private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    version = models.PositiveIntegerField(_("version"))
    note = models.TextField(_("note to the programme manager"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    status = models.CharField(
        _("review"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.SUBMITTED,
        editable=False,
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and set(kwargs.get("update_fields") or ()) != {"status"}:
            raise ValidationError(_("A submitted version is a record and cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A submitted version is a record and cannot be deleted."))


class DeliverableSubmission(_Version):
    deliverable = models.ForeignKey(
        Deliverable,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("deliverable"),
    )

    class Meta:
        verbose_name = _("deliverable submission")
        verbose_name_plural = _("deliverable submissions")
        ordering = ["deliverable", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "version"], name="deliverable_submission_unique_version"
            )
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.deliverable.code} v{self.version}"


class PeriodicReport(_Version):
    """One beneficiary's report for one reporting period: the technical part (the file) and
    the financial statement (the costs by category)."""

    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("reporting period"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("beneficiary"),
    )
    personnel = money_field(_("personnel costs (EUR)"), default=Decimal("0.00"))
    subcontracting = money_field(_("subcontracting costs (EUR)"), default=Decimal("0.00"))
    purchase = money_field(
        _("purchase costs: travel, equipment, goods and services (EUR)"),
        default=Decimal("0.00"),
    )
    other = money_field(_("other cost categories (EUR)"), default=Decimal("0.00"))
    indirect = money_field(_("indirect costs (EUR)"), default=Decimal("0.00"))

    class Meta:
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        ordering = ["period", "participant", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "participant", "version"], name="periodic_report_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(personnel__gte=0)
                & Q(subcontracting__gte=0)
                & Q(purchase__gte=0)
                & Q(other__gte=0)
                & Q(indirect__gte=0),
                name="periodic_report_costs_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.period} · {self.participant_id} v{self.version}"

    @property
    def total(self) -> Decimal:
        return sum((getattr(self, name) for name in COST_FIELDS), Decimal("0.00"))


# The total of a statement, in the database.
STATEMENT_TOTAL = statement_total()


class ReviewDecision(models.Model):
    """One row per review: who, when, what (accepted, changes requested) and why."""

    deliverable_submission = models.ForeignKey(
        DeliverableSubmission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    periodic_report = models.ForeignKey(
        PeriodicReport, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=ReviewStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ReviewStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("reviewed at"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deliverable_submission__isnull=False, periodic_report__isnull=True)
                | Q(deliverable_submission__isnull=True, periodic_report__isnull=False),
                name="review_decision_of_one_version",
            )
        ]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"
