"""Staff screens of a project's payments and amendments, and the portfolio-wide lists of
participants and payments (filterable, paginated, a fixed number of queries)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters.views import FilterView

from core.display import show_euros
from core.views import RuleRequiredMixin
from funding.portfolio.amendments import AmendmentError, amendment_decide, amendment_request
from funding.portfolio.filters_records import ParticipantFilter, PaymentFilter
from funding.portfolio.forms_grants import (
    AmendmentDecisionForm,
    AmendmentRequestForm,
    PaymentRecordForm,
)
from funding.portfolio.models.amendments import Amendment, AmendmentStatus
from funding.portfolio.models.delivery import Payment
from funding.portfolio.models.projects import Participant
from funding.portfolio.payments import PaymentRefused, payment_record, payment_suggestions
from funding.portfolio.permissions import (
    can_handle_amendment,
    can_record_payment,
    can_view_portfolio,
)
from funding.portfolio.views import PAGE_SIZE
from funding.portfolio.views_preparation import ProjectMixin, add_service_error


class PaymentsView(ProjectMixin, TemplateView):
    """A project's payments, the suggestion for each kind with its computation, and the
    form that records one."""

    rule = can_record_payment
    template_name = "funding/project_payments.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.project
        payments = list(project.payments.select_related("recorded_by"))
        suggestions = payment_suggestions(project, payments)
        context.update(
            project=project,
            payments=payments,
            paid=sum((p.amount for p in payments), 0),
            suggestions=list(suggestions.values()),
            form=form or PaymentRecordForm(),
        )
        return context

    def post(self, request, grant_number):
        form = PaymentRecordForm(request.POST)
        if form.is_valid():
            try:
                payment = payment_record(
                    project=self.project, user=request.user, **form.cleaned_data
                )
            except PaymentRefused as refusal:
                form.add_error("amount", str(refusal))
            else:
                messages.success(
                    request,
                    _("Recorded: %(kind)s of %(amount)s.")
                    % {"kind": payment.get_kind_display(), "amount": show_euros(payment.amount)},
                )
                return redirect("portfolio:payments", grant_number=grant_number)
        return self.render_to_response(self.get_context_data(form=form))


class AmendmentsView(ProjectMixin, TemplateView):
    rule = can_handle_amendment
    template_name = "funding/project_amendments.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            project=self.project,
            amendments=Amendment.objects.filter(project=self.project).select_related(
                "requested_by",
                "from_participant__organisation",
                "to_participant__organisation",
                "organisation",
            ),
            form=form or AmendmentRequestForm(project=self.project),
        )
        return context

    def post(self, request, grant_number):
        form = AmendmentRequestForm(request.POST, project=self.project)
        if form.is_valid():
            try:
                amendment = amendment_request(
                    project=self.project, user=request.user, **form.cleaned_data
                )
            except (AmendmentError, ValidationError) as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Amendment request recorded."))
                return redirect("portfolio:amendment", grant_number=grant_number, pk=amendment.pk)
        return self.render_to_response(self.get_context_data(form=form))


class AmendmentView(ProjectMixin, TemplateView):
    rule = can_handle_amendment
    template_name = "funding/project_amendment.html"

    def get_amendment(self) -> Amendment:
        return get_object_or_404(
            Amendment.objects.select_related(
                "requested_by",
                "from_participant__organisation",
                "to_participant__organisation",
                "organisation",
            ),
            pk=self.kwargs["pk"],
            project=self.project,
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        amendment = self.get_amendment()
        context.update(
            project=self.project,
            amendment=amendment,
            history=amendment.status_changes.select_related("changed_by"),
            open=amendment.status == AmendmentStatus.REQUESTED,
            form=form or AmendmentDecisionForm(),
        )
        return context

    def post(self, request, grant_number, pk):
        form = AmendmentDecisionForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            try:
                amendment_decide(
                    amendment=self.get_amendment(),
                    user=request.user,
                    approve=approve,
                    reason=form.cleaned_data["reason"],
                )
            except AmendmentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Amendment approved; the project is changed.")
                    if approve
                    else _("Amendment refused."),
                )
                return redirect("portfolio:amendment", grant_number=grant_number, pk=pk)
        return self.render_to_response(self.get_context_data(form=form))


class ListMixin(RuleRequiredMixin):
    rule = can_view_portfolio
    paginate_by = PAGE_SIZE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class ParticipantListView(ListMixin, FilterView):
    filterset_class = ParticipantFilter
    template_name = "funding/participant_list.html"
    context_object_name = "participants"

    def get_queryset(self):
        return Participant.objects.select_related("project", "organisation", "account").order_by(
            "project__acronym", "position", "pk"
        )


class PaymentListView(ListMixin, FilterView):
    filterset_class = PaymentFilter
    template_name = "funding/payment_list.html"
    context_object_name = "payments"

    def get_queryset(self):
        return Payment.objects.select_related("project", "recorded_by").order_by("-paid_on", "-pk")
