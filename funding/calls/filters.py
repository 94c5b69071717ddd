"""Filters of the public call listing. Every value travels in the URL, so a filtered view can
be shared."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.filters import AmountFilter, DateFilter
from funding.models import ActionType, Call, Programme, Topic, TopicStatus


class CallFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Keyword"), method="filter_keyword")
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        to_field_name="code",
        empty_label=_("Any programme"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TopicStatus.choices, empty_label=_("Any status")
    )
    action_type = django_filters.ChoiceFilter(
        label=_("Type of action"),
        choices=ActionType.choices,
        empty_label=_("Any type"),
        method="filter_action_type",
    )
    deadline_after = DateFilter(
        label=_("Deadline from"),
        method="filter_deadline_after",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    deadline_before = DateFilter(
        label=_("Deadline until"),
        method="filter_deadline_before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    budget_min = AmountFilter(
        label=_("Budget from (EUR)"), field_name="total_budget", lookup_expr="gte"
    )
    budget_max = AmountFilter(
        label=_("Budget up to (EUR)"), field_name="total_budget", lookup_expr="lte"
    )

    class Meta:
        model = Call
        fields = []

    def filter_keyword(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        in_topics = Topic.objects.filter(call=OuterRef("pk")).filter(
            Q(identifier__icontains=value) | Q(title__icontains=value)
        )
        return queryset.filter(
            Q(identifier__icontains=value)
            | Q(title__icontains=value)
            | Q(summary__icontains=value)
            | Exists(in_topics)
        )

    def filter_action_type(self, queryset, name, value):
        return queryset.filter(Exists(Topic.objects.filter(call=OuterRef("pk"), action_type=value)))

    def filter_deadline_after(self, queryset, name, value):
        # Any topic whose deadline falls on or after that day (Brussels days).
        topics = Topic.objects.filter(call=OuterRef("pk"), deadline_at__date__gte=value)
        return queryset.filter(Exists(topics))

    def filter_deadline_before(self, queryset, name, value):
        topics = Topic.objects.filter(call=OuterRef("pk"), deadline_at__date__lte=value)
        return queryset.filter(Exists(topics))
