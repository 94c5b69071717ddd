"""The applicant area: dashboard, starting a proposal, its overview, the check,
submission, reopening, withdrawal and receipts. The sections are in sections.py."""

from collections import Counter

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django.views.generic.base import ContextMixin, TemplateResponseMixin
from django_filters.views import FilterView

from cooperation.models import Organisation
from core.filters import CountedPaginator, keeps_every_row
from core.middleware import received_at
from core.sites import site_url
from core.views import RuleRequiredMixin
from funding.evaluation.permissions import can_request_redress
from funding.models import Call, Partner, Proposal, Topic
from funding.proposals import lifecycle, services
from funding.proposals.applicant_status import (
    STATUS_RANK,
    applicant_status,
    change_shown_to_applicant,
    proposal_applicant_status,
    results_published,
    status_label,
    topics_with_results_published,
    with_results_published,
)
from funding.proposals.budget import proposal_budget
from funding.proposals.eligibility import check_proposal
from funding.proposals.filters import ApplicantProposalFilter
from funding.proposals.forms import StartProposalForm, WithdrawForm
from funding.proposals.permissions import (
    can_act_for_coordinator,
    can_choose_topic,
    can_edit_proposal,
    can_edit_shares,
    can_start_proposal,
    can_use_applicant_area,
    can_view_proposal,
    member_organisation_ids,
    proposal_locked,
)
from funding.proposals.progress import proposal_tasks, tasks_complete
from funding.proposals.snapshots import submission_files
from funding.proposals.statuses import ProposalAction, ProposalStatus
from funding.proposals.workflow import offered_actions


def next_action(proposal, now) -> str:
    """What the applicant should do next, in words; computed without queries."""
    is_open = proposal.topic.is_open(now)
    if proposal.status == ProposalStatus.DRAFT and proposal.submitted_at:
        if is_open:
            return _("Reopened: submit again before the deadline (your last submission stands)")
        return _("Your last submission, made before reopening, will be evaluated")
    if proposal.status == ProposalStatus.DRAFT:
        return _("Complete and submit") if is_open else _("Deadline passed: not submitted")
    if proposal.status == ProposalStatus.SUBMITTED:
        return _("Submitted; you may still reopen it") if is_open else _("Awaiting evaluation")
    return _("Nothing to do now")


class DashboardView(RuleRequiredMixin, FilterView):
    rule = can_use_applicant_area
    template_name = "applicant/dashboard.html"
    filterset_class = ApplicantProposalFilter
    paginate_by = 20
    paginator_class = CountedPaginator
    context_object_name = "proposals"

    def get_queryset(self):
        # The proposals the user may see are read once, with their status and topic: with
        # the topics whose results are published, that gives the counts per status the
        # applicant sees (the rule of applicant_status); the list and its filters then look
        # the proposals up by primary key instead of repeating the union of memberships,
        # coordinators and partners. (The filter set annotates the status for its filter and
        # order.)
        visible = Proposal.objects.visible_to(self.request.user).order_by()
        rows = list(visible.values_list("pk", "status", "topic_id"))
        published = topics_with_results_published({topic for _pk, _status, topic in rows})
        self.status_counts = status_counts(
            Counter(applicant_status(status, topic in published) for _pk, status, topic in rows)
        )
        return Proposal.objects.filter(pk__in=[pk for pk, *_rest in rows]).for_dashboard()

    def get_paginator(self, queryset, per_page, **kwargs):
        # Nothing filtered: the list is every visible proposal, whose number the counts per
        # status already give (no count query).
        if keeps_every_row(self.filterset):
            kwargs["count"] = sum(n for _code, _label, n in self.status_counts)
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        user = self.request.user
        for proposal in context["proposals"]:
            proposal.next_action = next_action(proposal, now)
            if proposal.status == ProposalStatus.DRAFT and not can_act_for_coordinator(
                user, proposal
            ):
                proposal.next_action = _(
                    "A partner's part: fill your organisation's share; the coordinator submits"
                )
            proposal.time_left = proposal.topic.deadline_at - now
        context["has_organisation"] = bool(member_organisation_ids(user))
        context["status_counts"] = self.status_counts
        return context


def status_counts(counts: Counter) -> list[tuple[str, str, int]]:
    """(code, label, number) of the applicant's proposals per status they see, in the order
    of a proposal's life."""
    ordered = sorted(counts, key=lambda code: STATUS_RANK.get(code, len(STATUS_RANK)))
    return [(code, status_label(code), counts[code]) for code in ordered]


