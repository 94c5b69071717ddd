"""The applicant's Evaluation Summary Report page, once the topic's results are published."""

from django.http import Http404
from django.views.generic import TemplateView

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
        return context
