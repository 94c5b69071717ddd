import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from funding.models import Proposal
from funding.proposals.statuses import ProposalStatus


class ApplicantProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProposalStatus.choices, empty_label=_("Any")
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Proposal
        fields = ["status"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(acronym__icontains=value)
            | Q(title__icontains=value)
            | Q(number__icontains=value)
            | Q(topic__identifier__icontains=value)
        )
