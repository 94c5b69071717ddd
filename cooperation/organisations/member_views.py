"""Contact persons and legal representatives manage members and pending invitations.

Every page here is scoped to the organisations the user belongs to (another one's rows
answer 404) and asks `can_manage_members`; the services refuse what would leave the
organisation without a legal representative or contact person."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from cooperation.organisations import members
from cooperation.organisations.forms import MembershipRoleForm
from cooperation.organisations.permissions import can_manage_members
from cooperation.organisations.views import OrganisationMixin
from core.sites import site_url


class MemberMixin(OrganisationMixin):
    rule = can_manage_members

    def back(self):
        return redirect("organisations:detail", pk=self.organisation.pk)


class MemberRoleView(MemberMixin, View):
    """POST only: give a member another role."""

    def post(self, request, *args, **kwargs):
        membership = get_object_or_404(
            self.organisation.memberships.select_related("user"), pk=kwargs["member"]
        )
        form = MembershipRoleForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("role", []):
                messages.error(request, error)
            return self.back()
        try:
            membership = members.membership_change_role(
                organisation=self.organisation,
                membership=membership,
                user=request.user,
                role=form.cleaned_data["role"],
            )
        except members.MembershipError as error:
            messages.error(request, str(error))
            return self.back()
        messages.success(
            request,
            _("%(person)s is now %(role)s.")
            % {"person": membership.user.email, "role": membership.get_role_display()},
        )
        return self.back()


class MemberRemoveView(MemberMixin, View):
    """GET: what removing the member means; POST from its "Yes, remove" button: remove."""

    def get_membership(self):
        return get_object_or_404(
            self.organisation.memberships.select_related("user"), pk=self.kwargs["member"]
        )

    def get(self, request, *args, **kwargs):
        context = {"organisation": self.organisation, "membership": self.get_membership()}
        return render(request, "organisations/member_remove.html", context)

    def post(self, request, *args, **kwargs):
        membership = self.get_membership()
        try:
            members.membership_remove(
                organisation=self.organisation, membership=membership, user=request.user
            )
        except members.MembershipError as error:
            messages.error(request, str(error))
            return self.back()
        messages.success(
            request,
            _("%(person)s is no longer a member of %(organisation)s.")
            % {"person": membership.user.email, "organisation": self.organisation},
        )
        if membership.user_id == request.user.pk:
            return redirect("organisations:mine")
        return self.back()


class InvitationActionView(MemberMixin, View):
    """POST only: withdraw a pending invitation, or send it again with a new link."""

    action = ""

    def post(self, request, *args, **kwargs):
        invitation = get_object_or_404(self.organisation.invitations, pk=kwargs["invitation"])
        try:
            if self.action == "withdraw":
                members.invitation_withdraw(
                    organisation=self.organisation, invitation=invitation, user=request.user
                )
                done = _("The invitation to %(email)s is withdrawn; its link no longer opens.")
            else:
                members.invitation_resend(
                    organisation=self.organisation,
                    invitation=invitation,
                    user=request.user,
                    site_url=site_url(request),
                )
                done = _(
                    "The invitation to %(email)s was sent again with a new link; the old "
                    "link no longer opens."
                )
        except members.MembershipError as error:
            messages.error(request, str(error))
            return self.back()
        messages.success(request, done % {"email": invitation.email})
        return self.back()
