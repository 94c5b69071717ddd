"""The general information, consortium, budget, personnel and attachment sections of a
proposal, each saved on its own (read-only once the proposal is locked: views/read_only.py),
and the permission-checked downloads: the draft's current files, and the files a
submission holds (the receipt's)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from core.files import megabytes
from core.sites import site_url
from funding.models import Attachment, Partner, Person, Proposal
from funding.proposals import services, shares
from funding.proposals.attachments import attachment_response, max_file_bytes, max_total_bytes
from funding.proposals.budget import proposal_budget
from funding.proposals.forms import (
    AttachmentForm,
    BudgetForm,
    GeneralForm,
    PartnerForm,
    PersonForm,
)
from funding.proposals.permissions import (
    can_edit_partner_share,
    can_edit_proposal,
    can_edit_shares,
)
from funding.proposals.read_only import submitted_files
from funding.proposals.snapshots import submission_file
from funding.proposals.views.dashboard import ProposalMixin, conflict
from funding.proposals.views.read_only import ReadOnlyWhenLocked


class SectionView(ReadOnlyWhenLocked, ProposalMixin, FormView):
    """A section page: its form, and what the section already holds; on a locked proposal,
    what was submitted in it, read-only (ReadOnlyWhenLocked)."""

    rule = can_edit_proposal
    success_message = ""

    def get_initial(self):
        return {"lock_version": self.proposal.lock_version}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(form, "conflicted", False):
            response.status_code = 409
        return response

    def saved(self):
        messages.success(self.request, self.success_message)
        return redirect(self.request.path)

    def try_save(self, form, write):
        try:
            write()
        except services.ProposalError as error:
            conflict(form, error, self.proposal)
            return self.form_invalid(form)
        return self.saved()


class GeneralView(SectionView):
    template_name = "applicant/general.html"
    read_only_template_name = "applicant/read_only/general.html"
    form_class = GeneralForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Proposal.objects.get(pk=self.proposal.pk)}

    def form_valid(self, form):
        data = {field: form.cleaned_data[field] for field in services.GENERAL_FIELDS}
        try:
            services.proposal_update_general(
                proposal=self.proposal,
                user=self.request.user,
                lock_version=form.cleaned_data["lock_version"],
                data=data,
            )
        except services.ProposalError as error:
            conflict(form, error, self.proposal)
            return self.form_invalid(form)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("General information saved."))
        return redirect("applicant:proposal", pk=self.proposal.pk)


class ConsortiumView(SectionView):
    template_name = "applicant/consortium.html"
    read_only_template_name = "applicant/read_only/consortium.html"
    form_class = PartnerForm
    success_message = gettext_lazy("The partner is added.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partners"] = self.proposal.partners.select_related("organisation")
        return context

    def form_valid(self, form):
        return self.try_save(
            form,
            lambda: services.partner_add(
                proposal=self.proposal,
                user=self.request.user,
                lock_version=form.cleaned_data["lock_version"],
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
                new_organisation=form.new_organisation(),
            ),
        )


class ShareSectionView(SectionView):
    """Budget and personnel: the coordinator's members fill every partner's share, a
    partner's members their own organisation's once the coordinator shared it."""

    rule = can_edit_shares

    def get_partners(self):
        if not hasattr(self, "partners"):
            self.partners = list(self.proposal.partners.select_related("organisation"))
            for partner in self.partners:
                partner.proposal = self.proposal
        return self.partners

    def editable_partners(self):
        user = self.request.user
        return [p for p in self.get_partners() if can_edit_partner_share(user, p)]


class BudgetView(ShareSectionView):
    template_name = "applicant/budget.html"
    read_only_template_name = "applicant/read_only/budget.html"
    form_class = BudgetForm
    success_message = gettext_lazy("The budget is saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partners": self.editable_partners()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budget = proposal_budget(self.proposal, self.get_partners())
        context["budget"] = budget
        context["budget_rows"] = list(zip(self.get_partners(), budget.partners, strict=True))
        return context

    def form_valid(self, form):
        return self.try_save(
            form,
            lambda: services.budget_update(
                proposal=self.proposal,
                user=self.request.user,
                lock_version=form.cleaned_data["lock_version"],
                lines=form.lines(),
            ),
        )


class PersonnelView(ShareSectionView):
    template_name = "applicant/personnel.html"
    read_only_template_name = "applicant/read_only/personnel.html"
    form_class = PersonForm
    success_message = gettext_lazy("The person is added.")

    def get_form_kwargs(self):
        editable = [p.pk for p in self.editable_partners()]
        return {**super().get_form_kwargs(), "proposal": self.proposal, "partner_ids": editable}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editable = {p.pk for p in self.editable_partners()}
        people = list(self.proposal.people.select_related("partner__organisation"))
        for person in people:
            person.removable = person.partner_id in editable
        context["people"] = people
        return context

    def form_valid(self, form):
        data = {
            f: form.cleaned_data[f]
            for f in ("first_name", "last_name", "role_in_project", "gender")
        }
        return self.try_save(
            form,
            lambda: services.person_add(
                proposal=self.proposal,
                user=self.request.user,
                lock_version=form.cleaned_data["lock_version"],
                partner=form.cleaned_data["partner"],
                data=data,
            ),
        )


class AttachmentsView(SectionView):
    template_name = "applicant/attachments.html"
    read_only_template_name = "applicant/read_only/attachments.html"
    form_class = AttachmentForm
    success_message = gettext_lazy("The file is uploaded.")

    def read_only_context(self, version):
        return {"files": submitted_files(self.proposal, version)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attachments"] = self.proposal.attachments.all()
        context["max_file"] = megabytes(max_file_bytes())
        context["max_total"] = megabytes(max_total_bytes())
        return context

    def form_valid(self, form):
        return self.try_save(
            form,
            lambda: services.attachment_add(
                proposal=self.proposal,
                user=self.request.user,
                lock_version=form.cleaned_data["lock_version"],
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            ),
        )


class RemoveView(ProposalMixin, View):
    """POST only: remove a partner, a person or an attachment of the proposal. A person
    is removed by the coordinator or their own organisation's members (PersonRemoveView)."""

    rule = can_edit_proposal
    model = None
    section = ""

    def post(self, request, *args, **kwargs):
        # Only a current file can be removed; a replaced or removed version is not the draft's.
        scope = (
            self.proposal.attachments
            if self.model is Attachment
            else self.model.objects.filter(proposal=self.proposal)
        )
        item = get_object_or_404(scope, pk=kwargs["item"])
        try:
            lock_version = int(request.POST.get("lock_version", "0"))
        except ValueError:
            lock_version = 0
        item.proposal = self.proposal
        remove = {
            Partner: lambda: services.partner_remove(
                partner=item, user=request.user, lock_version=lock_version
            ),
            Person: lambda: services.person_remove(
                person=item, user=request.user, lock_version=lock_version
            ),
            Attachment: lambda: services.attachment_remove(
                attachment=item, user=request.user, lock_version=lock_version
            ),
        }[self.model]
        try:
            remove()
        except services.ProposalError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Removed."))
        return redirect(f"applicant:{self.section}", pk=self.proposal.pk)