class StartProposalView(RuleRequiredMixin, FormView):
    rule = can_start_proposal
    template_name = "applicant/start.html"
    form_class = StartProposalForm

    def get_rule_object(self):
        if not hasattr(self, "topic"):
            identifier = self.request.GET.get("topic", "")
            self.topic = Topic.objects.select_related("call").filter(identifier=identifier).first()
        return self.topic

    def dispatch(self, request, *args, **kwargs):
        # No topic, or one that is not open: offer the open topics rather than a refusal.
        topic = self.get_rule_object()
        if (topic is None or not topic.is_open()) and can_choose_topic(request.user):
            return self.topic_choice(request, asked=topic)
        return super().dispatch(request, *args, **kwargs)

    def topic_choice(self, request, *, asked):
        topics = (
            Topic.objects.open(timezone.now())
            .filter(call__in=Call.objects.published())
            .select_related("call")
            .order_by("deadline_at", "identifier")
        )
        return TemplateResponse(
            request, "applicant/choose_topic.html", {"topics": topics, "asked": asked}
        )

    def get_form_kwargs(self):
        organisations = Organisation.objects.for_user(self.request.user)
        return {**super().get_form_kwargs(), "organisations": organisations}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "topic": self.topic}

    def form_valid(self, form):
        try:
            proposal = services.proposal_create(
                topic=self.topic, user=self.request.user, **form.cleaned_data
            )
        except services.ProposalError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Proposal %(number)s is started. Each section saves on its own.")
            % {"number": proposal.number},
        )
        return redirect("applicant:proposal", pk=proposal.pk)


class ProposalMixin(RuleRequiredMixin):
    """Fetch the proposal through the user's scope (404 outside it), then ask `rule`."""

    rule = can_view_proposal
    # Read with the proposal for the page (its header names them).
    scope_related = ("topic", "topic__call", "coordinator", "updated_by")

    def get_scope(self):
        """The user's proposals, read with what the page shows."""
        return with_results_published(
            Proposal.objects.visible_to(self.request.user).select_related(*self.scope_related)
        )

    def get_rule_object(self):
        if not hasattr(self, "proposal"):
            scope = self.get_scope()
            self.proposal = get_object_or_404(scope, pk=self.kwargs["pk"])
        return self.proposal

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposal"] = self.proposal
        context["can_edit"] = can_edit_proposal(self.request.user, self.proposal).allowed
        context["can_edit_shares"] = can_edit_shares(self.request.user, self.proposal).allowed
        return context


def conflict(form, error: services.ProposalError, proposal) -> None:
    """Keep what the user typed, say why it was not saved, and let them save again on
    the current version if they still want their text."""
    form.add_error(None, str(error))
    if isinstance(error, services.ConflictError):
        form.conflicted = True
        data = form.data.copy()
        data["lock_version"] = Proposal.objects.values_list("lock_version", flat=True).get(
            pk=proposal.pk
        )
        form.data = data


class ProposalDetailView(ProposalMixin, TemplateView):
    template_name = "applicant/proposal.html"
    run_check = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.proposal
        partners = list(
            Partner.objects.filter(proposal=proposal)
            .select_related("organisation")
            .prefetch_related(Prefetch("people"))
        )
        attachments = list(proposal.attachments.all())
        budget = proposal_budget(proposal, partners)
        now = timezone.now()
        problems = check_proposal(proposal, partners=partners, attachments=attachments)
        tasks = proposal_tasks(
            proposal, partners=partners, attachments=attachments, problems=problems
        )
        context.update(
            tasks=tasks,
            tasks_complete=tasks_complete(tasks),
            partners=partners,
            budget=budget,
            budget_rows=list(zip(partners, budget.partners, strict=True)),
            attachments=attachments,
            submissions=list(proposal.submissions.order_by("-number")),
            history=applicant_history(proposal),
            topic_open=proposal.topic.is_open(now),
            next_action=next_action(proposal, now),
            coordinator_member=can_act_for_coordinator(self.request.user, proposal).allowed,
            # Locked, every section is a read-only page of what was submitted.
            locked=proposal_locked(proposal),
            # The buttons of the status the applicant sees: a proposal rejected before
            # publication offers what any proposal under evaluation offers.
            actions=offered_actions(proposal),
            redress_requests=list(
                proposal.redress_requests.select_related("requested_by", "decided_by")
            ),
            redress_verdict=can_request_redress(self.request.user, proposal),
            ProposalAction=ProposalAction,
        )
        if self.run_check:
            context["problems"] = problems
            context["checked"] = True
        return context


