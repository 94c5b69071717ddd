"""A project's strategy initiative, set or changed by a programme manager on its staff page
(funding.portfolio.initiatives); a refusal is shown on the form with what was typed kept."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cooperation.forum.models.workstreams import StrategyInitiative
from core.views import RuleRequiredMixin
from funding.portfolio.forms import ProjectInitiativeForm
from funding.portfolio.initiatives import (
    InitiativeRefused,
    project_initiative_served,
    project_set_initiative,
)
from funding.portfolio.models.initiatives import ProjectInitiativeChange
from funding.portfolio.models.projects import FundedProject
from funding.portfolio.permissions import can_set_project_initiative


class ProjectInitiativeView(RuleRequiredMixin, TemplateView):
    rule = can_set_project_initiative
    template_name = "funding/project_initiative.html"

    def dispatch(self, request, *args, **kwargs):
        self.grant_number = kwargs["grant_number"]
        return super().dispatch(request, *args, **kwargs)

    def get_project(self) -> FundedProject:
        if not hasattr(self, "project"):
            self.project = get_object_or_404(
                FundedProject.objects.select_related("call"), grant_number=self.grant_number
            )
        return self.project

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.get_project()
        served = project_initiative_served(project)
        context.update(
            project=project,
            served=StrategyInitiative(served).label if served else None,
            from_call=project.initiative is None and served is not None,
            form=form or ProjectInitiativeForm(project=project),
            history=ProjectInitiativeChange.objects.filter(project=project)
            .select_related("changed_by")
            .order_by("-changed_at", "-pk"),
        )
        return context

    def post(self, request, grant_number):
        project = self.get_project()
        form = ProjectInitiativeForm(request.POST, project=project)
        if form.is_valid():
            try:
                change = project_set_initiative(
                    project=project,
                    user=request.user,
                    initiative=form.cleaned_data["initiative"],
                    reason=form.cleaned_data["reason"],
                )
            except InitiativeRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                if change is None:
                    messages.info(request, _("Nothing to change: the project already serves that."))
                else:
                    served = project_initiative_served(project)
                    messages.success(
                        request,
                        _("The project now serves “%(initiative)s”.")
                        % {"initiative": StrategyInitiative(served).label}
                        if served
                        else _("The project now serves no strategy initiative."),
                    )
                return redirect("portfolio:detail", grant_number=project.grant_number)
        return self.render_to_response(self.get_context_data(form=form), status=400)
