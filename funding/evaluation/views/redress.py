"""The programme managers' list of evaluation review (redress) requests. A request is
decided on the proposal's evaluation page (funding.evaluation.views.proposals)."""

from django_filters.views import FilterView

from core.views import RuleRequiredMixin
from funding.evaluation.filters import RedressFilter
from funding.evaluation.models import RedressRequest
from funding.evaluation.permissions import can_manage_evaluation

PAGE_SIZE = 25


class RedressListView(RuleRequiredMixin, FilterView):
    rule = can_manage_evaluation
    template_name = "evaluation/redress_list.html"
    filterset_class = RedressFilter
    paginate_by = PAGE_SIZE
    context_object_name = "requests"

    def get_queryset(self):
        return RedressRequest.objects.select_related(
            "proposal__topic", "proposal__coordinator", "requested_by", "decided_by"
        ).order_by("requested_at", "pk")
