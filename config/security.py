"""Response headers and log hygiene that every page gets."""

import logging
import re

from django.conf import settings

_PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
# Wagtail 8's own admin templates still carry a few inline scripts (date pickers, inline
# panels), so the staff CMS at /admin/ alone may run inline scripts from its own pages.
_WAGTAIL_ADMIN_POLICY = {**_PUBLIC_POLICY, "script-src": "'self' 'unsafe-inline'"}


def _header(policy: dict) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


PUBLIC_CSP = _header(_PUBLIC_POLICY)
WAGTAIL_ADMIN_CSP = _header(_WAGTAIL_ADMIN_POLICY)


class ContentSecurityPolicyMiddleware:
    """Only the project's own scripts run: no inline script, no third-party origin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(settings.WAGTAIL_ADMIN_PATH)
            response["Content-Security-Policy"] = WAGTAIL_ADMIN_CSP if admin else PUBLIC_CSP
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


_EMAIL = re.compile(r"[\w.+-]+(@|%40)[\w-]+(\.[\w-]+)+")


def redact_emails(text: str) -> str:
    """The text with every e-mail address (also URL-encoded) replaced by [e-mail]."""
    return _EMAIL.sub("[e-mail]", text) if "@" in text or "%40" in text else text


def redact_emails_in(value):
    """The value (text, or lists and dicts of them) with every e-mail address masked."""
    if isinstance(value, str):
        return redact_emails(value)
    if isinstance(value, dict):
        return {key: redact_emails_in(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact_emails_in(item) for item in value]
    return value


class RedactPersonalData(logging.Filter):
    """Mask e-mail addresses in log lines: logs are kept longer, and by more people, than
    the data itself."""

    def filter(self, record):
        message = record.getMessage()
        redacted = redact_emails(message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True
