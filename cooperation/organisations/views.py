"""Organisation profiles kept by their members, and invitations to join them. Managing
the members themselves is in `member_views`."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django_filters.views import FilterView

from cooperation.accounts.permissions import can_edit_profile
from cooperation.models import Organisation, User
from cooperation.organisations import services
from cooperation.organisations.filters import MyOrganisationFilter
from cooperation.organisations.forms import (
    InvitationForm,
    OrganisationForm,
    RegisterOrganisationForm,
)
from cooperation.organisations.models import MembershipRole
from cooperation.organisations.permissions import (
    can_manage_members,
    can_manage_organisation,
    can_register_organisation,
)
from core.sites import site_url
from core.views import RuleRequiredMixin


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class MyOrganisationsView(RuleRequiredMixin, FilterView):
    rule = can_edit_profile
    filterset_class = MyOrganisationFilter
    template_name = "organisations/list.html"
    context_object_name = "organisations"
    paginate_by = 20

    def get_queryset(self):
        return Organisation.objects.for_user(self.request.user).order_by("legal_name")


class RegisterOrganisationView(RuleRequiredMixin, FormView):
    rule = can_register_organisation
    template_name = "organisations/register.html"
    form_class = RegisterOrganisationForm

    def form_valid(self, form):
        try:
            organisation = services.organisation_register(
                user=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your organisation is registered."))
        return redirect("organisations:detail", pk=organisation.pk)


class OrganisationMixin(RuleRequiredMixin):
    rule = can_manage_organisation

    def get_rule_object(self):
        if not hasattr(self, "organisation"):
            scope = Organisation.objects.for_user(self.request.user)
            self.organisation = get_object_or_404(scope, pk=self.kwargs["pk"])
        return self.organisation


HISTORY_PAGE_SIZE = 20


class OrganisationDetailView(OrganisationMixin, FormView):
    """The profile form, the members and the invitations of one organisation."""

    template_name = "organisations/detail.html"
    form_class = OrganisationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.organisation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.organisation
        context["memberships"] = self.organisation.memberships.select_related("user").order_by(
            "user__last_name", "user__email"
        )
        context["invitations"] = self.organisation.invitations.filter(
            accepted_at__isnull=True, withdrawn_at__isnull=True
        )
        context["invite_form"] = InvitationForm(organisation=self.organisation)
        context["may_manage_members"] = can_manage_members(self.request.user, self.organisation)
        context["roles"] = MembershipRole.choices
        history = self.organisation.events.select_related("actor", "subject_user")
        context["page_obj"] = Paginator(history, HISTORY_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        return context

    def form_valid(self, form):
        details = {field: form.cleaned_data[field] for field in form.Meta.fields}
        organisation = Organisation.objects.get(pk=self.organisation.pk)
        try:
            services.organisation_update(
                organisation=organisation, user=self.request.user, **details
            )
        except ValidationError as error:
            _apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The organisation's profile is saved."))
        return redirect("organisations:detail", pk=organisation.pk)


class InviteView(OrganisationMixin, FormView):
    template_name = "organisations/invite.html"
    form_class = InvitationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "organisation": self.organisation}

    def form_valid(self, form):
        invitation = services.organisation_invite(
            organisation=self.organisation,
            invited_by=self.request.user,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            site_url=site_url(self.request),
        )
        messages.success(
            self.request,
            _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
        )
        return redirect("organisations:detail", pk=self.organisation.pk)


def accept_invitation(request, token):
    """Signed in as the invited address: show the invitation and accept it on POST.
    Not signed in: sign in first, or create an account first if the address has none."""
    try:
        invitation = services.invitation_from_token(token=token)
    except services.InvitationError as error:
        return render(
            request, "organisations/invitation_failed.html", {"reason": str(error)}, status=400
        )
    if not request.user.is_authenticated:
        if User.objects.filter(email__iexact=invitation.email).exists():
            messages.info(request, _("Sign in to accept the invitation."))
            return redirect_to_login(request.get_full_path())
        messages.info(
            request,
            _(
                "Create your account with %(email)s first. Once you have confirmed it and "
                "signed in, open the invitation link again to join %(organisation)s."
            )
            % {"email": invitation.email, "organisation": invitation.organisation},
        )
        return redirect(reverse("accounts:sign_up"))
    if request.method == "POST":
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except services.InvitationError as error:
            return render(
                request,
                "organisations/invitation_failed.html",
                {"reason": str(error)},
                status=400,
            )
        messages.success(
            request,
            _("You are now a member of %(organisation)s.")
            % {"organisation": membership.organisation},
        )
        return redirect("organisations:detail", pk=membership.organisation_id)
    return render(request, "organisations/accept.html", {"invitation": invitation})
