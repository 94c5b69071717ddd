"""The programme managers' screens for experts (/staff/evaluation/experts/): the list with
each expert's load and calls, and the edit of one expert's profile and availability."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django_filters.views import FilterView

from core.views import RuleRequiredMixin
from funding.calls.models.calls import Call
from funding.evaluation.filters import ExpertFilter
from funding.evaluation.forms import ExpertProfileForm
from funding.evaluation.permissions import can_manage_evaluation
from funding.evaluation.services import experts as services

PAGE_SIZE = 25


class ExpertListView(RuleRequiredMixin, FilterView):
    rule = can_manage_evaluation
    template_name = "evaluation/experts.html"
    filterset_class = ExpertFilter
    paginate_by = PAGE_SIZE
    context_object_name = "experts"

    def get_queryset(self):
        return services.experts_for_table()


def _calls():
    return Call.objects.order_by("-publication_date", "identifier")


class ExpertEditView(RuleRequiredMixin, FormView):
    rule = can_manage_evaluation
    template_name = "evaluation/expert_edit.html"
    form_class = ExpertProfileForm

    def get_rule_object(self):
        if not hasattr(self, "expert"):
            self.expert = get_object_or_404(
                services.experts().select_related("expert_profile__employer"),
                pk=self.kwargs["pk"],
            )
        return self.expert

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "calls": _calls()}

    def get_initial(self):
        profile = getattr(self.expert, "expert_profile", None)
        return {
            "keywords": profile.keywords if profile else "",
            "country": profile.country.code if profile and profile.country else "",
            "employer": profile.employer if profile else None,
            "available_calls": list(services.expert_available_call_ids(self.expert)),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(expert=self.expert, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.expert_profile_update(
                expert=self.expert,
                user=self.request.user,
                keywords=data["keywords"],
                country=data["country"],
                employer=data["employer"],
                available_calls=data["available_calls"],
                offered_calls=_calls(),
            )
        except services.ExpertProfileError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("The profile of %(expert)s is saved.") % {"expert": self.expert}
        )
        return redirect("evaluation:experts")
