"""What a funded project delivers and receives: deliverables, milestones, reporting periods
and payments. Overdue flags and report status are derived, never stored."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from core.display import show_date
from core.money import money_field
from funding.portfolio.models.projects import FundedProject


class DeliverableType(models.TextChoices):
    REPORT = "R", _("Document, report")
    DEMONSTRATOR = "DEM", _("Demonstrator, pilot, prototype")
    DISSEMINATION = "DEC", _("Websites, patents, videos")
    DATA = "DATA", _("Data sets")
    DMP = "DMP", _("Data management plan")
    ETHICS = "ETHICS", _("Ethics")
    OTHER = "OTHER", _("Other")


class DisseminationLevel(models.TextChoices):
    PUBLIC = "PU", _("Public")
    SENSITIVE = "SEN", _("Sensitive")
    EU_RESTRICTED = "R-UE/EU-R", _("EU restricted")
    EU_CONFIDENTIAL = "C-UE/EU-C", _("EU confidential")


class DeliverableStatus(models.TextChoices):
    """Derived from the dates, never typed (see Deliverable.status_on)."""

    PLANNED = "planned", _("Planned")
    OVERDUE = "overdue", _("Overdue")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")


def deliverable_status(
    *, due_date: dt.date, submitted_date: dt.date | None, approved_date: dt.date | None, today
) -> str:
    """A deliverable's status on `today`, from its dates (also used on rows read as values)."""
    if approved_date:
        return DeliverableStatus.APPROVED
    if submitted_date:
        return DeliverableStatus.SUBMITTED
    if due_date < today:
        return DeliverableStatus.OVERDUE
    return DeliverableStatus.PLANNED


def status_expression(*, submitted: str, approved: str, due: str, values, today: dt.date):
    """A status derived from the dates as a SQL expression, so that a list filters and sorts
    on it; `values` are the (approved, submitted, late, on time) values, in that order."""
    approved_value, submitted_value, late, on_time = values
    return Case(
        When(**{f"{approved}__isnull": False}, then=Value(approved_value)),
        When(**{f"{submitted}__isnull": False}, then=Value(submitted_value)),
        When(**{f"{due}__lt": today}, then=Value(late)),
        default=Value(on_time),
        output_field=models.CharField(),
    )


class DeliverableQuerySet(models.QuerySet):
    def with_status(self, *, today: dt.date):
        return self.annotate(
            status=status_expression(
                submitted="submitted_date",
                approved="approved_date",
                due="due_date",
                values=(
                    DeliverableStatus.APPROVED,
                    DeliverableStatus.SUBMITTED,
                    DeliverableStatus.OVERDUE,
                    DeliverableStatus.PLANNED,
                ),
                today=today,
            )
        )


