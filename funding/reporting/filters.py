"""Filters of the beneficiaries' project list and of the managers' review lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from funding.portfolio.models.projects import FundedProject, ProjectStatus
from funding.reporting.models import DeliverableSubmission, PeriodicReport, ReviewStatus


def _project_search(prefix: str):
    def search(queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(**{f"{prefix}acronym__icontains": value})
            | Q(**{f"{prefix}title__icontains": value})
            | Q(**{f"{prefix}grant_number": value})
        )

    return search


class BeneficiaryProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method=_project_search(""))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)

    class Meta:
        model = FundedProject
        fields = ["q", "status"]


class DeliverableReviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Project"), method=_project_search("deliverable__project__")
    )
    status = django_filters.ChoiceFilter(
        label=_("Review"), choices=ReviewStatus.choices, empty_label=_("Any")
    )

    class Meta:
        model = DeliverableSubmission
        fields = ["q", "status"]


class ReportReviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Project"), method=_project_search("period__project__"))
    status = django_filters.ChoiceFilter(
        label=_("Review"), choices=ReviewStatus.choices, empty_label=_("Any")
    )

    class Meta:
        model = PeriodicReport
        fields = ["q", "status"]
