"""Filters of the portfolio: the staff list, its export and the command share one FilterSet."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.filters import FilterForm, SortFilter, YearFilter
from core.translated import localized
from core.widgets import CountrySelect, FastSelect, country_choices
from funding.models import Call, Programme
from funding.portfolio.health import Health
from funding.portfolio.models.projects import (
    PUBLIC_STATUSES,
    ActivityType,
    FundedProject,
    Participant,
    ParticipantRole,
    ProjectStatus,
    organisation_types_for,
)

# A record's filter refuses an unknown one as Django's choice of records does (Django's
# own message, and its translations).
RECORD_CHOICE_ERRORS = {
    "invalid_choice": _("Select a valid choice. That choice is not one of the available choices.")
}


def programme_choices() -> list[tuple[str, str]]:
    """The programmes as their options show them (Programme.__str__), read as values: the
    list is built on each page, and a short plain query costs a fraction of reading the
    records through a server-side cursor."""
    rows = Programme.objects.values_list("pk", "name", "name_fr")
    return [
        (str(pk), localized({"name": name, "name_fr": name_fr}, "name"))
        for pk, name, name_fr in rows
    ]


def call_choices() -> list[tuple[str, str]]:
    """The calls as their options show them (Call.__str__), newest first."""
    rows = Call.objects.values_list("pk", "identifier", "title")
    return [(str(pk), f"{identifier} — {title}") for pk, identifier, title in rows]


def _participant_in_country(queryset, name, value):
    if not value:
        return queryset
    return queryset.filter(
        Exists(Participant.objects.filter(project=OuterRef("pk"), organisation__country=value))
    )


def _search(queryset, name, value):
    value = (value or "").strip()
    if not value:
        return queryset
    return queryset.filter(
        Q(acronym__icontains=value) | Q(title__icontains=value) | Q(grant_number=value)
    )


class PortfolioFilter(django_filters.FilterSet):
    """Expects a queryset from `FundedProject.objects.for_table(today=...)` (health is an
    annotation)."""

    q = django_filters.CharFilter(label=_("Search"), method=_search)
    programme = django_filters.ChoiceFilter(
        label=_("Programme"),
        field_name="programme",
        choices=programme_choices,
        widget=FastSelect,
        error_messages=RECORD_CHOICE_ERRORS,
    )
    call = django_filters.ChoiceFilter(
        label=_("Call"),
        field_name="call",
        choices=call_choices,
        widget=FastSelect,
        error_messages=RECORD_CHOICE_ERRORS,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, widget=FastSelect
    )
    country = django_filters.ChoiceFilter(
        label=_("Participant country"),
        choices=country_choices,
        method=_participant_in_country,
        widget=CountrySelect,
    )
    coordinator_type = django_filters.ChoiceFilter(
        label=_("Coordinator type"),
        choices=ActivityType.choices,
        method="filter_coordinator_type",
        widget=FastSelect,
    )
    start_year = YearFilter(label=_("Start year"), field_name="start_date", lookup_expr="year")
    health = django_filters.ChoiceFilter(
        label=_("Health"), choices=Health.choices, widget=FastSelect
    )
    o = SortFilter(
        fields=(
            ("grant_number", "grant"),
            ("acronym", "acronym"),
            ("programme__code", "programme"),
            ("coordinator_name", "coordinator"),
            ("start_date", "start"),
            ("eu_contribution", "contribution"),
            ("status", "status"),
        ),
        field_labels={
            "grant": _("Grant"),
            "acronym": _("Acronym"),
            "programme": _("Programme"),
            "coordinator": _("Coordinator"),
            "start": _("Start date"),
            "contribution": _("EU contribution"),
            "status": _("Status"),
        },
        widget=FastSelect,
    )

    class Meta:
        model = FundedProject
        fields = ["q", "programme", "call", "status", "country", "coordinator_type"]
        form = FilterForm

    def filter_coordinator_type(self, queryset, name, value):
        if not value:
            return queryset
        coordinator = Participant.objects.filter(
            project=OuterRef("pk"),
            role=ParticipantRole.COORDINATOR,
            organisation__organisation_type__in=organisation_types_for(value),
        )
        return queryset.filter(Exists(coordinator))


class PublicProjectFilter(django_filters.FilterSet):
    """The visitors' filters: nothing about health or grant preparation."""

    q = django_filters.CharFilter(label=_("Search"), method=_search)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.all()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=[(s.value, s.label) for s in PUBLIC_STATUSES]
    )
    country = django_filters.ChoiceFilter(
        label=_("Participant country"),
        choices=country_choices,
        method=_participant_in_country,
        widget=CountrySelect,
    )
    start_year = YearFilter(label=_("Start year"), field_name="start_date", lookup_expr="year")

    class Meta:
        model = FundedProject
        fields = ["q", "programme", "status", "country"]
        form = FilterForm


def filtered_portfolio(data, *, today):
    """The staff FilterSet bound to `data` (GET parameters) over the annotated portfolio.

    The list page, its Excel export, the background export and the command all go through
    here, so what you see is what you export."""
    filterset = PortfolioFilter(data or None, queryset=FundedProject.objects.for_table(today=today))
    return filterset


def describe_filters(filterset) -> str:
    """The active filters in words, for the export's Summary sheet."""
    if not filterset.is_bound or not filterset.is_valid():
        return ""
    parts = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        field = filterset.form.fields[name]
        label = (
            dict(getattr(field, "choices", [])).get(value, value)
            if not hasattr(value, "pk")
            else value
        )
        parts.append(f"{field.label}: {label}")
    return "; ".join(parts)
