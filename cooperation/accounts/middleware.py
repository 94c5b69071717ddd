from urllib.parse import quote

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from cooperation.accounts.roles import needs_second_factor
from core.languages import unprefixed_path

_EXEMPT_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/i18n/")


class StaffTwoFactorMiddleware:
    """Until a staff member has passed the second factor in this session, every page but
    the second-factor page and sign-out sends them there: to set up an authenticator app
    if they have none yet, else to type its code (or a recovery code).

    Installed after django-otp's `OTPMiddleware`, which gives `request.user.is_verified()`:
    true once `django_otp.login()` has recorded a device of this user in the session, and
    false again if that device is removed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and user.is_authenticated
            and not unprefixed_path(request.path).startswith(_EXEMPT_PREFIXES)
            and not user.is_verified()
            and needs_second_factor(user)
        ):
            target = reverse("accounts:two_factor")
            return redirect(f"{target}?next={quote(request.get_full_path())}")
        return self.get_response(request)