class Deliverable(models.Model):
    project = models.ForeignKey(
        FundedProject, on_delete=models.CASCADE, related_name="deliverables"
    )
    code = models.CharField(
        _("code"),
        max_length=12,
        validators=[RegexValidator(r"^D\d+\.\d+$", _("Use the form D1.1."))],
    )
    title = models.CharField(_("title"), max_length=255)
    work_package = models.PositiveSmallIntegerField(_("work package"))
    deliverable_type = models.CharField(_("type"), max_length=8, choices=DeliverableType.choices)
    dissemination_level = models.CharField(
        _("dissemination level"), max_length=10, choices=DisseminationLevel.choices
    )
    due_date = models.DateField(_("due date"))
    submitted_date = models.DateField(_("submitted on"), null=True, blank=True)
    approved_date = models.DateField(_("approved on"), null=True, blank=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["project", "due_date", "code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="deliverable_unique_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def status_on(self, today: dt.date) -> str:
        return deliverable_status(
            due_date=self.due_date,
            submitted_date=self.submitted_date,
            approved_date=self.approved_date,
            today=today,
        )

    @property
    def status_label(self) -> str:
        """The label of the `status` annotation (DeliverableQuerySet.with_status)."""
        return DeliverableStatus(self.status).label

    def is_overdue(self, today: dt.date) -> bool:
        return self.status_on(today) == DeliverableStatus.OVERDUE

    def clean(self):
        errors = {}
        if self.approved_date and not self.submitted_date:
            errors["submitted_date"] = _("A deliverable must be submitted before it is approved.")
        if self.project_id and self.code:
            others = Deliverable.objects.filter(project_id=self.project_id, code=self.code)
            if others.exclude(pk=self.pk).exists():
                errors["code"] = _("Another deliverable of this project has the code %(code)s.") % {
                    "code": self.code
                }
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="milestones")
    code = models.CharField(_("code"), max_length=12)
    title = models.CharField(_("title"), max_length=255)
    work_package = models.PositiveSmallIntegerField(_("work package"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    achieved_date = models.DateField(_("achieved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "due_date", "code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="milestone_unique_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class ReportStatus(models.TextChoices):
    """Derived from the dates, never typed (see ReportingPeriod.report_status_on)."""

    NOT_DUE = "not_due", _("Not due yet")
    LATE = "late", _("Late")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")


class ReportingPeriodQuerySet(models.QuerySet):
    def with_status(self, *, today: dt.date):
        return self.annotate(
            status=status_expression(
                submitted="report_submitted_date",
                approved="report_approved_date",
                due="report_due_date",
                values=(
                    ReportStatus.APPROVED,
                    ReportStatus.SUBMITTED,
                    ReportStatus.LATE,
                    ReportStatus.NOT_DUE,
                ),
                today=today,
            )
        )


class ReportingPeriod(models.Model):
    project = models.ForeignKey(
        FundedProject, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    report_due_date = models.DateField(_("report due on"))
    report_submitted_date = models.DateField(_("report submitted on"), null=True, blank=True)
    report_approved_date = models.DateField(_("report approved on"), null=True, blank=True)

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="period_unique_number")
        ]

    def __str__(self):
        return _("Reporting period %(number)s") % {"number": self.number}

    @property
    def status_label(self) -> str:
        """The label of the `status` annotation (ReportingPeriodQuerySet.with_status)."""
        return ReportStatus(self.status).label

    def report_status_on(self, today: dt.date) -> str:
        if self.report_approved_date:
            return ReportStatus.APPROVED
        if self.report_submitted_date:
            return ReportStatus.SUBMITTED
        if self.report_due_date < today:
            return ReportStatus.LATE
        return ReportStatus.NOT_DUE

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = _("The end date must come after the start date.")
        if self.end_date and self.report_due_date and self.report_due_date < self.end_date:
            errors["report_due_date"] = _("The report falls due after the period ends.")
        if self.project_id and not errors:
            errors.update(self._clean_within_project())
        if errors:
            raise ValidationError(errors)

    def _clean_within_project(self) -> dict:
        """Within the project's dates, a number of its own, no overlap with another period."""
        errors = {}
        project = self.project
        if self.start_date and self.start_date < project.start_date:
            errors["start_date"] = _("The period cannot start before the project (%(date)s).") % {
                "date": show_date(project.start_date)
            }
        if self.end_date and self.end_date > project.end_date:
            errors["end_date"] = _("The period cannot end after the project (%(date)s).") % {
                "date": show_date(project.end_date)
            }
        others = ReportingPeriod.objects.filter(project_id=self.project_id).exclude(pk=self.pk)
        if self.number is not None and others.filter(number=self.number).exists():
            errors["number"] = _("This project already has a reporting period %(number)s.") % {
                "number": self.number
            }
        if self.start_date and self.end_date:
            overlap = (
                others.filter(start_date__lte=self.end_date, end_date__gte=self.start_date)
                .order_by("number")
                .first()
            )
            if overlap:
                errors.setdefault(
                    "start_date",
                    _("The dates overlap reporting period %(number)s (%(start)s to %(end)s).")
                    % {
                        "number": overlap.number,
                        "start": show_date(overlap.start_date),
                        "end": show_date(overlap.end_date),
                    },
                )
        return errors


class PaymentKind(models.TextChoices):
    PRE_FINANCING = "pre_financing", _("Pre-financing")
    INTERIM = "interim", _("Interim payment")
    FINAL = "final", _("Final payment")


class Payment(models.Model):
    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(_("kind"), max_length=16, choices=PaymentKind.choices)
    amount = money_field(_("amount (EUR)"), minimum=None)
    paid_on = models.DateField(_("paid on"))
    # Recorded in the site by a programme manager (funding.portfolio.payments); empty for
    # payments imported with historic projects.
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["project", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("A payment is a positive amount."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} EUR"

    def clean(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("A payment is a positive amount.")})
