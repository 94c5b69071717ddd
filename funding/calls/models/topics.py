"""Topics and their award criteria.

Proposals are made to a topic. A topic's status (forthcoming / open / closed) is derived from
its dates and the clock, never stored.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cooperation.organisations.models import OrganisationType
from core.money import money_field
from funding.calls.models.calls import (
    IDENTIFIER_VALIDATOR,
    ActionType,
    Call,
    DeadlineModel,
    TopicStatus,
)


class TopicQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opening_at__lte=now, deadline_at__gt=now)

    def forthcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(opening_at__gt=now)

    def closed(self, now=None):
        now = now or timezone.now()
        return self.filter(deadline_at__lte=now)

    def with_status(self, now=None):
        now = now or timezone.now()
        return self.annotate(
            status=Case(
                When(opening_at__gt=now, then=Value(TopicStatus.FORTHCOMING)),
                When(deadline_at__gt=now, then=Value(TopicStatus.OPEN)),
                default=Value(TopicStatus.CLOSED),
                output_field=models.CharField(),
            )
        )


class Topic(ClusterableModel):
    """What proposals are made to: one topic of a call, with its rules."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="topics", verbose_name=_("call")
    )
    identifier = models.CharField(
        _("identifier"), max_length=60, unique=True, validators=[IDENTIFIER_VALIDATOR]
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    action_type = models.CharField(_("type of action"), max_length=4, choices=ActionType.choices)
    opening_at = models.DateTimeField(_("opens at"))
    deadline_model = models.CharField(
        _("deadline model"),
        max_length=10,
        choices=DeadlineModel.choices,
        default=DeadlineModel.SINGLE_STAGE,
    )
    deadline_at = models.DateTimeField(
        _("deadline"),
        help_text=_("Brussels time, usually 17:00:00. For a two-stage topic, the first stage."),
    )
    second_deadline_at = models.DateTimeField(_("second-stage deadline"), null=True, blank=True)
    budget = money_field(_("budget (EUR)"))
    min_grant = money_field(_("minimum grant (EUR)"), null=True, blank=True)
    max_grant = money_field(_("maximum grant (EUR)"), null=True, blank=True)
    expected_grants = models.PositiveSmallIntegerField(
        _("expected number of grants"), null=True, blank=True
    )
    funding_rate = models.DecimalField(
        _("funding rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    non_profit_funding_rate = models.DecimalField(
        _("funding rate for non-profit organisations (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Horizon Innovation Actions fund non-profit organisations at 100 %."),
    )
    indirect_cost_rate = models.DecimalField(
        _("indirect costs flat rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("25.00"),
        help_text=_("Applied to eligible direct costs excluding subcontracting."),
    )
    # Eligibility rules
    min_applicants = models.PositiveSmallIntegerField(_("minimum applicants"), default=1)
    min_countries = models.PositiveSmallIntegerField(_("minimum distinct countries"), default=1)
    lead_organisation_types = models.JSONField(
        _("organisation types allowed to lead"),
        default=list,
        blank=True,
        help_text=_("Empty means any type may lead."),
    )
    max_duration_months = models.PositiveSmallIntegerField(
        _("maximum duration (months)"), null=True, blank=True
    )
    # Evaluation rules
    overall_threshold = models.DecimalField(
        _("overall threshold"), max_digits=6, decimal_places=2, default=Decimal("10")
    )
    score_step = models.DecimalField(
        _("score step"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.5"),
        help_text=_("0.5 for Horizon half points; 1 for a points scheme."),
    )
    experts_per_proposal = models.PositiveSmallIntegerField(
        _("experts per proposal"), default=3, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["deadline_at", "identifier"]
        indexes = [models.Index(fields=["opening_at", "deadline_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_at__gt=models.F("opening_at")),
                name="topic_deadline_after_opening",
                violation_error_message=_("The deadline must come after the opening."),
            ),
            models.CheckConstraint(
                condition=Q(min_grant__isnull=True)
                | Q(max_grant__isnull=True)
                | Q(min_grant__lte=models.F("max_grant")),
                name="topic_min_grant_not_above_max",
                violation_error_message=_("The minimum grant cannot exceed the maximum grant."),
            ),
        ]

    def __str__(self):
        return f"{self.identifier} — {self.title}"

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opening_at:
            return TopicStatus.FORTHCOMING
        if now < self.deadline_at:
            return TopicStatus.OPEN
        return TopicStatus.CLOSED

    def is_open(self, now=None) -> bool:
        return self.status(now) == TopicStatus.OPEN

    def clean(self):
        errors = {}
        if self.opening_at and self.deadline_at and self.deadline_at <= self.opening_at:
            errors["deadline_at"] = _("The deadline must come after the opening.")
        if (
            self.second_deadline_at
            and self.deadline_at
            and self.second_deadline_at <= self.deadline_at
        ):
            errors["second_deadline_at"] = _("The second-stage deadline must come after the first.")
        if self.deadline_model == DeadlineModel.TWO_STAGE and not self.second_deadline_at:
            errors["second_deadline_at"] = _("A two-stage topic needs a second-stage deadline.")
        if (
            self.min_grant is not None
            and self.max_grant is not None
            and self.min_grant > self.max_grant
        ):
            errors["min_grant"] = _("The minimum grant cannot exceed the maximum grant.")
        if self.max_grant is not None and self.budget is not None and self.max_grant > self.budget:
            errors["max_grant"] = _("The maximum grant cannot exceed the topic's budget.")
        unknown = set(self.lead_organisation_types or []) - set(OrganisationType.values)
        if unknown:
            errors["lead_organisation_types"] = _("Unknown organisation types: %(types)s") % {
                "types": ", ".join(sorted(unknown))
            }
        if errors:
            raise ValidationError(errors)

    @property
    def max_total_score(self) -> Decimal:
        return sum((c.max_score for c in self.criteria.all()), Decimal("0"))


class AwardCriterion(models.Model):
    """One award criterion of a topic: scored, thresholded, and weighted for ranking only."""

    topic = ParentalKey(
        Topic, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("topic")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what evaluators assess"), blank=True)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    description_fr = models.TextField(_("what evaluators assess, in French"), blank=True)
    max_score = models.DecimalField(
        _("maximum score"), max_digits=6, decimal_places=2, default=Decimal("5")
    )
    threshold = models.DecimalField(
        _("threshold"), max_digits=6, decimal_places=2, default=Decimal("3")
    )
    weight = models.DecimalField(
        _("weight for ranking"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Weights order the ranking only; thresholds use unweighted scores."),
    )
    tie_break_rank = models.PositiveSmallIntegerField(
        _("tie-break order"),
        null=True,
        blank=True,
        help_text=_("1 is compared first when proposals are ex aequo; empty if not used."),
    )
    first_stage = models.BooleanField(
        _("scored in the first stage"),
        default=False,
        help_text=_("Two-stage topics score only these criteria in stage 1."),
    )
    first_stage_threshold = models.DecimalField(
        _("first-stage threshold"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        ordering = ["topic", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "code"], name="criterion_unique_code"),
            models.CheckConstraint(
                condition=Q(threshold__lte=models.F("max_score")),
                name="criterion_threshold_not_above_max",
                violation_error_message=_("The threshold cannot exceed the maximum score."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.topic.identifier})" if self.topic_id else self.name

    def clean(self):
        errors = {}
        if (
            self.threshold is not None
            and self.max_score is not None
            and self.threshold > self.max_score
        ):
            errors["threshold"] = _("The threshold cannot exceed the maximum score.")
        if (
            self.first_stage_threshold is not None
            and self.max_score is not None
            and self.first_stage_threshold > self.max_score
        ):
            errors["first_stage_threshold"] = _("The threshold cannot exceed the maximum score.")
        if errors:
            raise ValidationError(errors)
