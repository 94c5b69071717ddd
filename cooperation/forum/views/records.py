"""Stakeholders and commitments created and edited under /forum/ (what the Wagtail admin's
screens did), with the same checks; a refused form keeps what was typed."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from cooperation.forum.forms_records import CommitmentForm, StakeholderForm
from cooperation.forum.registry import (
    commitment_create,
    commitment_update,
    stakeholder_create,
    stakeholder_update,
)
from cooperation.forum.views.meetings import RecordFormView
from cooperation.models import Commitment, Stakeholder


class StakeholderCreateView(RecordFormView):
    form_class = StakeholderForm
    heading = gettext_lazy("Register a stakeholder")
    success_message = gettext_lazy("The stakeholder is registered.")

    def save(self, form):
        return stakeholder_create(user=self.request.user, **form.cleaned_data)

    def success_url(self, stakeholder):
        return reverse("forum:stakeholder_detail", args=[stakeholder.pk])

    def back_url(self):
        return reverse("forum:stakeholder_list")


class StakeholderEditView(RecordFormView):
    form_class = StakeholderForm
    heading = gettext_lazy("Edit the stakeholder")
    success_message = gettext_lazy("The stakeholder was saved.")

    def get_object(self):
        return get_object_or_404(
            Stakeholder.objects.select_related("organisation"), pk=self.kwargs["pk"]
        )

    def form_kwargs(self):
        return {"instance": Stakeholder.objects.get(pk=self.object.pk)}

    def save(self, form):
        return stakeholder_update(
            stakeholder=self.object, user=self.request.user, **form.cleaned_data
        )

    def success_url(self, stakeholder):
        return reverse("forum:stakeholder_detail", args=[stakeholder.pk])

    def back_url(self):
        return self.success_url(self.object)


class CommitmentCreateView(RecordFormView):
    form_class = CommitmentForm
    heading = gettext_lazy("Record a commitment")
    success_message = gettext_lazy("The commitment is recorded.")

    def form_kwargs(self):
        initial = {
            name: value
            for name in ("owner", "workstream", "meeting")
            if (value := self.request.GET.get(name, "")).isdigit()
        }
        return {"initial": initial}

    def save(self, form):
        return commitment_create(user=self.request.user, **form.cleaned_data)

    def success_url(self, commitment):
        return reverse("forum:commitment_detail", args=[commitment.pk])

    def back_url(self):
        return reverse("forum:commitment_list")


class CommitmentEditView(RecordFormView):
    form_class = CommitmentForm
    heading = gettext_lazy("Edit the commitment")
    success_message = gettext_lazy("The commitment was saved.")

    def get_object(self):
        return get_object_or_404(Commitment, pk=self.kwargs["pk"])

    def form_kwargs(self):
        return {"instance": Commitment.objects.get(pk=self.object.pk)}

    def save(self, form):
        return commitment_update(
            commitment=self.object, user=self.request.user, **form.cleaned_data
        )

    def success_url(self, commitment):
        return reverse("forum:commitment_detail", args=[commitment.pk])

    def back_url(self):
        return self.success_url(self.object)
