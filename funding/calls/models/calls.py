"""Programmes, calls, topics and their award criteria.

A call has one or more topics; proposals are made to a topic. A topic's status
(forthcoming / open / closed) is derived from its dates and the clock, never stored.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Count, Max, Min, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from cooperation.organisations.models import OrganisationType
from core.money import money_field

IDENTIFIER_VALIDATOR = RegexValidator(
    r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+){1,7}$",
    _(
        "Use capital letters, digits and hyphens, as in ISFP-2017-AG-CYBER or "
        "HORIZON-CL3-2024-FCT-01-03."
    ),
)


class Programme(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    managing_service = models.CharField(
        _("managing service"), max_length=200, blank=True, help_text=_("e.g. DG HOME, REA")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TopicStatus(models.TextChoices):
    FORTHCOMING = "forthcoming", _("Forthcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ActionType(models.TextChoices):
    ISF_ACTION_GRANT = "AG", _("ISF action grant")
    RIA = "RIA", _("Research and Innovation Action")
    IA = "IA", _("Innovation Action")
    CSA = "CSA", _("Coordination and Support Action")


class DeadlineModel(models.TextChoices):
    SINGLE_STAGE = "single", _("Single stage")
    TWO_STAGE = "two_stage", _("Two stage")


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def with_dates(self):
        """Annotate the earliest opening and the latest deadline of the call's topics."""
        return self.annotate(
            opens_at=Min("topics__opening_at"), closes_at=Max("topics__deadline_at")
        )

    def with_status(self, now=None):
        """Annotate `status`: open if a topic is open, else forthcoming if one is still to
        open, else closed."""
        now = now or timezone.now()
        open_topic = Topic.objects.filter(call=models.OuterRef("pk")).open(now)
        coming_topic = Topic.objects.filter(call=models.OuterRef("pk")).forthcoming(now)
        return self.annotate(
            status=Case(
                When(models.Exists(open_topic), then=Value(TopicStatus.OPEN)),
                When(models.Exists(coming_topic), then=Value(TopicStatus.FORTHCOMING)),
                default=Value(TopicStatus.CLOSED),
                output_field=models.CharField(),
            )
        )

    def for_listing(self, now=None):
        """What a public list of calls shows, in a fixed number of queries: programme, status,
        dates, total budget and number of topics; open calls first, nearest deadline first."""
        now = now or timezone.now()
        status_order = Case(
            When(status=TopicStatus.OPEN, then=Value(0)),
            When(status=TopicStatus.FORTHCOMING, then=Value(1)),
            default=Value(2),
        )
        return (
            self.select_related("programme")
            .with_status(now)
            .annotate(
                opens_at=Min("topics__opening_at"),
                closes_at=Max("topics__deadline_at"),
                total_budget=Sum("topics__budget"),
                topic_count=Count("topics"),
                status_order=status_order,
            )
            .order_by("status_order", "closes_at", "identifier")
        )


class Call(ClusterableModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    identifier = models.CharField(
        _("identifier"), max_length=60, unique=True, validators=[IDENTIFIER_VALIDATOR]
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("published on the site at"),
        null=True,
        blank=True,
        help_text=_("Empty while the call is being prepared; the public site shows it from then."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-publication_date", "identifier"]

    def __str__(self):
        return f"{self.identifier} — {self.title}"

    def status(self, now=None) -> str:
        """Derived from the topics; prefer `Call.objects.with_status()` for lists."""
        statuses = {topic.status(now) for topic in self.topics.all()}
        for candidate in (TopicStatus.OPEN, TopicStatus.FORTHCOMING):
            if candidate in statuses:
                return candidate
        return TopicStatus.CLOSED


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


class CallDocument(Orderable):
    """A document of a call (work programme, guide, templates): a library document or a link."""

    call = ParentalKey(
        Call, on_delete=models.CASCADE, related_name="documents", verbose_name=_("call")
    )
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    url = models.URLField(_("address (URL)"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("call document")
        verbose_name_plural = _("call documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False) | ~Q(url=""),
                name="calldocument_has_document_or_url",
                violation_error_message=_("Give a document or an address."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.document_id and not self.url:
            raise ValidationError({"url": _("Give a document from the library or an address.")})

    @property
    def href(self) -> str:
        return self.document.url if self.document_id else self.url
