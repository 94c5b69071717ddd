"""The applicant's side of the results: the Evaluation Summary Report page, once the topic's
results are published, and the request for an evaluation review (redress)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from funding.evaluation.forms import RedressRequestForm
from funding.evaluation.permissions import can_request_redress, redress_window
from funding.evaluation.services.assignments import EvaluationError
from funding.evaluation.services.redress import redress_request_create
from funding.evaluation.summary import published_summary
from funding.proposals.views.dashboard import ProposalMixin


class SummaryView(ProposalMixin, TemplateView):
    template_name = "evaluation/summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = published_summary(self.proposal)
        if summary is None:
            raise Http404
        context["summary"] = summary
        context["redress_verdict"] = can_request_redress(self.request.user, self.proposal)
        return context


class RedressRequestView(ProposalMixin, FormView):
    """The request form, with what a review covers. Anyone who may see the proposal reads
    the page; the form is offered, and a request accepted, only when the rule allows it:
    otherwise the page says why in plain words."""

    template_name = "evaluation/redress_request.html"
    form_class = RedressRequestForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        window = redress_window(self.proposal)
        context.update(
            verdict=can_request_redress(self.request.user, self.proposal),
            closes_at=window[1] if window else None,
            requests=self.proposal.redress_requests.select_related("decided_by"),
        )
        return context

    def form_valid(self, form):
        try:
            redress_request_create(
                proposal=self.proposal, user=self.request.user, **form.cleaned_data
            )
        except EvaluationError as error:
            form.add_error(None, str(error))
            response = self.form_invalid(form)
            response.status_code = 403
            return response
        messages.success(
            self.request,
            _(
                "Your request for an evaluation review is recorded. The programme manager "
                "will answer it on the proposal's page and by e-mail."
            ),
        )
        return redirect("applicant:proposal", pk=self.proposal.pk)
