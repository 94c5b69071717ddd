"""Bulk assignment of a topic's proposals (/staff/evaluation/topics/<pk>/bulk-assign/):
the GET previews the proposed assignment and changes nothing; its "Yes, …" button posts
the previewed pairs, which are made all or none."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from core.sites import site_url
from funding.evaluation.forms import BulkAssignForm
from funding.evaluation.services.assignments import EvaluationError
from funding.evaluation.services.bulk_assignments import assignment_plan, assignments_create_bulk
from funding.evaluation.views.topics import TopicMixin


class BulkAssignView(TopicMixin, TemplateView):
    template_name = "evaluation/bulk_assign.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = assignment_plan(topic=self.topic)
        context.update(
            topic=self.topic,
            plan=plan,
            form=kwargs.get("form") or BulkAssignForm(initial={"pairs": plan.pairs}),
        )
        return context

    def post(self, request, pk):
        form = BulkAssignForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The preview could not be read; look at it again."))
            return redirect("evaluation:bulk_assign", pk=pk)
        try:
            made = assignments_create_bulk(
                topic=self.topic,
                user=request.user,
                pairs=form.cleaned_data["pairs"],
                site_url=site_url(request),
            )
        except EvaluationError as error:
            messages.error(request, str(error))
            return redirect("evaluation:bulk_assign", pk=pk)
        messages.success(
            request,
            ngettext(
                "%(n)s assignment made; the expert is e-mailed.",
                "%(n)s assignments made; each expert is e-mailed.",
                len(made),
            )
            % {"n": len(made)},
        )
        return redirect("evaluation:topic", pk=pk)
