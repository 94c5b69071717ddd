"""The secretariat's view of the reminders (/forum/reminders/): the owners with something
due or overdue whom nobody can be told about, and when each owner was last reminded."""

from django.utils import timezone
from django_filters.views import FilterView

from cooperation.forum.filters_reminders import OwnerReminderFilter
from cooperation.forum.permissions import can_use_forum
from cooperation.forum.reminders import (
    REMINDER_HORIZON_DAYS,
    owners_due_without_contact,
    owners_for_reminders,
)
from core.views import RuleRequiredMixin


class RemindersView(RuleRequiredMixin, FilterView):
    rule = can_use_forum
    template_name = "cooperation/forum_reminders.html"
    filterset_class = OwnerReminderFilter
    context_object_name = "owners"
    paginate_by = 50

    def get_queryset(self):
        return owners_for_reminders()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            unreachable=owners_due_without_contact(today=timezone.localdate()),
            horizon_days=REMINDER_HORIZON_DAYS,
            **kwargs,
        )
