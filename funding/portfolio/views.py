"""Staff screens of the funded portfolio: list, dashboard, project detail, exports."""

import tempfile

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView, View
from django_filters.views import FilterView

from cooperation.forum.models.workstreams import StrategyInitiative
from core.files import XLSX_CONTENT_TYPE, private_file_response
from core.filters import filtered
from core.views import RuleRequiredMixin
from funding.portfolio.checklist import deadline_slipped, grant_checklist, grant_deadline
from funding.portfolio.dashboard import dashboard_figures
from funding.portfolio.export_jobs import export_job_request
from funding.portfolio.filters import PortfolioFilter, describe_filters, filtered_portfolio
from funding.portfolio.initiatives import project_initiative_served
from funding.portfolio.models.amendments import Amendment
from funding.portfolio.models.export_jobs import ExportJob, ExportJobStatus
from funding.portfolio.models.projects import (
    FundedProject,
    Participant,
    ProjectStatus,
    ProjectStatusChange,
)
from funding.portfolio.permissions import (
    can_change_project_status,
    can_download_export,
    can_follow_exports,
    can_view_portfolio,
)
from funding.portfolio.reserve import failed_preparation
from funding.portfolio.services import TransitionRefused, project_change_status
from funding.portfolio.timeline import project_timeline
from funding.portfolio.workbook import write_portfolio_workbook
from funding.portfolio.workflow import transitions_from

PAGE_SIZE = 25


class PortfolioListView(RuleRequiredMixin, FilterView):
    rule = can_view_portfolio
    filterset_class = PortfolioFilter
    template_name = "funding/portfolio_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "projects"

    def get_queryset(self):
        return FundedProject.objects.for_list(today=timezone.localdate())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class PortfolioDashboardView(RuleRequiredMixin, TemplateView):
    rule = can_view_portfolio
    template_name = "funding/portfolio_dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = filtered_portfolio(self.request.GET, today=timezone.localdate())
        figures = dashboard_figures(filtered(filterset))
        context.update(
            filter=filterset,
            query=self.request.GET.urlencode(),
            totals=figures.totals,
            by_programme=figures.by_programme,
            by_year=figures.by_year,
            by_health=figures.by_health,
        )
        return context


class ProjectDetailView(RuleRequiredMixin, DetailView):
    rule = can_view_portfolio
    template_name = "funding/portfolio_detail.html"
    context_object_name = "project"
    slug_field = slug_url_kwarg = "grant_number"

    def get_queryset(self):
        participants = Participant.objects.select_related("organisation", "account")
        amendments = Amendment.objects.select_related(
            "from_participant__organisation", "to_participant__organisation", "organisation"
        )
        return (
            FundedProject.objects.for_table(today=timezone.localdate())
            .with_delivery_figures(today=timezone.localdate())
            .select_related("grant_preparation__description_attached_by")
            .prefetch_related(
                Prefetch("participants", queryset=participants),
                Prefetch("amendments", queryset=amendments),
                "deliverables",
                "milestones",
                "reporting_periods",
                "payments",
                Prefetch(
                    "status_changes",
                    queryset=ProjectStatusChange.objects.select_related("changed_by"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project, today = self.object, timezone.localdate()
        context["today"] = today
        context["timeline"] = project_timeline(project, today=today)
        context["status_form"] = StatusChangeForm(project=project)
        context["checklist"] = grant_checklist(project)
        context["deadline"] = grant_deadline(project)
        context["slipped"] = project.status == ProjectStatus.GRANT_PREPARATION and deadline_slipped(
            project, today
        )
        context["failed"] = failed_preparation(project)
        served = project_initiative_served(project)
        context["initiative"] = StrategyInitiative(served).label if served else None
        return context


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("New status"))
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required to suspend, resume or terminate."),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (t.target, t.label) for t in transitions_from(project.status)
        ]


class ProjectStatusView(RuleRequiredMixin, View):
    rule = can_change_project_status
    http_method_names = ["post"]

    def post(self, request, grant_number):
        project = get_object_or_404(FundedProject, grant_number=grant_number)
        form = StatusChangeForm(request.POST, project=project)
        if not form.is_valid():
            messages.error(request, _("Choose one of the changes offered."))
        else:
            try:
                project_change_status(
                    project=project,
                    to_status=form.cleaned_data["to_status"],
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except TransitionRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(
                    request,
                    _("The project is now “%(status)s”.")
                    % {"status": project.get_status_display()},
                )
        return redirect("portfolio:detail", grant_number=project.grant_number)


class PortfolioExportView(RuleRequiredMixin, View):
    """The filtered list as a workbook: same FilterSet, same GET parameters. Large
    selections become a background job."""

    rule = can_view_portfolio

    def get(self, request):
        today = timezone.localdate()
        filterset = filtered_portfolio(request.GET, today=today)
        projects = filtered(filterset)
        count = projects.count()
        if count > settings.PORTFOLIO_EXPORT_ASYNC_ROWS:
            job = export_job_request(
                user=request.user, query=request.GET.urlencode(), row_count=count
            )
            return redirect("portfolio:export_job", pk=job.pk)
        scratch = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
        write_portfolio_workbook(
            projects, scratch, today=today, filters_text=describe_filters(filterset)
        )
        scratch.seek(0)
        return FileResponse(
            scratch,
            as_attachment=True,
            filename=f"portfolio-{today.isoformat()}.xlsx",
            content_type=XLSX_CONTENT_TYPE,
        )


class ExportJobMixin(RuleRequiredMixin):
    rule = can_follow_exports

    def get_job(self):
        job = ExportJob.objects.filter(pk=self.kwargs["pk"]).first()
        if job is None or not can_download_export(self.request.user, job):
            raise Http404(_("No such export."))
        return job


class ExportJobView(ExportJobMixin, TemplateView):
    template_name = "funding/export_job.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.get_job()
        context["job"] = job
        context["finished"] = job.status in (ExportJobStatus.DONE, ExportJobStatus.FAILED)
        if job.status == ExportJobStatus.DONE:
            context["download_url"] = reverse("portfolio:export_download", args=[job.pk])
        return context


class ExportDownloadView(ExportJobMixin, View):
    def get(self, request, pk):
        job = self.get_job()
        if job.status != ExportJobStatus.DONE or not job.file:
            raise Http404(_("This export is not ready."))
        return private_file_response(job.file, content_type=XLSX_CONTENT_TYPE)