class PersonRemoveView(RemoveView):
    rule = can_edit_shares


class DownloadView(ProposalMixin, View):
    """Serve a file of the draft to those who may see the proposal, never inline."""

    def get(self, request, *args, **kwargs):
        return attachment_response(get_object_or_404(self.proposal.attachments, pk=kwargs["item"]))


class SubmissionFileView(ProposalMixin, View):
    """Serve a file as one submission holds it (the receipt's links): the exact bytes that
    were submitted, whatever the draft holds now."""

    def get(self, request, *args, **kwargs):
        submission = get_object_or_404(self.proposal.submissions, number=kwargs["number"])
        attachment = submission_file(submission, kwargs["item"])
        if attachment is None:
            raise Http404(_("This submission holds no such file."))
        return attachment_response(attachment)


class ShareView(ProposalMixin, View):
    """POST only: the coordinator shares the proposal with a partner (its members fill its
    budget lines and personnel), or takes it back."""

    rule = can_edit_proposal

    def post(self, request, *args, **kwargs):
        partner = get_object_or_404(
            Partner.objects.select_related("organisation").filter(proposal=self.proposal),
            pk=kwargs["item"],
        )
        partner.proposal = self.proposal
        shared = request.POST.get("shared") == "yes"
        try:
            shares.partner_share_set(
                partner=partner, user=request.user, shared=shared, site_url=site_url(request)
            )
        except services.ProposalError as error:
            messages.error(request, str(error))
        else:
            message = (
                _("%(org)s's members can now fill their budget lines and personnel.")
                if shared
                else _("%(org)s's members can no longer change the proposal.")
            )
            messages.success(request, message % {"org": partner.organisation})
        return redirect("applicant:consortium", pk=self.proposal.pk)
