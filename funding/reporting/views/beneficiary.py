"""The beneficiaries' area: their projects, each with its status, timeline, payments,
deliverables and periodic reports, and the forms that submit a new version.

What a user may see is `projects_of(user)`: any other project answers 404, so a member of
another organisation never learns it exists, nor gets a file of it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from core.views import RuleRequiredMixin
from funding.portfolio.timeline import project_timeline
from funding.reporting.filters import BeneficiaryProjectFilter
from funding.reporting.forms import DeliverableSubmitForm, ReportSubmitForm
from funding.reporting.models import (
    COST_FIELDS,
    REPORTING_ROLES,
    DeliverableSubmission,
    PeriodicReport,
)
from funding.reporting.permissions import (
    can_download_version,
    can_use_project_area,
    can_view_project,
    organisation_ids,
)
from funding.reporting.selectors import (
    deliverable_views,
    for_beneficiary_list,
    period_views,
    project_for_workspace,
    projects_of,
)
from funding.reporting.services import ReportingRefused, deliverable_submit, report_submit
from funding.reporting.versions import version_response


class ProjectListView(RuleRequiredMixin, FilterView):
    rule = can_use_project_area
    filterset_class = BeneficiaryProjectFilter
    template_name = "applicant/projects.html"
    paginate_by = 20
    context_object_name = "projects"

    def get_queryset(self):
        return for_beneficiary_list(projects_of(self.request.user)).order_by(
            "-start_date", "acronym"
        )


class ProjectMixin(RuleRequiredMixin):
    """The project of the URL, among the user's own; 404 otherwise."""

    rule = can_use_project_area

    def get_project(self, queryset=None):
        if not hasattr(self, "_project"):
            queryset = queryset if queryset is not None else projects_of(self.request.user)
            project = queryset.filter(grant_number=self.kwargs["grant_number"]).first()
            if project is None or not can_view_project(self.request.user, project):
                raise Http404(_("No such project among yours."))
            self._project = project
        return self._project


class ProjectView(ProjectMixin, TemplateView):
    template_name = "applicant/project.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.get_project(project_for_workspace(projects_of(self.request.user)))
        today = timezone.localdate()
        context.update(
            project=project,
            today=today,
            timeline=project_timeline(project, today=today),
            deliverables=deliverable_views(project),
            periods=period_views(
                project, organisation_ids=organisation_ids(self.request.user), today=today
            ),
            payments=list(project.payments.all()),
            paid=sum((payment.amount for payment in project.payments.all()), 0),
        )
        return context


class DeliverableSubmitView(ProjectMixin, TemplateView):
    template_name = "applicant/deliverable_submit.html"

    def get_deliverable(self):
        project = self.get_project()
        return get_object_or_404(project.deliverables, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deliverable = self.get_deliverable()
        context.setdefault("form", DeliverableSubmitForm())
        context.update(
            project=self.get_project(),
            deliverable=deliverable,
            versions=deliverable.submissions.select_related("submitted_by").prefetch_related(
                "decisions__changed_by"
            ),
        )
        return context

    def post(self, request, **kwargs):
        deliverable = self.get_deliverable()
        form = DeliverableSubmitForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                submission = deliverable_submit(
                    deliverable=deliverable,
                    user=request.user,
                    upload=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except ReportingRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("Version %(version)s of %(code)s is submitted for review.")
                    % {"version": submission.version, "code": deliverable.code},
                )
                return redirect("projects:detail", grant_number=deliverable.project.grant_number)
        return self.render_to_response(self.get_context_data(form=form))


class ReportSubmitView(ProjectMixin, TemplateView):
    template_name = "applicant/report_submit.html"

    def get_period(self):
        project = self.get_project()
        return get_object_or_404(project.reporting_periods, number=self.kwargs["number"])

    def participants(self):
        return (
            self.get_project()
            .participants.filter(
                organisation__in=organisation_ids(self.request.user), role__in=REPORTING_ROLES
            )
            .select_related("organisation")
        )

    def _initial(self, participants):
        """A resubmission starts from the last version's figures."""
        last = (
            PeriodicReport.objects.filter(period=self.get_period(), participant__in=participants)
            .order_by("-version")
            .first()
        )
        if last is None:
            return {}
        return {"participant": last.participant_id, **{n: getattr(last, n) for n in COST_FIELDS}}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period, participants = self.get_period(), self.participants()
        if "form" not in context:
            context["form"] = ReportSubmitForm(
                participants=participants, initial=self._initial(participants)
            )
        context.update(
            project=self.get_project(),
            period=period,
            versions=PeriodicReport.objects.filter(period=period, participant__in=participants)
            .select_related("submitted_by", "participant__organisation")
            .prefetch_related("decisions__changed_by")
            .order_by("participant", "version"),
        )
        return context

    def post(self, request, **kwargs):
        period = self.get_period()
        form = ReportSubmitForm(request.POST, request.FILES, participants=self.participants())
        if form.is_valid():
            try:
                report = report_submit(
                    period=period,
                    participant=form.cleaned_data["participant"],
                    user=request.user,
                    upload=form.cleaned_data["file"],
                    costs=form.costs(),
                    note=form.cleaned_data["note"],
                )
            except ReportingRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("Version %(version)s of your report for period %(number)s is submitted.")
                    % {"version": report.version, "number": period.number},
                )
                return redirect("projects:detail", grant_number=period.project.grant_number)
        return self.render_to_response(self.get_context_data(form=form))


class VersionFileView(ProjectMixin, View):
    """A submitted file of the user's project, checked against its recorded SHA-256."""

    model = DeliverableSubmission

    def get(self, request, **kwargs):
        project = self.get_project()
        if self.model is DeliverableSubmission:
            scope = {"deliverable__project": project}
        else:
            scope = {"period__project": project}
        version = get_object_or_404(self.model, pk=self.kwargs["pk"], **scope)
        if not can_download_version(request.user, project):
            raise Http404(_("No such file."))
        return version_response(version)
