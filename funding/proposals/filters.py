import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import FilterForm
from core.widgets import FastSelect
from funding.models import Proposal
from funding.proposals.applicant_status import with_applicant_status
from funding.proposals.statuses import ProposalStatus


class StableOrderingFilter(django_filters.OrderingFilter):
    """Orders by the chosen column, then by proposal number: rows that look the same to
    the applicant (the same status) always come in the same order, whatever lies behind."""

    def filter(self, qs, value):
        ordered = super().filter(qs, value)
        if value in django_filters.constants.EMPTY_VALUES:
            return ordered
        return ordered.order_by(*ordered.query.order_by, "number", "pk")


class ApplicantProposalFilter(django_filters.FilterSet):
    """The applicant's dashboard. Status, its counts and its ordering are the status the
    applicant sees (funding.proposals.applicant_status), never the evaluation's own."""

    status = django_filters.ChoiceFilter(
        field_name="applicant_status",
        label=_("Status"),
        choices=ProposalStatus.choices,
        empty_label=_("Any"),
        widget=FastSelect,
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")
    o = StableOrderingFilter(
        label=_("Sort by"),
        fields=(
            ("applicant_status_rank", "status"),
            ("number", "number"),
            ("topic__deadline_at", "deadline"),
        ),
        field_labels={
            "applicant_status_rank": _("Status"),
            "number": _("Proposal number"),
            "topic__deadline_at": _("Deadline"),
        },
        empty_label=_("Last changed"),
        widget=FastSelect,
    )

    class Meta:
        model = Proposal
        fields = ["status"]
        form = FilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        queryset = Proposal.objects.all() if queryset is None else queryset
        super().__init__(data, with_applicant_status(queryset), **kwargs)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(acronym__icontains=value)
            | Q(title__icontains=value)
            | Q(number__icontains=value)
            | Q(topic__identifier__icontains=value)
        )
