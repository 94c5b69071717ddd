"""Model National Response assessments: one row per status change, the latest is current."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cooperation.forum.mnr import MNRCapability


class CapabilityStatus(models.TextChoices):
    NOT_IN_PLACE = "not_in_place", _("Not in place")
    DEVELOPING = "developing", _("Being developed")
    IN_PLACE = "in_place", _("In place")
    UNKNOWN = "unknown", _("Unknown")


class MNRAssessmentQuerySet(models.QuerySet):
    def current(self):
        """The latest assessment of each country × capability (by date, then by entry)."""
        newer = MNRAssessment.objects.filter(
            country=OuterRef("country"), capability=OuterRef("capability")
        ).filter(
            Q(assessed_on__gt=OuterRef("assessed_on"))
            | Q(assessed_on=OuterRef("assessed_on"), pk__gt=OuterRef("pk"))
        )
        return self.filter(~Exists(newer))


class MNRAssessment(models.Model):
    country = CountryField(_("country"))
    capability = models.PositiveSmallIntegerField(_("capability"), choices=MNRCapability.choices)
    status = models.CharField(_("status"), max_length=14, choices=CapabilityStatus.choices)
    assessed_on = models.DateField(_("date"))
    evidence = models.TextField(_("evidence"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MNRAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Model National Response assessment")
        verbose_name_plural = _("Model National Response assessments")
        ordering = ["country", "capability", "-assessed_on", "-pk"]
        indexes = [models.Index(fields=["country", "capability", "assessed_on"])]

    def __str__(self):
        return f"{self.country.code} · {self.get_capability_display()}: {self.get_status_display()}"
