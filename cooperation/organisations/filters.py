import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.models import Organisation


class MyOrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or PIC"), method="search")

    class Meta:
        model = Organisation
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(legal_name__icontains=value) | Q(short_name__icontains=value) | Q(pic=value)
        )
