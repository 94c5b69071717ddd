"""The funded portfolio: grant agreements and their participants (deliverables, milestones,
reporting periods and payments are in delivery.py).

What can be derived is derived, never stored: duration, funding rate, coordinator,
country and activity type of a participant, overdue flags, report status and health. The
facts health is judged from (due dates of what is not submitted, paid, accepted costs) are
kept on the project's row by the services that write them, so that a list judges every
project's health from one table (funding.portfolio.health).
The funding rate in particular is EU contribution ÷ total cost: both amounts are in the
grant agreement, so storing the rate as well would let the three drift apart.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from cooperation.forum.models.workstreams import StrategyInitiative
from cooperation.organisations.models import OrganisationType
from core.display import show_euros
from core.money import CENT, MONEY_DIGITS, money_field
from funding.calls.models.calls import Call, Programme
from funding.calls.models.topics import Topic
from funding.portfolio.health import annotate_delivery_figures, annotate_health, health_facts


class ProjectStatus(models.TextChoices):
    GRANT_PREPARATION = "grant_preparation", _("Grant preparation")
    ONGOING = "ongoing", _("Ongoing")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")
    TERMINATED = "terminated", _("Terminated")


PUBLIC_STATUSES = (ProjectStatus.ONGOING, ProjectStatus.CLOSED)
DOI_PROGRAMMES = frozenset({"HORIZON", "H2020"})


class ParticipantRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    BENEFICIARY = "beneficiary", _("Beneficiary")
    AFFILIATED_ENTITY = "affiliated_entity", _("Affiliated entity")
    ASSOCIATED_PARTNER = "associated_partner", _("Associated partner")
    THIRD_PARTY = "third_party", _("Third party")


class ActivityType(models.TextChoices):
    """CORDIS activity types."""

    PUB = "PUB", _("Public body")
    REC = "REC", _("Research organisation")
    HES = "HES", _("Higher or secondary education")
    PRC = "PRC", _("Private company")
    OTH = "OTH", _("Other")


# Organisation.organisation_type -> CORDIS activity type.
ACTIVITY_TYPE_OF = {
    OrganisationType.PUBLIC_BODY: ActivityType.PUB,
    OrganisationType.RESEARCH: ActivityType.REC,
    OrganisationType.HIGHER_EDUCATION: ActivityType.HES,
    OrganisationType.PRIVATE_COMPANY: ActivityType.PRC,
    OrganisationType.CIVIL_SOCIETY: ActivityType.OTH,
    OrganisationType.INTERNATIONAL: ActivityType.OTH,
}


def activity_type_of(organisation_type: str) -> str:
    return ACTIVITY_TYPE_OF.get(organisation_type, ActivityType.OTH)


def organisation_types_for(activity_type: str) -> list[str]:
    return [org for org, act in ACTIVITY_TYPE_OF.items() if act == activity_type]


# The coordinator's columns a project can be read with (`with_coordinator`).
COORDINATOR_COLUMNS = {
    "name": "organisation__legal_name",
    "short_name": "organisation__short_name",
    "country": "organisation__country",
    "type": "organisation__organisation_type",
    "organisation_id": "organisation_id",
    "pic": "organisation__pic",
}


class FundedProjectQuerySet(models.QuerySet):
    def public(self):
        """What visitors may see: ongoing and closed projects."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def with_coordinator(self, *names: str):
        """The coordinator's organisation as `coordinator_<name>` annotations: `names` among
        COORDINATOR_COLUMNS (all of them by default)."""
        # One coordinator per project (a constraint): no order needed, and none joins the
        # project again for the participants' default ordering.
        coordinator = Participant.objects.filter(
            project=OuterRef("pk"), role=ParticipantRole.COORDINATOR
        ).order_by()
        return self.annotate(
            **{
                f"coordinator_{name}": Subquery(coordinator.values(COORDINATOR_COLUMNS[name])[:1])
                for name in names or COORDINATOR_COLUMNS
            }
        )

    def with_health(self, *, today: dt.date):
        return annotate_health(self, today=today)

    def with_delivery_figures(self, *, today: dt.date):
        """The numbers of overdue deliverables and late reports, and what was paid and
        spent (a project's page, the export)."""
        return annotate_delivery_figures(self, today=today)

    def refresh_health_facts(self) -> int:
        """Store on each project of the queryset the facts its health is judged from
        (funding.portfolio.health.health_facts). One UPDATE; run by every service that
        writes a deliverable, a reporting period, a periodic report or a payment, in its
        transaction, once the project's row is locked. Returns the number of rows."""
        return self.order_by().update(**health_facts(self.model))

    def for_list(self, *, today: dt.date):
        """What the staff list's rows show (their programme, coordinator and health)."""
        return (
            self.select_related("programme")
            .with_coordinator("name", "short_name", "country")
            .with_health(today=today)
        )

    def for_table(self, *, today: dt.date):
        """Everything a list, dashboard or export row needs, in one query."""
        return (
            self.select_related("programme", "call", "topic")
            .with_coordinator()
            .with_health(today=today)
        )


