"""The countries each programme counts for geographical diversity, with validity dates.

Reference data, edited by programme managers in the Wagtail admin (Funding calls ›
Eligible countries): the Member States and the programme's Associated Countries, each row
valid from one date to another (both included; empty means open-ended). The ranking's
geographical-diversity tie-break counts the distinct applicant countries that have a row
for the topic's programme valid on the topic's deadline (Brussels date); third countries
count as countries for the eligibility rules, never for this tie-break (DOMAIN.md).

New programmes start with the defaults of `funding.calls.country_defaults`.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.brussels import brussels
from funding.calls.models.calls import Programme


class CountryKind(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    ASSOCIATED = "associated", _("Associated Country")


class EligibleCountryQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def codes_for(self, programme_id: int, day: dt.date) -> frozenset[str]:
        """The ISO codes valid for the programme on `day`, in one query."""
        rows = self.filter(programme_id=programme_id).valid_on(day).values_list("country")
        return frozenset(str(code) for (code,) in rows)

    def codes_for_topic(self, topic) -> frozenset[str]:
        """The codes valid for the topic's programme on its deadline, in Brussels."""
        return self.codes_for(topic.call.programme_id, brussels(topic.deadline_at).date())


class EligibleCountry(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="eligible_countries",
        verbose_name=_("programme"),
    )
    country = CountryField(_("country"))
    kind = models.CharField(_("kind"), max_length=12, choices=CountryKind.choices)
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty: from the programme's start.")
    )
    valid_to = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Included. Empty: still valid.")
    )
    note = models.CharField(
        _("note"), max_length=255, blank=True, help_text=_("The source, or why it changed.")
    )

    objects = EligibleCountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("eligible country")
        verbose_name_plural = _("eligible countries")
        ordering = ["programme", "kind", "country", "valid_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "country", "valid_from"],
                name="eligiblecountry_unique_start",
                violation_error_message=_(
                    "This country already has a period starting on this date for this programme."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="eligiblecountry_dates_in_order",
                violation_error_message=_("The end of the period is before its start."),
            ),
        ]

    def __str__(self):
        return f"{self.country.name} ({self.get_kind_display()})"

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end of the period is before its start.")})
        if self.programme_id and self.country and self.overlapping().exists():
            raise ValidationError(
                _("%(country)s already has a period for this programme that overlaps this one.")
                % {"country": self.country.name}
            )

    def overlapping(self):
        """The programme's other periods of the same country that share a day with this one."""
        others = EligibleCountry.objects.filter(
            programme_id=self.programme_id, country=self.country
        ).exclude(pk=self.pk)
        if self.valid_to:
            others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
        if self.valid_from:
            others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        return others
