"""Staff screens of a project's plan: the portfolio-wide lists of deliverables and reporting
periods (filterable, sortable, paginated, a fixed number of queries), and on a project its
deliverables and periods added and corrected through funding.portfolio.records; a refusal
is shown on the form with what was typed kept."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters.views import FilterView

from funding.portfolio.filters_records import DeliverableFilter, ReportingPeriodFilter
from funding.portfolio.forms_records import DeliverableForm, ReportingPeriodForm
from funding.portfolio.models.delivery import Deliverable, ReportingPeriod
from funding.portfolio.permissions import can_edit_project_records
from funding.portfolio.records import (
    RecordRefused,
    deliverable_create,
    deliverable_update,
    reporting_period_create,
    reporting_period_update,
)
from funding.portfolio.views_preparation import ProjectMixin, add_service_error
from funding.portfolio.views_records import ListMixin


class DeliverableListView(ListMixin, FilterView):
    filterset_class = DeliverableFilter
    template_name = "funding/deliverable_list.html"
    context_object_name = "deliverables"

    def get_queryset(self):
        return (
            Deliverable.objects.with_status(today=timezone.localdate())
            .select_related("project")
            .order_by("due_date", "project__acronym", "code", "pk")
        )


class ReportingPeriodListView(ListMixin, FilterView):
    filterset_class = ReportingPeriodFilter
    template_name = "funding/period_list.html"
    context_object_name = "periods"

    def get_queryset(self):
        return (
            ReportingPeriod.objects.with_status(today=timezone.localdate())
            .select_related("project")
            .order_by("report_due_date", "project__acronym", "number", "pk")
        )


class PlanView(ProjectMixin, TemplateView):
    """A project's deliverables or reporting periods with the form that adds one; with a
    `pk`, the form that corrects that one."""

    rule = can_edit_project_records
    model = form_class = None
    entity = related = list_name = ""
    create = update = None

    def record(self):
        if "pk" not in self.kwargs:
            return None
        if not hasattr(self, "_record"):
            self._record = get_object_or_404(
                self.model.objects.select_related("project"),
                pk=self.kwargs["pk"],
                project=self.project,
            )
        return self._record

    def form(self, data=None):
        record = self.record()
        instance = copy.copy(record) if record else self.model(project=self.project)
        return self.form_class(data, instance=instance)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.record()
        context.update(
            project=self.project,
            record=record,
            form=form or self.form(),
            list_name=self.list_name,
            records=None
            if record
            else getattr(self.project, self.related).with_status(today=timezone.localdate()),
        )
        return context

    def post(self, request, grant_number, pk=None):
        form = self.form(request.POST)
        if form.is_valid():
            record = self.record()
            target = {self.entity: record} if record else {"project": self.project}
            write = type(self).update if record else type(self).create
            try:
                saved = write(user=request.user, **target, **form.cleaned_data)
            except (RecordRefused, ValidationError) as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Saved: %(record)s.") % {"record": saved})
                return redirect(self.list_name, grant_number=grant_number)
        return self.render_to_response(self.get_context_data(form=form))


class DeliverablesView(PlanView):
    template_name = "funding/project_deliverables.html"
    model, form_class = Deliverable, DeliverableForm
    entity, related, list_name = "deliverable", "deliverables", "portfolio:deliverables"
    create, update = deliverable_create, deliverable_update


class ReportingPeriodsView(PlanView):
    template_name = "funding/project_periods.html"
    model, form_class = ReportingPeriod, ReportingPeriodForm
    entity, related, list_name = "period", "reporting_periods", "portfolio:periods"
    create, update = reporting_period_create, reporting_period_update