class FundedProject(models.Model):
    """A grant agreement: what a selected proposal becomes."""

    grant_number = models.CharField(
        _("grant agreement number"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^\d{6,12}$", _("A grant number is six to twelve digits."))],
    )
    acronym = models.CharField(_("acronym"), max_length=40)
    title = models.CharField(_("title"), max_length=255)
    objective = models.TextField(_("objective"), blank=True)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("programme")
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
        verbose_name=_("call"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
        verbose_name=_("topic"),
    )
    call_identifier = models.CharField(
        _("call identifier"),
        max_length=60,
        blank=True,
        help_text=_("For historic projects whose call is not recorded here, e.g. SU-FCT-02-2019."),
    )
    topic_identifier = models.CharField(_("topic identifier"), max_length=60, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    total_cost = money_field(_("total cost (EUR)"))
    eu_contribution = money_field(_("EU contribution (EUR)"))
    signature_date = models.DateField(_("signature date"), null=True, blank=True)
    initiative = models.PositiveSmallIntegerField(
        _("strategy initiative"),
        choices=StrategyInitiative.choices,
        null=True,
        blank=True,
        help_text=_("Empty: the initiative of the project's call."),
    )
    proposal = models.OneToOneField(
        "funding.Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funded_project",
        verbose_name=_("selected proposal"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.GRANT_PREPARATION,
        editable=False,
        help_text=_("Changes only through the status workflow, which records who and why."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What health is judged from, kept by `refresh_health_facts` (never typed in).
    health_deliverable_due = models.DateField(null=True, editable=False)
    health_red_deliverable_due = models.DateField(null=True, editable=False)
    health_report_due = models.DateField(null=True, editable=False)
    health_paid = models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=2, default=Decimal("0.00"), editable=False
    )
    health_accepted_costs = models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=2, default=Decimal("0.00"), editable=False
    )
    health_reported_until = models.DateField(null=True, editable=False)

    objects = FundedProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        ordering = ["-start_date", "acronym"]
        indexes = [
            models.Index(fields=["status", "start_date"]),
            # The list's default order: its first page read from the index, not sorted.
            models.Index(fields=["-start_date", "acronym"], name="project_list_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="project_end_after_start",
                violation_error_message=_("The end date must come after the start date."),
            ),
            models.CheckConstraint(
                condition=Q(eu_contribution__lte=F("total_cost")),
                name="project_contribution_within_cost",
                violation_error_message=_("The EU contribution cannot exceed the total cost."),
            ),
        ]

    def __str__(self):
        return f"{self.acronym} ({self.grant_number})"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = _("The end date must come after the start date.")
        if (
            self.eu_contribution is not None
            and self.total_cost is not None
            and self.eu_contribution > self.total_cost
        ):
            errors["eu_contribution"] = _("The EU contribution cannot exceed the total cost.")
        if self.topic_id and self.call_id and self.topic.call_id != self.call_id:
            errors["topic"] = _("This topic belongs to another call.")
        if self.call_id and self.programme_id and self.call.programme_id != self.programme_id:
            errors["call"] = _("This call belongs to another programme.")
        if errors:
            raise ValidationError(errors)

    @property
    def duration_months(self) -> int:
        """Whole months from the start date to the end date (inclusive of the last day)."""
        end = self.end_date + dt.timedelta(days=1)
        months = (end.year - self.start_date.year) * 12 + end.month - self.start_date.month
        return months if end.day >= self.start_date.day else months - 1

    @property
    def funding_rate(self) -> Decimal | None:
        """EU contribution as a percentage of the total cost, to two places."""
        if not self.total_cost:
            return None
        return (self.eu_contribution * 100 / self.total_cost).quantize(CENT)

    @property
    def doi(self) -> str:
        """CORDIS DOI of Horizon 2020 and Horizon Europe projects; empty for others."""
        if self.programme.code in DOI_PROGRAMMES:
            return f"10.3030/{self.grant_number}"
        return ""

    @property
    def call_label(self) -> str:
        return self.call.identifier if self.call_id else self.call_identifier

    @property
    def topic_label(self) -> str:
        return self.topic.identifier if self.topic_id else self.topic_identifier

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class ProjectStatusChange(models.Model):
    """One row per status change: who, when, from, to, why."""

    project = models.ForeignKey(
        FundedProject, on_delete=models.CASCADE, related_name="status_changes"
    )
    action = models.CharField(_("action"), max_length=20, blank=True)
    from_status = models.CharField(_("from"), max_length=20, choices=ProjectStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ProjectStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    changed_at = models.DateTimeField(_("changed at"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("project status change")
        verbose_name_plural = _("project status changes")
        ordering = ["project", "changed_at", "pk"]

    def __str__(self):
        return f"{self.project_id}: {self.from_status} → {self.to_status}"


class Participant(models.Model):
    """An organisation in a project's consortium. Country and activity type come from the
    organisation's record, so they cannot disagree with it."""

    project = models.ForeignKey(
        FundedProject, on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        "cooperation.Organisation",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    eu_contribution = money_field(_("EU contribution (EUR)"), default=Decimal("0.00"))
    total_cost = money_field(_("total cost (EUR)"), default=Decimal("0.00"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Set when an approved amendment records the partner leaving (funding.portfolio.amendments).
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["project", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="participant_unique_organisation"
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="coordinator"),
                name="participant_one_coordinator",
                violation_error_message=_("A project has only one coordinator."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def country(self):
        return self.organisation.country

    @property
    def activity_type(self) -> str:
        return activity_type_of(self.organisation.organisation_type)

    @property
    def activity_type_label(self) -> str:
        return ActivityType(self.activity_type).label

    def clean(self):
        errors = {}
        if (
            self.project_id
            and self.eu_contribution is not None
            and self.eu_contribution > self.project.eu_contribution
        ):
            errors["eu_contribution"] = _(
                "A participant's EU contribution cannot exceed the project's (%(amount)s)."
            ) % {"amount": show_euros(self.project.eu_contribution)}
        if (
            self.eu_contribution is not None
            and self.total_cost is not None
            and self.eu_contribution > self.total_cost
        ):
            errors.setdefault(
                "eu_contribution",
                _("A participant's EU contribution cannot exceed its total cost."),
            )
        if errors:
            raise ValidationError(errors)
