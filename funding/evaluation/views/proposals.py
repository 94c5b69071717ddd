"""The programme managers' screen for one proposal's evaluation and its steps: admissibility
and eligibility, experts, start, rapporteur, consensus, panel priority, decision."""

from django import forms
from django.contrib import messages
from django.db.models import (
    Prefetch,
)
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cooperation.models import User
from core.sites import site_url
from core.views import RuleRequiredMixin
from funding.evaluation.forms import (
    AssignForm,
    CheckForm,
    DecisionForm,
    PriorityForm,
    RapporteurForm,
    ReasonForm,
    RedressDecisionForm,
)
from funding.evaluation.guards import snapshot_problems
from funding.evaluation.models import (
    Assignment,
    ConsensusStatus,
    IndividualScore,
    RedressOutcome,
    RedressRequest,
)
from funding.evaluation.permissions import can_manage_evaluation
from funding.evaluation.services import assignments as services
from funding.evaluation.services import results
from funding.evaluation.services.redress import redress_request_decide
from funding.evaluation.snapshot import last_submission
from funding.models import Proposal
from funding.proposals.attachments import attachment_response
from funding.proposals.lifecycle import proposal_transition
from funding.proposals.services import ProposalError
from funding.proposals.snapshots import submission_file, submission_files
from funding.proposals.statuses import ProposalAction, ProposalStatus
from funding.proposals.workflow import actions_from


class ManagedProposalMixin(RuleRequiredMixin):
    rule = can_manage_evaluation

    def get_rule_object(self):
        if not hasattr(self, "proposal"):
            self.proposal = get_object_or_404(
                Proposal.objects.select_related("topic__call", "coordinator", "evaluated_version"),
                pk=self.kwargs["pk"],
            )
        return self.proposal


class ProposalView(ManagedProposalMixin, TemplateView):
    """Everything about one proposal's evaluation, with the manager's forms."""

    template_name = "evaluation/proposal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.proposal
        assignments = (
            Assignment.objects.filter(proposal=proposal)
            .select_related("expert", "declaration", "report")
            .prefetch_related(
                Prefetch(
                    "report__scores", queryset=IndividualScore.objects.select_related("criterion")
                )
            )
        )
        consensus = getattr(proposal, "consensus_report", None)
        cleared = User.objects.filter(
            pk__in=Assignment.objects.cleared().filter(proposal=proposal).values("expert")
        )
        actions = actions_from(proposal.status)
        redress_requests = list(
            proposal.redress_requests.select_related("requested_by", "decided_by")
        )
        last = last_submission(proposal)  # the version evaluated
        context.update(
            proposal=proposal,
            assignments=assignments,
            consensus=consensus,
            consensus_scores=consensus.scores.select_related("criterion") if consensus else [],
            missing_approvals=results.missing_approvals(consensus) if consensus else [],
            actions=actions,
            can_check=ProposalAction.ADMIT in actions
            and proposal.topic.deadline_at <= timezone.now(),
            problems=snapshot_problems(proposal)
            if ProposalAction.ADMIT in actions and proposal.submissions.exists()
            else [],
            can_assign=proposal.status in services.ASSIGNABLE,
            suggestions=services.assignment_suggest(proposal=proposal)
            if proposal.status in services.ASSIGNABLE
            else [],
            check_form=CheckForm(),
            assign_form=AssignForm(proposal=proposal)
            if proposal.status in services.ASSIGNABLE
            else None,
            rapporteur_form=RapporteurForm(choices=cleared),
            priority_form=PriorityForm(),
            reason_form=ReasonForm(),
            history=proposal.status_changes.select_related("changed_by"),
            redress_requests=redress_requests,
            open_redress=next((r for r in redress_requests if r.is_open), None),
            redress_form=RedressDecisionForm(),
            submitted_files=submission_files(last) if last else [],
            ProposalAction=ProposalAction,
            ProposalStatus=ProposalStatus,
            ConsensusStatus=ConsensusStatus,
        )
        return context


