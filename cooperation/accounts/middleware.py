from urllib.parse import quote

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from cooperation.accounts.roles import needs_second_factor

SESSION_KEY = "two_factor_verified_user"
_EXEMPT_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/i18n/")


class StaffTwoFactorMiddleware:
    """Until a staff member has confirmed their authenticator code in this session, every
    page but the second-factor page and sign-out sends them there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and user.is_authenticated
            and request.session.get(SESSION_KEY) != user.pk
            and not request.path.startswith(_EXEMPT_PREFIXES)
            and needs_second_factor(user)
        ):
            target = reverse("accounts:two_factor")
            return redirect(f"{target}?next={quote(request.get_full_path())}")
        return self.get_response(request)
