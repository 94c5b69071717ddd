"""Amendments in the beneficiaries' area: the coordinator requests one (the same kinds and
the same service as the manager's screen, `funding.portfolio.amendments`); every member of
the consortium sees the project's amendments, their status and the decision with its
reason. Outside the user's projects: 404 (the project mixin)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from funding.portfolio.amendments import AMENDABLE, AmendmentError, amendment_request
from funding.portfolio.models.amendments import Amendment
from funding.portfolio.permissions import can_request_amendment
from funding.portfolio.views_preparation import add_service_error
from funding.reporting.forms import BeneficiaryAmendmentForm
from funding.reporting.views.beneficiary import ProjectMixin


class AmendmentsView(ProjectMixin, TemplateView):
    template_name = "applicant/project_amendments.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.get_project()
        may_request = bool(can_request_amendment(self.request.user, project))
        if form is None and may_request:
            form = BeneficiaryAmendmentForm(project=project)
        context.update(
            project=project,
            amendable=project.status in AMENDABLE,
            may_request=may_request,
            form=form,
            amendments=Amendment.objects.filter(project=project)
            .select_related(
                "requested_by",
                "from_participant__organisation",
                "to_participant__organisation",
                "organisation",
            )
            .prefetch_related("status_changes"),
        )
        return context

    def post(self, request, grant_number):
        project = self.get_project()
        form = BeneficiaryAmendmentForm(request.POST, project=project)
        if form.is_valid():
            try:
                amendment_request(project=project, user=request.user, **form.cleaned_data)
            except (AmendmentError, ValidationError) as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your amendment request is sent; the programme manager will decide it."),
                )
                return redirect("projects:amendments", grant_number=grant_number)
        return self.render_to_response(self.get_context_data(form=form))
