"""The second factor: enrol an authenticator app once (and keep the recovery codes shown
then), type its code or a recovery code after the password in every new session, and from
the profile make new recovery codes or remove the app (a lost phone: a recovery code, then
remove the app and set up the new phone). django-otp holds the devices and their back-off;
`django_otp.login()` records the verified device in the session."""

from base64 import b32encode
from urllib.parse import quote

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from cooperation.accounts import services
from cooperation.accounts.permissions import can_edit_profile
from core.views import RuleRequiredMixin

_CODES_TEMPLATE = "accounts/two_factor_recovery_codes.html"
_SETTINGS_TEMPLATE = "accounts/two_factor_settings.html"
_CODE_ATTRS = {"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "off"}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(attrs={**_CODE_ATTRS, "inputmode": "numeric"}),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a recovery code"),
        max_length=24,
        widget=forms.TextInput(attrs=_CODE_ATTRS),
    )


class RemoveForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a recovery code"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off"}),
    )


def _app(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def _verified(request, device) -> None:
    """The session now counts as verified by this device (a new session key, as at sign-in)."""
    request.session.cycle_key()
    django_otp.login(request, device)


@method_decorator(never_cache, name="dispatch")
class TwoFactorView(RuleRequiredMixin, View):
    """Enrol when the user has no confirmed app yet, else verify."""

    rule = can_edit_profile
    template_name = "accounts/two_factor.html"

    def _next_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next") or "/"
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return "/"

    def _context(self, form, enrolling):
        context = {"form": form, "next": self._next_url(), "enrolling": enrolling}
        if enrolling:
            device = services.totp_device_start(user=self.request.user)
            # segno writes only its own SVG markup from the URI: nothing typed by a user.
            context["qr_svg"] = mark_safe(  # noqa: S308
                segno.make(device.config_url, error="m").svg_inline(
                    scale=4, title=_("Authenticator set-up code")
                )
            )
            secret = b32encode(device.bin_key).decode().rstrip("=")
            context["secret_groups"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        return context

    def get(self, request):
        enrolling = _app(request.user) is None
        form = CodeForm() if enrolling else VerifyForm()
        return render(request, self.template_name, self._context(form, enrolling))

    def post(self, request):
        enrolling = _app(request.user) is None
        form = (CodeForm if enrolling else VerifyForm)(request.POST)
        if form.is_valid():
            code = form.cleaned_data["code"]
            try:
                if enrolling:
                    device, codes = services.totp_device_confirm(user=request.user, code=code)
                else:
                    check = services.second_factor_verify(user=request.user, code=code)
            except services.SecondFactorWait as error:
                form.add_error(None, str(error))
                context = self._context(form, enrolling)
                return render(request, self.template_name, context, status=429)
            except services.SecondFactorError as error:
                form.add_error("code", str(error))
            else:
                if enrolling:
                    _verified(request, device)
                    context = {"codes": codes, "next": self._next_url(), "enrolled": True}
                    return render(request, _CODES_TEMPLATE, context)
                _verified(request, check.device)
                self._say_what_is_left(check)
                return redirect(self._next_url())
        return render(request, self.template_name, self._context(form, enrolling))

    def _say_what_is_left(self, check):
        left = check.recovery_codes_left
        if check.used_recovery_code and left == 0:
            messages.warning(
                self.request,
                _(
                    "You used your last recovery code. Make new ones now, from your profile "
                    "(Second factor)."
                ),
            )
        elif check.used_recovery_code:
            messages.info(
                self.request,
                ngettext(
                    "You used a recovery code: %(count)d recovery code is left.",
                    "You used a recovery code: %(count)d recovery codes are left.",
                    left,
                )
                % {"count": left},
            )
        elif left == 0:
            messages.warning(
                self.request,
                _(
                    "You have no recovery codes. Make them from your profile (Second factor), "
                    "so that a lost phone does not lock you out."
                ),
            )


class _VerifiedSessionMixin(RuleRequiredMixin):
    """Managing the second factor needs a session verified by it, when the user has one."""

    rule = can_edit_profile

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and _app(request.user) and not request.user.is_verified():
            target = reverse("accounts:two_factor")
            return redirect(f"{target}?next={quote(reverse('accounts:second_factor'))}")
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class SecondFactorSettingsView(_VerifiedSessionMixin, View):
    def get(self, request):
        return render(request, _SETTINGS_TEMPLATE, _settings_context(request.user, RemoveForm()))


def _settings_context(user, remove_form):
    app = _app(user)
    return {
        "app": app,
        "codes_left": services.recovery_codes_count(user=user) if app else 0,
        "remove_form": remove_form,
    }


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(_VerifiedSessionMixin, View):
    """New recovery codes, shown once; the old ones stop working."""

    http_method_names = ["post"]

    def post(self, request):
        try:
            codes = services.recovery_codes_regenerate(user=request.user)
        except services.SecondFactorError as error:
            messages.error(request, str(error))
            return redirect("accounts:second_factor")
        context = {"codes": codes, "next": reverse("accounts:second_factor"), "enrolled": False}
        return render(request, _CODES_TEMPLATE, context)


class AuthenticatorRemoveView(_VerifiedSessionMixin, View):
    """Remove the app (and the recovery codes) once a current code confirms it."""

    http_method_names = ["post"]

    def post(self, request):
        form = RemoveForm(request.POST)
        if form.is_valid():
            try:
                services.totp_device_remove(user=request.user, code=form.cleaned_data["code"])
            except services.SecondFactorWait as error:
                form.add_error(None, str(error))
                context = _settings_context(request.user, form)
                return render(request, _SETTINGS_TEMPLATE, context, status=429)
            except services.SecondFactorError as error:
                form.add_error("code", str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Your authenticator app and recovery codes are removed. Set up "
                        "your new phone now."
                    ),
                )
                return redirect("accounts:second_factor")
        return render(request, _SETTINGS_TEMPLATE, _settings_context(request.user, form))
