"""Sign-up, e-mail confirmation, log in/out, password reset and the profile page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
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
    """Sign in. Repeated failures for one account, or from one address, are refused for a
    while before the password is even checked."""

    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_initial(self):
        return {"username": self.request.session.get("login_email", "")}

    def _subjects(self):
        email = self.request.POST.get("username", "")
        return f"account:{email}", f"address:{throttle.client_ip(self.request)}"

    def post(self, request, *args, **kwargs):
        account, address = self._subjects()
        if throttle.is_blocked(
            "login", [account], settings.LOGIN_FAILURES_PER_ACCOUNT
        ) or throttle.is_blocked("login", [address], settings.LOGIN_FAILURES_PER_ADDRESS):
            minutes = settings.LOGIN_FAILURE_WINDOW // 60
            form = self.form_class(request, initial={"username": request.POST.get("username")})
            context = self.get_context_data(
                form=form,
                throttled=_(
                    "Too many failed attempts. Wait %(minutes)d minutes and try again, or "
                    "reset your password."
                )
                % {"minutes": minutes},
            )
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.record_attempt("login", list(self._subjects()), settings.LOGIN_FAILURE_WINDOW)
        return super().form_invalid(form)

    def form_valid(self, form):
        throttle.clear_attempts("login", [self._subjects()[0]])
        self.request.session.pop("login_email", None)
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    """Send a reset link. The answer is the same whether or not the address has an account;
    past a few requests per account or address, no more e-mails are sent for a while."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        account = f"account:{form.cleaned_data['email']}"
        address = f"address:{throttle.client_ip(self.request)}"
        if throttle.is_blocked(
            "reset", [account], settings.PASSWORD_RESETS_PER_ACCOUNT
        ) or throttle.is_blocked("reset", [address], settings.PASSWORD_RESETS_PER_ADDRESS):
            return redirect(self.get_success_url())
        throttle.record_attempt("reset", [account, address], settings.PASSWORD_RESET_WINDOW)
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
