"""The staff audit page: who changed which status, when, from what, to what and why."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from audit.trail import KIND_CHOICES, audit_trail, can_view_audit, status_label
from core.views import RuleRequiredMixin


class AuditListView(RuleRequiredMixin, TemplateView):
    rule = can_view_audit
    template_name = "cooperation/audit_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        form, rows = audit_trail(user=self.request.user, data=self.request.GET)
        page = Paginator(rows, self.paginate_by).get_page(self.request.GET.get("page"))
        entries = [
            {
                **row,
                "from_label": status_label(row["source"], row["from_value"]),
                "to_label": status_label(row["source"], row["to_value"]),
                "kind_label": dict(KIND_CHOICES)[row["source"]],
            }
            for row in page.object_list
        ]
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "page_obj": page,
            "entries": entries,
        }
