"""Programmes and calls (with their documents); topics are in topics.py.

A call has one or more topics; proposals are made to a topic. A topic's status
(forthcoming / open / closed) is derived from its dates and the clock, never stored.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Count, Max, Min, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from cooperation.forum.models.workstreams import StrategyInitiative
from core.translated import localized

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
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    redress_days = models.PositiveSmallIntegerField(
        _("days for an evaluation review request"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "After a topic's results are published, applicants may ask for an evaluation "
            "review (redress) for this many days."
        ),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return localized(self, "name")


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
        topics = self.model._meta.get_field("topics").related_model.objects
        open_topic = topics.filter(call=models.OuterRef("pk")).open(now)
        coming_topic = topics.filter(call=models.OuterRef("pk")).forthcoming(now)
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
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    summary_fr = models.TextField(_("summary in French"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("published on the site at"),
        null=True,
        blank=True,
        help_text=_("Empty while the call is being prepared; the public site shows it from then."),
    )
    initiative = models.PositiveSmallIntegerField(
        _("strategy initiative"),
        choices=StrategyInitiative.choices,
        null=True,
        blank=True,
        help_text=_(
            "The initiative of the EU strategy this call serves (its public page shows it)."
        ),
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
