"""The expert area (/expert/): assignments, declarations, the proposal as submitted,
Individual Evaluation Reports and the Consensus Report.

An expert reaches a proposal only through their own cleared assignment (assigned, not
released, declared no conflict): anything else is a 404, attachments included.
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from django_filters.views import FilterView

from core.filters import CountedPaginator, keeps_every_row
from core.views import RuleRequiredMixin
from funding.evaluation.filters import ExpertAssignmentFilter
from funding.evaluation.forms import AvailabilityForm, DeclarationForm, ScoresForm
from funding.evaluation.listing import expert_assignment_rows, expert_assignments
from funding.evaluation.models import (
    Assignment,
    ConsensusReport,
    IndividualReport,
    IndividualScore,
    ReportStatus,
)
from funding.evaluation.permissions import (
    can_approve_consensus,
    can_declare,
    can_draft_consensus,
    can_edit_report,
    can_see_other_reports,
    can_use_expert_area,
)
from funding.evaluation.progress import expert_counts
from funding.evaluation.services import assignments as services
from funding.evaluation.services import results
from funding.evaluation.services.assignments import DECLARATION_STATEMENT
from funding.evaluation.waiting import expert_waiting
from funding.models import AwardCriterion
from funding.proposals.attachments import attachment_response
from funding.proposals.services import ProposalError
from funding.proposals.snapshots import submission_file, submission_files
from funding.proposals.statuses import ProposalStatus


class DashboardView(RuleRequiredMixin, FilterView):
    rule = can_use_expert_area
    template_name = "expert/dashboard.html"
    filterset_class = ExpertAssignmentFilter
    paginate_by = 25
    paginator_class = CountedPaginator
    context_object_name = "assignments"

    def get_queryset(self):
        return expert_assignments(expert=self.request.user)

    def counts(self):
        if not hasattr(self, "_counts"):
            self._counts = expert_counts(expert=self.request.user)
        return self._counts

    def get_paginator(self, queryset, per_page, **kwargs):
        # Unfiltered, the list holds every assignment of the expert, counted already.
        if keeps_every_row(self.filterset):
            kwargs["count"] = self.counts().assigned
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.counts()
        context["assignments"] = expert_assignment_rows(context["assignments"])
        context["pending_declarations"] = counts.to_sign
        context["reports_to_finish"] = counts.to_write
        context["availability_form"] = AvailabilityForm()
        context["waiting"] = expert_waiting(
            user=self.request.user, to_sign=counts.to_sign, to_write=counts.to_write
        )
        return context


class AvailabilityView(RuleRequiredMixin, FormView):
    rule = can_use_expert_area
    form_class = AvailabilityForm
    template_name = "expert/availability.html"

    def form_valid(self, form):
        services.expert_set_availability(expert=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Your availability is recorded."))
        return redirect("expert:dashboard")


class DeclareView(RuleRequiredMixin, FormView):
    rule = can_declare
    form_class = DeclarationForm
    template_name = "expert/declare.html"

    def get_rule_object(self):
        if not hasattr(self, "assignment"):
            scope = Assignment.objects.active().filter(expert=self.request.user)
            self.assignment = get_object_or_404(
                scope.select_related("proposal__topic__call"), pk=self.kwargs["pk"]
            )
            if hasattr(self.assignment, "declaration"):
                raise Http404
        return self.assignment

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "assignment": self.assignment,
            "proposal": self.assignment.proposal,
            "statement": DECLARATION_STATEMENT,
        }

    def form_valid(self, form):
        try:
            declaration = services.declaration_sign(
                assignment=self.assignment, user=self.request.user, **form.cleaned_data
            )
        except ProposalError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if declaration.has_conflict:
            messages.info(
                self.request,
                _("Your conflict is recorded; you are released and the programme manager is told."),
            )
            return redirect("expert:dashboard")
        if declaration.assignment.proposal.status == ProposalStatus.UNDER_EVALUATION:
            messages.success(
                self.request, _("Declaration signed. You can now read and score the proposal.")
            )
        else:
            messages.success(
                self.request,
                _(
                    "Declaration signed. You can now read the proposal; scoring opens when its "
                    "%(n)s experts have declared no conflict of interest."
                )
                % {"n": self.assignment.proposal.topic.experts_per_proposal},
            )
        return redirect("expert:proposal", pk=self.assignment.pk)


class AssignmentMixin(RuleRequiredMixin):
    """The expert's own cleared assignment, or 404."""

    rule = can_use_expert_area

    def get_rule_object(self):
        if not hasattr(self, "assignment"):
            scope = Assignment.objects.cleared().filter(expert=self.request.user)
            self.assignment = get_object_or_404(
                scope.select_related(
                    "proposal__topic", "proposal__evaluated_version__submission", "report"
                ),
                pk=self.kwargs["pk"],
            )
            self.proposal = self.assignment.proposal
        return self.assignment

    def criteria(self):
        return list(
            AwardCriterion.objects.filter(topic_id=self.proposal.topic_id).order_by(
                "position", "pk"
            )
        )

    def submission(self):
        version = getattr(self.proposal, "evaluated_version", None)
        if version is None:
            raise Http404
        return version.submission

    def snapshot(self) -> dict:
        return self.submission().snapshot

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "assignment": self.assignment,
            "proposal": self.proposal,
            "report": getattr(self.assignment, "report", None),
        }