def applicant_history(proposal) -> list:
    """The history rows the applicant sees, each with the statuses as the applicant saw
    them (`from_label`, `to_label`): before publication a withdrawal from the main list
    reads "Under evaluation → Withdrawn"."""
    published = results_published(proposal)
    rows = []
    for change in proposal.status_changes.select_related("changed_by"):
        if not change_shown_to_applicant(change, published):
            continue
        change.from_label = status_label(applicant_status(change.from_status, published))
        change.to_label = status_label(applicant_status(change.to_status, published))
        rows.append(change)
    return rows


class TransitionView(ProposalMixin, View):
    """POST only: submit, reopen or withdraw. A refusal changes nothing and says why."""

    rule = can_act_for_coordinator
    action = ""

    def get_scope(self):
        # A status change answers with a redirect: the workflow reads the proposal and its
        # topic again under the row lock, so the POST reads the proposal alone here (the
        # status an applicant sees is read, if a refusal needs it, by
        # proposal_applicant_status).
        if self.request.method == "POST":
            return Proposal.objects.visible_to(self.request.user)
        return super().get_scope()

    def post(self, request, *args, **kwargs):
        # Submitting and reopening are bound to the deadline: they are judged by the instant
        # the request arrived, however long it then waits for the proposal's row lock.
        arrived = received_at(request)
        try:
            if self.action == ProposalAction.SUBMIT:
                submission = lifecycle.proposal_submit(
                    proposal=self.proposal,
                    user=request.user,
                    now=arrived,
                    site_url=site_url(request),
                )
                messages.success(request, _("Your proposal is submitted. A receipt is on its way."))
                return redirect("applicant:receipt", pk=self.proposal.pk, number=submission.number)
            if self.action == ProposalAction.REOPEN:
                lifecycle.proposal_reopen(proposal=self.proposal, user=request.user, now=arrived)
                messages.success(
                    request,
                    _(
                        "The proposal is open for changes. Submit it again before the deadline: "
                        "until you do, your last submission stands."
                    ),
                )
            else:
                form = WithdrawForm(request.POST)
                if not form.is_valid():
                    return self.reason_missing(form)
                lifecycle.proposal_withdraw(
                    proposal=self.proposal,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The proposal is withdrawn."))
        except lifecycle.ProposalTransitionRefused as refusal:
            messages.error(request, applicant_refusal(self.proposal, refusal))
        except services.ProposalError as error:
            messages.error(request, str(error))
        return redirect("applicant:proposal", pk=self.proposal.pk)

    def reason_missing(self, form):
        raise services.ProposalError(_("Please give a reason for withdrawing."))


class ConfirmedTransitionView(TransitionView, TemplateResponseMixin, ContextMixin):
    """Submitting and withdrawing cannot be undone: their GET is a confirmation page that
    says what will happen, checks what it can and changes nothing; its "Yes, …" button
    posts the action."""

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, withdraw_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal, now = self.proposal, timezone.now()
        # Judged on the status the applicant sees, as the proposal page offers it.
        possible = self.action in offered_actions(proposal)
        if self.action == ProposalAction.SUBMIT:
            possible = possible and proposal.topic.is_open(now)
            context["problems"] = check_proposal(proposal) if possible else []
        context.update(possible=possible, withdraw_form=withdraw_form or WithdrawForm())
        return context

    def reason_missing(self, form):
        """The reason is asked on the confirmation page: ask it there again."""
        form.add_error(None, _("Please give a reason for withdrawing."))
        return self.render_to_response(self.get_context_data(withdraw_form=form))


def applicant_refusal(proposal, refusal) -> str:
    """A refused status change in words that name no status the applicant cannot see
    yet (the workflow's own refusal would say "a proposal that is rejected…")."""
    if proposal_applicant_status(proposal) != proposal.status:
        return _("This is not possible at this stage of the evaluation.")
    return str(refusal)


class ReceiptView(ProposalMixin, TemplateView):
    template_name = "applicant/receipt.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.proposal.submissions.filter(number=self.kwargs["number"]).first()
        if submission is None:
            raise Http404(_("No such submission."))
        context["submission"] = submission
        context["files"] = submission_files(submission)
        return context
