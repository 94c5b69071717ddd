"""The second factor for staff: enrol an authenticator app once, then type its code after
the password in every new session."""

import time

import segno
from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cooperation.accounts import services, throttle, totp
from cooperation.accounts.middleware import SESSION_KEY
from cooperation.accounts.permissions import can_edit_profile
from cooperation.models import TOTPDevice
from core.views import RuleRequiredMixin

_PENDING_SECRET = "two_factor_pending_secret"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class TwoFactorView(RuleRequiredMixin, View):
    rule = can_edit_profile
    template_name = "accounts/two_factor.html"

    def _next_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next") or "/"
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return "/"

    def _device(self):
        return TOTPDevice.objects.filter(user=self.request.user, confirmed_at__isnull=False).first()

    def _context(self, form, device):
        context = {"form": form, "next": self._next_url(), "enrolling": device is None}
        if device is None:
            secret = self.request.session.get(_PENDING_SECRET)
            if not secret:
                secret = self.request.session[_PENDING_SECRET] = totp.new_secret()
            uri = totp.provisioning_uri(
                secret, account=self.request.user.email, issuer=settings.WAGTAIL_SITE_NAME
            )
            # segno writes only its own SVG markup from the URI: nothing typed by a user.
            context["qr_svg"] = mark_safe(  # noqa: S308
                segno.make(uri, error="m").svg_inline(scale=4, title=_("Authenticator set-up code"))
            )
            context["secret_groups"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        return context

    def get(self, request):
        return render(request, self.template_name, self._context(CodeForm(), self._device()))

    def post(self, request):
        form = CodeForm(request.POST)
        device = self._device()
        subject = [f"user:{request.user.pk}"]
        if throttle.is_blocked("second-factor", subject, settings.LOGIN_FAILURES_PER_ACCOUNT):
            form.add_error(None, _("Too many wrong codes. Wait a few minutes and try again."))
            return render(request, self.template_name, self._context(form, device), status=429)
        if form.is_valid():
            try:
                if device is None:
                    services.totp_device_confirm(
                        user=request.user,
                        secret=request.session.get(_PENDING_SECRET, ""),
                        code=form.cleaned_data["code"],
                        now=time.time(),
                    )
                else:
                    services.totp_verify(
                        user=request.user, code=form.cleaned_data["code"], now=time.time()
                    )
            except services.SecondFactorError as error:
                throttle.record_attempt("second-factor", subject, settings.LOGIN_FAILURE_WINDOW)
                form.add_error("code", str(error))
            else:
                throttle.clear_attempts("second-factor", subject)
                request.session.cycle_key()
                request.session.pop(_PENDING_SECRET, None)
                request.session[SESSION_KEY] = request.user.pk
                return redirect(self._next_url())
        return render(request, self.template_name, self._context(form, device))