class ProposalView(AssignmentMixin, TemplateView):
    template_name = "expert/proposal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            snapshot=self.snapshot(),
            attachments=submission_files(self.submission()),
            others_visible=can_see_other_reports(self.request.user, self.assignment).allowed,
        )
        return context


class AttachmentDownloadView(AssignmentMixin, View):
    """A file of the evaluated submission, exactly as submitted (its SHA-256 checked),
    even if the applicant replaced or removed it in the draft since."""

    def get(self, request, *args, **kwargs):
        attachment = submission_file(self.submission(), kwargs["item"])
        if attachment is None:
            raise Http404
        return attachment_response(attachment)


def _scores_initial(rows) -> dict:
    return {row.criterion_id: (row.score, row.comment) for row in rows}


class ReportView(AssignmentMixin, FormView):
    template_name = "expert/report.html"

    def get_form(self, form_class=None):
        report = getattr(self.assignment, "report", None)
        initial = _scores_initial(report.scores.all()) if report else {}
        return ScoresForm(
            self.request.POST or None,
            criteria=self.criteria(),
            step=self.proposal.topic.score_step,
            initial_scores=initial,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = context["report"]
        context["locked"] = report is not None and not can_edit_report(self.request.user, report)
        return context

    def form_valid(self, form):
        submit = "submit" in self.request.POST
        try:
            services.report_save(
                assignment=self.assignment,
                user=self.request.user,
                entries=form.entries(),
                submit=submit,
            )
        except ProposalError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your report is submitted and locked.") if submit else _("Draft saved."),
        )
        return redirect("expert:report", pk=self.assignment.pk)


class OtherReportsView(AssignmentMixin, TemplateView):
    template_name = "expert/reports.html"

    def get_rule_object(self):
        assignment = super().get_rule_object()
        verdict = can_see_other_reports(self.request.user, assignment)
        if not verdict:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(verdict.reason)
        return assignment

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = (
            IndividualReport.objects.filter(
                assignment__in=Assignment.objects.cleared().filter(proposal=self.proposal),
                status=ReportStatus.SUBMITTED,
            )
            .exclude(assignment=self.assignment)
            .select_related("assignment__expert")
            .prefetch_related(
                Prefetch("scores", queryset=IndividualScore.objects.select_related("criterion"))
            )
        )
        return context


class ConsensusView(AssignmentMixin, FormView):
    template_name = "expert/consensus.html"

    def get_consensus(self):
        if not hasattr(self, "consensus"):
            self.consensus = get_object_or_404(
                ConsensusReport.objects.select_related("rapporteur"), proposal=self.proposal
            )
        return self.consensus

    def get_form(self, form_class=None):
        report = self.get_consensus()
        return ScoresForm(
            self.request.POST or None,
            criteria=self.criteria(),
            step=self.proposal.topic.score_step,
            initial_scores=_scores_initial(report.scores.all()),
            with_minority=True,
            initial={"minority_views": report.minority_views},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_consensus()
        user = self.request.user
        context.update(
            consensus=report,
            can_draft=can_draft_consensus(user, report).allowed,
            can_approve=can_approve_consensus(user, report).allowed,
            approved=report.approvals.filter(expert=user).exists(),
            approvals=report.approvals.select_related("expert"),
            scores=report.scores.select_related("criterion"),
        )
        return context

    def post(self, request, *args, **kwargs):
        report = self.get_consensus()
        if "approve" in request.POST:
            try:
                results.consensus_approve(report=report, user=request.user)
            except ProposalError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("You approved the consensus report."))
            return redirect("expert:consensus", pk=self.assignment.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            results.consensus_save(
                report=self.get_consensus(),
                user=self.request.user,
                entries=form.entries(),
                minority_views=form.cleaned_data.get("minority_views", ""),
            )
        except ProposalError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Consensus report saved; the other experts can approve it.")
        )
        return redirect("expert:consensus", pk=self.assignment.pk)
