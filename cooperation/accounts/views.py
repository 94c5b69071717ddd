"""Sign-up, e-mail confirmation, log in/out, password reset and the profile page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, UpdateView

from cooperation.accounts import services, throttle
from cooperation.accounts.forms import (
    EmailAuthenticationForm,
    ProfileForm,
    ResendConfirmationForm,
    SignUpForm,
)
from cooperation.accounts.permissions import can_edit_profile
from cooperation.models import User
from core.languages import localized_path
from core.sites import site_url
from core.views import RuleRequiredMixin


class SignUpView(FormView):
    template_name = "accounts/sign_up.html"
    form_class = SignUpForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = services.user_sign_up(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            site_url=site_url(self.request),
        )
        return render(self.request, "accounts/sign_up_done.html", {"email": user.email})


def confirm_email(request, uidb64, token):
    try:
        user = services.user_confirm_email(uidb64=uidb64, token=token)
    except services.ConfirmationError as error:
        return render(
            request,
            "accounts/confirm_failed.html",
            {"reason": str(error), "form": ResendConfirmationForm()},
            status=400,
        )
    messages.success(request, _("Your e-mail address is confirmed. You can sign in now."))
    # The address is remembered in the session, not put in the URL (URLs end up in logs).
    request.session["login_email"] = user.email
    return redirect("accounts:login")


class ResendConfirmationView(FormView):
    template_name = "accounts/resend_confirmation.html"
    form_class = ResendConfirmationForm

    def form_valid(self, form):
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"], email_confirmed_at__isnull=True
        ).first()
        if user is not None:
            services.user_send_confirmation(user=user, site_url=site_url(self.request))
        # The same answer whether or not the address has an account: no account discovery.
        messages.info(
            self.request,
            _("If an unconfirmed account uses this address, a new link is on its way."),
        )
        return redirect("accounts:login")


class LoginView(auth_views.LoginView):
    """Sign in. Repeated failures for one account, or from one address, lock the sign-in for
    a while (django-axes, see `throttle`): then even the right password is refused, with
    `locked_out`'s page."""

    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_initial(self):
        return {"username": self.request.session.get("login_email", "")}

    def form_valid(self, form):
        self.request.session.pop("login_email", None)
        return super().form_valid(form)


def locked_out(request, original_response=None, credentials=None):
    """The answer to a locked-out sign-in, from any sign-in form (settings.AXES_LOCKOUT_CALLABLE):
    the sign-in page, saying why and when to try again."""
    minutes = throttle.sign_in_locked_minutes(request, credentials)
    message = ngettext(
        "Too many failed attempts to sign in. Try again in %(minutes)d minute, or reset your "
        "password.",
        "Too many failed attempts to sign in. Try again in %(minutes)d minutes, or reset your "
        "password.",
        minutes,
    ) % {"minutes": minutes}
    form = EmailAuthenticationForm(
        request, initial={"username": throttle.sign_in_username(request, credentials) or ""}
    )
    context = {"form": form, "throttled": message, "next": request.POST.get("next", "")}
    return render(request, "accounts/login.html", context, status=429)


class LogoutView(auth_views.LogoutView):
    """Sign out (POST), then the home page in the language the person was reading: the
    sign-out button posts to the page's own language's address (/fr/accounts/logout/), so
    the language active here is that page's. A safe `next` still wins."""

    def get_default_redirect_url(self):
        return localized_path(resolve_url(settings.LOGOUT_REDIRECT_URL))


class PasswordResetView(auth_views.PasswordResetView):
    """Send a reset link. The answer is the same whether or not the address has an account;
    past a few requests per account or address, no more e-mails are sent for a while."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if not throttle.password_reset_allowed(
            email=form.cleaned_data["email"], address=throttle.client_ip(self.request)
        ):
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(RuleRequiredMixin, auth_views.PasswordChangeView):
    rule = can_edit_profile
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


class ProfileView(RuleRequiredMixin, UpdateView):
    rule = can_edit_profile
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.request.user.memberships.select_related("organisation")
        return context

    def form_valid(self, form):
        messages.success(self.request, _("Your profile is saved."))
        return super().form_valid(form)