class ProposalActionView(ProposalView):
    """POST endpoints of the proposal page; each asks one service."""

    step = ""
    # POST only: a GET is refused with 405 (after the access rule), like every other
    # action of the project, rather than answered as if it were the proposal page.
    http_method_names = ["post"]

    def post(self, request, pk):
        proposal, user = self.proposal, request.user
        try:
            message = getattr(self, f"do_{self.step}")(request, proposal, user)
        except ProposalError as error:
            messages.error(request, str(error))
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, message)
        return redirect("evaluation:proposal", pk=pk)

    @staticmethod
    def _valid(form):
        if not form.is_valid():
            raise ValueError(" ".join(e for errors in form.errors.values() for e in errors))
        return form.cleaned_data

    def do_check(self, request, proposal, user):
        data = self._valid(CheckForm(request.POST))
        services.proposal_check_admissibility(proposal=proposal, user=user, **data)
        return _("Decision recorded.")

    def do_assign(self, request, proposal, user):
        data = self._valid(AssignForm(request.POST))
        services.assignment_create(
            proposal=proposal, expert=data["expert"], user=user, site_url=site_url(request)
        )
        return _("%(expert)s is assigned and asked to declare any conflict of interest.") % {
            "expert": data["expert"]
        }

    def do_start(self, request, proposal, user):
        proposal_transition(proposal=proposal, action=ProposalAction.START_EVALUATION, user=user)
        return _("The evaluation has started.")

    def do_rapporteur(self, request, proposal, user):
        cleared = User.objects.filter(
            pk__in=Assignment.objects.cleared().filter(proposal=proposal).values("expert")
        )
        data = self._valid(RapporteurForm(request.POST, choices=cleared))
        results.consensus_appoint_rapporteur(
            proposal=proposal, rapporteur=data["rapporteur"], user=user
        )
        return _("Rapporteur appointed.")

    def do_close(self, request, proposal, user):
        report = getattr(proposal, "consensus_report", None)
        if report is None:
            raise ValueError(_("Appoint a rapporteur first."))
        results.consensus_close(report=report, user=user)
        return _("Consensus report closed.")

    def do_priority(self, request, proposal, user):
        data = self._valid(PriorityForm(request.POST))
        results.panel_priority_set(proposal=proposal, user=user, **data)
        return _("Panel priority recorded.")

    def do_redress(self, request, proposal, user):
        data = self._valid(RedressDecisionForm(request.POST))
        redress = RedressRequest.objects.filter(proposal=proposal, decided_at__isnull=True).first()
        if redress is None:
            raise ValueError(_("This proposal has no open request for an evaluation review."))
        redress_request_decide(redress=redress, user=user, site_url=site_url(request), **data)
        if data["outcome"] == RedressOutcome.UPHELD:
            return _(
                "The request is upheld and the applicant is told. Take the corrective steps "
                "of the evaluation from this page."
            )
        return _("The request is rejected and the applicant is told why.")


DECISIONS = {"yes": True, "no": False}


def _decision_form(data=None, choice=None) -> DecisionForm:
    """The decision form of the confirmation page: the decision is the page's, only the
    reason is asked."""
    form = DecisionForm(data, initial={"select": choice})
    form.fields["select"].widget = forms.HiddenInput()
    return form


class DecideView(ManagedProposalMixin, TemplateView):
    """The funding decision on its own page, for it cannot be undone: the GET
    (`?select=yes` or `no`) says what the decision does, asks the reason and changes
    nothing; its "Yes, …" button posts the decision."""

    template_name = "evaluation/confirm_decision.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        choice = self.request.POST.get("select") or self.request.GET.get("select")
        actions = actions_from(self.proposal.status)
        context.update(
            proposal=self.proposal,
            select=DECISIONS.get(choice),
            form=form or _decision_form(choice=choice),
            can_select=ProposalAction.SELECT in actions,
            can_not_fund=ProposalAction.NOT_FUND in actions,
            from_reserve=self.proposal.status == ProposalStatus.RESERVE_LIST,
        )
        return context

    def post(self, request, pk):
        form = _decision_form(request.POST)
        if form.is_valid():
            try:
                project = results.proposal_decide(
                    proposal=self.proposal, user=request.user, **form.cleaned_data
                )
            except ProposalError as error:
                form.add_error(None, str(error))
            else:
                if project is None:
                    messages.success(request, _("Decision recorded: not funded."))
                else:
                    messages.success(
                        request,
                        _("Selected: project %(grant)s is in grant preparation.")
                        % {"grant": project.grant_number},
                    )
                return redirect("evaluation:proposal", pk=pk)
        return self.render_to_response(self.get_context_data(form=form))


class SubmittedFileView(RuleRequiredMixin, View):
    """A file of the proposal's last submission, the one evaluated, exactly as submitted
    (its SHA-256 checked), whatever the draft holds now."""

    rule = can_manage_evaluation

    def get(self, request, pk, item):
        proposal = get_object_or_404(Proposal, pk=pk)
        submission = last_submission(proposal)
        attachment = submission_file(submission, item) if submission else None
        if attachment is None:
            raise Http404
        return attachment_response(attachment)
