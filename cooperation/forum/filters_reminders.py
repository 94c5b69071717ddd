import django_filters
from django.utils.translation import gettext_lazy as _

from cooperation.models import Stakeholder
from core.filters import YesNoFilter


class OwnerReminderFilter(django_filters.FilterSet):
    """The owners of commitments on the reminders page."""

    q = django_filters.CharFilter(
        label=_("Name contains"), field_name="organisation__legal_name", lookup_expr="icontains"
    )
    has_contact = YesNoFilter(label=_("Has a contact person"))

    class Meta:
        model = Stakeholder
        fields = []
