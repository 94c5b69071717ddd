"""Filters of the evaluation lists."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cooperation.models import User
from core.filters import SortFilter
from core.widgets import FastSelect
from funding.calls.models.calls import Call
from funding.evaluation.models import Assignment, ExpertAvailability, RedressRequest, ReportStatus
from funding.proposals.models import Proposal
from funding.proposals.statuses import ProposalStatus


def _search(queryset, name, value):
    value = (value or "").strip()
    if not value:
        return queryset
    return queryset.filter(
        Q(number__icontains=value) | Q(acronym__icontains=value) | Q(title__icontains=value)
    )


class TopicProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Number, acronym or title"), method=_search)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProposalStatus.choices, widget=FastSelect
    )
    o = SortFilter(
        fields=(
            ("number", "number"),
            ("coordinator__legal_name", "coordinator"),
            ("status", "status"),
        ),
        field_labels={
            "number": _("Proposal"),
            "coordinator": _("Coordinator"),
            "status": _("Status"),
        },
        widget=FastSelect,
    )

    class Meta:
        model = Proposal
        fields = ["q", "status"]


ASSIGNMENT_STATES = [
    ("declare", _("Declaration to sign")),
    ("report", _("Report to finish")),
    ("done", _("Report submitted")),
    ("released", _("Released (conflict)")),
]


def _state(queryset, name, value):
    if value == "declare":
        return queryset.filter(released_at__isnull=True, declaration__isnull=True)
    if value == "report":
        return queryset.filter(released_at__isnull=True, declaration__has_conflict=False).exclude(
            report__status=ReportStatus.SUBMITTED
        )
    if value == "done":
        return queryset.filter(report__status=ReportStatus.SUBMITTED)
    if value == "released":
        return queryset.filter(released_at__isnull=False)
    return queryset


class ExpertAssignmentFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Show"), choices=ASSIGNMENT_STATES, method=_state, widget=FastSelect
    )

    class Meta:
        model = Assignment
        fields = ["state"]


REDRESS_STATES = [("open", _("Open")), ("decided", _("Decided"))]


def _redress_state(queryset, name, value):
    if value == "open":
        return queryset.filter(decided_at__isnull=True)
    if value == "decided":
        return queryset.filter(decided_at__isnull=False)
    return queryset


class RedressFilter(django_filters.FilterSet):
    """The programme managers' list of evaluation review requests; open ones by default."""

    state = django_filters.ChoiceFilter(
        label=_("Show"), choices=REDRESS_STATES, method=_redress_state, empty_label=_("All")
    )
    q = django_filters.CharFilter(label=_("Proposal or topic"), method="search")

    class Meta:
        model = RedressRequest
        fields = ["state"]

    def __init__(self, data=None, *args, **kwargs):
        if data is None or "state" not in data:
            data = data.copy() if data is not None else QueryDict(mutable=True)
            data["state"] = "open"
        super().__init__(data, *args, **kwargs)

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(proposal__number__icontains=value)
            | Q(proposal__acronym__icontains=value)
            | Q(proposal__topic__identifier__icontains=value)
        )


class ExpertFilter(django_filters.FilterSet):
    """The programme managers' list of experts."""

    q = django_filters.CharFilter(label=_("Name or e-mail"), method="search")
    keyword = django_filters.CharFilter(
        label=_("Keyword"), field_name="expert_profile__keywords", lookup_expr="icontains"
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="expert_profile__country", choices=lambda: list(countries)
    )
    employer = django_filters.CharFilter(label=_("Employer"), method="search_employer")
    call = django_filters.ModelChoiceFilter(
        label=_("Available for the call"),
        queryset=Call.objects.order_by("-publication_date", "identifier"),
        method="available_for",
    )

    class Meta:
        model = User
        fields = ["q", "keyword", "country", "employer", "call"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )

    def search_employer(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(expert_profile__employer__legal_name__icontains=value)
            | Q(expert_profile__employer__short_name__icontains=value)
        )

    def available_for(self, queryset, name, value):
        return queryset.filter(
            Exists(
                ExpertAvailability.objects.filter(expert=OuterRef("pk"), call=value, available=True)
            )
        )
