"""Stakeholders and commitments created and edited under /forum/ (what the Wagtail admin's
screens did), with the same checks; a refused form keeps what was typed."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from cooperation.forum.forms_records import (
    CommitmentForm,
    ContactForm,
    MilestoneEditForm,
    StakeholderForm,
)
from cooperation.forum.registry import (
    commitment_create,
    commitment_update,
    contact_add,
    contact_remove,
    contact_update,
    milestone_update,
    stakeholder_create,
    stakeholder_update,
)
from cooperation.forum.views.meetings import RecordFormView
from cooperation.forum.views.staff import ForumMixin
from cooperation.models import Commitment, CommitmentMilestone, ContactPerson, Stakeholder


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


class ContactAddView(RecordFormView):
    form_class = ContactForm
    heading = gettext_lazy("Add a contact person")
    success_message = gettext_lazy("The contact person was added.")

    def get_object(self):
        return get_object_or_404(
            Stakeholder.objects.select_related("organisation"), pk=self.kwargs["pk"]
        )

    def save(self, form):
        return contact_add(user=self.request.user, stakeholder=self.object, **form.cleaned_data)

    def success_url(self, contact):
        return reverse("forum:stakeholder_detail", args=[self.object.pk])

    def back_url(self):
        return self.success_url(None)


class ContactEditView(RecordFormView):
    form_class = ContactForm
    heading = gettext_lazy("Edit the contact person")
    success_message = gettext_lazy("The contact person was saved.")

    def get_object(self):
        return get_object_or_404(ContactPerson.objects.select_related("user"), pk=self.kwargs["pk"])

    def form_kwargs(self):
        contact = self.object
        initial = {"name": contact.name, "role": contact.role, "email": contact.email}
        return {"initial": {**initial, "link_account": contact.user_id is not None}}

    def save(self, form):
        return contact_update(contact=self.object, user=self.request.user, **form.cleaned_data)

    def success_url(self, contact):
        return reverse("forum:stakeholder_detail", args=[self.object.stakeholder_id])

    def back_url(self):
        return self.success_url(None)


class ContactRemoveView(ForumMixin, View):
    """POST only: the contact's personal data leave the registry."""

    def post(self, request, pk):
        contact = get_object_or_404(ContactPerson, pk=pk)
        contact_remove(contact=contact, user=request.user)
        messages.success(request, _("The contact person was removed."))
        return redirect("forum:stakeholder_detail", pk=contact.stakeholder_id)


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


class MilestoneEditView(RecordFormView):
    """Move a milestone (say, before the commitment's due date is brought forward)."""

    form_class = MilestoneEditForm
    heading = gettext_lazy("Edit the milestone")
    success_message = gettext_lazy("The milestone was saved.")

    def get_object(self):
        return get_object_or_404(
            CommitmentMilestone.objects.select_related("commitment"), pk=self.kwargs["pk"]
        )

    def form_kwargs(self):
        milestone = self.object
        fields = ("title", "due_date", "done_date")
        return {"initial": {name: getattr(milestone, name) for name in fields}}

    def save(self, form):
        return milestone_update(milestone=self.object, user=self.request.user, **form.cleaned_data)

    def success_url(self, milestone):
        return reverse("forum:commitment_detail", args=[self.object.commitment_id])

    def back_url(self):
        return self.success_url(None)
