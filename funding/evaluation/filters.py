"""Filters of the evaluation lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from funding.evaluation.models import Assignment, ReportStatus
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
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProposalStatus.choices)

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
    state = django_filters.ChoiceFilter(label=_("Show"), choices=ASSIGNMENT_STATES, method=_state)

    class Meta:
        model = Assignment
        fields = ["state"]
