"""Filters of the staff lists of participants, payments, deliverables and reporting periods
across the portfolio; every value bounded (core.filters), a bad one a form error, never a 500."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import AmountFilter, DateFilter, SortFilter, YearFilter, YesNoFilter
from core.widgets import CountrySelect, country_choices
from funding.models import Programme
from funding.portfolio.models.delivery import (
    Deliverable,
    DeliverableStatus,
    Payment,
    PaymentKind,
    ReportingPeriod,
    ReportStatus,
)
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
        choices=country_choices,
        widget=CountrySelect,
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


class _PlanFilter(django_filters.FilterSet):
    """A project's planned records with a derived `status` annotation (`with_status`): the
    project, the status, a window of due dates, late or not."""

    q = django_filters.CharFilter(label=_("Project"), method=_project)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), field_name="project__programme", queryset=Programme.objects.all()
    )
    late_status = ""

    def filter_late(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status=self.late_status)
        return queryset.filter(late if value else ~late)


def _sort(**columns):
    """The SortFilter of a plan list: column name -> (model field, label)."""
    return SortFilter(
        fields=tuple((field, name) for name, (field, _label) in columns.items()),
        field_labels={name: label for name, (_field, label) in columns.items()},
    )


class DeliverableFilter(_PlanFilter):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DeliverableStatus.choices)
    due_from = DateFilter(label=_("Due from"), field_name="due_date", lookup_expr="gte")
    due_to = DateFilter(label=_("Due until"), field_name="due_date", lookup_expr="lte")
    overdue = YesNoFilter(label=_("Overdue"), method="filter_late")
    o = _sort(
        project=("project__acronym", _("Project")),
        code=("code", _("Code")),
        title=("title", _("Title")),
        due=("due_date", _("Due date")),
        status=("status", _("Status")),
    )
    late_status = DeliverableStatus.OVERDUE

    class Meta:
        model = Deliverable
        fields = ["q", "programme", "status", "due_from", "due_to", "overdue"]


class ReportingPeriodFilter(_PlanFilter):
    status = django_filters.ChoiceFilter(label=_("Report status"), choices=ReportStatus.choices)
    due_from = DateFilter(
        label=_("Report due from"), field_name="report_due_date", lookup_expr="gte"
    )
    due_to = DateFilter(
        label=_("Report due until"), field_name="report_due_date", lookup_expr="lte"
    )
    late = YesNoFilter(label=_("Report late"), method="filter_late")
    o = _sort(
        project=("project__acronym", _("Project")),
        number=("number", _("Period")),
        start=("start_date", _("Start date")),
        end=("end_date", _("End date")),
        due=("report_due_date", _("Report due on")),
        status=("status", _("Report status")),
    )
    late_status = ReportStatus.LATE

    class Meta:
        model = ReportingPeriod
        fields = ["q", "programme", "status", "due_from", "due_to", "late"]
