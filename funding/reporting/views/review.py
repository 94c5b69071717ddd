"""The programme managers' review, in the staff portfolio: what waits for review, and one
version with its file, its history and the decision form (accept, or request changes with
a reason)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from core.views import RuleRequiredMixin
from funding.reporting.filters import DeliverableReviewFilter, ReportReviewFilter
from funding.reporting.forms import ReviewForm
from funding.reporting.models import DeliverableSubmission, PeriodicReport, ReviewStatus
from funding.reporting.permissions import can_review
from funding.reporting.selectors import review_queue
from funding.reporting.services import ReportingRefused, deliverable_review, report_review
from funding.reporting.versions import version_response

PAGE_SIZE = 25


class ReviewListView(RuleRequiredMixin, FilterView):
    """One list per kind of version; without a filter, what waits for review."""

    rule = can_review
    model = DeliverableSubmission
    paginate_by = PAGE_SIZE
    context_object_name = "versions"

    def get_filterset_class(self):
        return (
            DeliverableReviewFilter if self.model is DeliverableSubmission else ReportReviewFilter
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not self.request.GET:
            kwargs["data"] = {"status": ReviewStatus.SUBMITTED}
        return kwargs

    def get_queryset(self):
        return review_queue(self.model)

    def get_template_names(self):
        if self.model is DeliverableSubmission:
            return ["funding/review_deliverables.html"]
        return ["funding/review_reports.html"]


class ReviewView(RuleRequiredMixin, TemplateView):
    """One version: GET shows it, POST decides."""

    rule = can_review
    model = DeliverableSubmission
    template_name = "funding/review_version.html"

    def get_version(self):
        return get_object_or_404(review_queue(self.model), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.get_version()
        if self.model is DeliverableSubmission:
            project, siblings = version.deliverable.project, version.deliverable.submissions
            file_url = "portfolio:review_deliverable_file"
        else:
            project = version.period.project
            siblings = PeriodicReport.objects.filter(
                period=version.period_id, participant=version.participant_id
            )
            file_url = "portfolio:review_report_file"
        context.setdefault("form", ReviewForm())
        context.update(
            version=version,
            project=project,
            is_report=self.model is PeriodicReport,
            file_url=file_url,
            siblings=siblings.select_related("submitted_by")
            .prefetch_related("decisions__changed_by")
            .order_by("version"),
            reviewable=version.status == ReviewStatus.SUBMITTED,
        )
        return context

    def post(self, request, **kwargs):
        version = self.get_version()
        form = ReviewForm(request.POST)
        if form.is_valid():
            review = deliverable_review if self.model is DeliverableSubmission else report_review
            target = "submission" if self.model is DeliverableSubmission else "report"
            try:
                decision = review(
                    **{target: version},
                    user=request.user,
                    action=form.cleaned_data["action"],
                    reason=form.cleaned_data["reason"],
                )
            except ReportingRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("Version %(version)s is now “%(status)s”.")
                    % {
                        "version": version.version,
                        "status": ReviewStatus(decision.to_status).label,
                    },
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


class ReviewFileView(RuleRequiredMixin, View):
    rule = can_review
    model = DeliverableSubmission

    def get(self, request, **kwargs):
        return version_response(get_object_or_404(self.model, pk=self.kwargs["pk"]))
