"""Filters of the staff lists of participants and payments across the portfolio; every
value bounded (core.filters), a bad one a form error, never a 500."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import AmountFilter, YearFilter, YesNoFilter
from core.widgets import FastSelect
from funding.models import Programme
from funding.portfolio.models.delivery import Payment, PaymentKind
from funding.portfolio.models.projects import Participant, ParticipantRole, ProjectStatus


def _project_or_organisation(queryset, name, value):
    value = (value or "").strip()
    if not value:
        return queryset
    return queryset.filter(
        Q(project__acronym__icontains=value)
        | Q(project__grant_number=value)
        | Q(organisation__legal_name__icontains=value)
        | Q(organisation__short_name__icontains=value)
    )


def _project(queryset, name, value):
    value = (value or "").strip()
    if not value:
        return queryset
    return queryset.filter(Q(project__acronym__icontains=value) | Q(project__grant_number=value))


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method=_project_or_organisation)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), field_name="project__programme", queryset=Programme.objects.all()
    )
    status = django_filters.ChoiceFilter(
        label=_("Project status"), field_name="project__status", choices=ProjectStatus.choices
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=ParticipantRole.choices)
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="organisation__country",
        choices=list(countries),
        widget=FastSelect,
    )
    account = YesNoFilter(
        label=_("Bank account validated"), field_name="account", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Participant
        fields = ["q", "programme", "status", "role", "country", "account"]


class PaymentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Project"), method=_project)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), field_name="project__programme", queryset=Programme.objects.all()
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PaymentKind.choices)
    year = YearFilter(label=_("Year paid"), field_name="paid_on", lookup_expr="year")
    minimum = AmountFilter(label=_("At least (EUR)"), field_name="amount", lookup_expr="gte")

    class Meta:
        model = Payment
        fields = ["q", "programme", "kind", "year", "minimum"]
