"""The site's address, for absolute links in e-mails: the web layer reads it from the request
and passes it to the services, which never see a request; work done without a request (the
task worker, cron commands) uses the configured address, `SITE_URL` (Wagtail's own notices
use it too: `WAGTAILADMIN_BASE_URL` is set from it)."""

from django.conf import settings


def site_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def configured_site_url() -> str:
    """The site's address as configured (no trailing slash), for work outside a request."""
    return str(settings.SITE_URL).rstrip("/")


def absolute_url(path: str, *, base: str = "") -> str:
    """`path` (as `reverse` gives it) on `base`, or on the configured address without one."""
    return (base or configured_site_url()).rstrip("/") + path
