"""The default Wagtail site follows `settings.SITE_URL`, so every full page URL Wagtail builds
(sitemap, feeds, e-mails) names the real address rather than Wagtail's initial localhost."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, transaction
from wagtail.models import Site


def site_record_sync(*, url: str | None = None) -> Site | None:
    """Point the default site's hostname and port at `url` (the setting by default)."""
    parts = urlsplit(url or settings.SITE_URL)
    if not parts.hostname:
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (parts.hostname, port):
        return site
    # An update, not save(): Wagtail's save signal clears its cache, whose database table
    # does not exist yet while `migrate` runs (createcachetable comes after it).
    Site.objects.filter(pk=site.pk).update(hostname=parts.hostname, port=port)
    site.hostname, site.port = parts.hostname, port
    try:
        with transaction.atomic():
            Site.clear_site_root_paths_cache()
    except DatabaseError:
        pass  # no cache table yet: nothing was cached either
    return site


def keep_site_record_in_line(sender, **kwargs) -> None:
    """post_migrate receiver: after every migrate, the site record names the setting's address."""
    if Site.objects.using(kwargs.get("using", "default")).exists():
        site_record_sync()
