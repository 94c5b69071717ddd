"""The sitemap names every page in each language (English unprefixed, French under /fr/)
and, for each, its other-language address (`<xhtml:link rel="alternate" hreflang>`), as
search engines read a bilingual site."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap

from core.languages import localized_path


class BilingualSitemap(Sitemap):
    alternates = True

    def _urls(self, page, protocol, domain):
        entries = []
        for entry in super()._urls(page, protocol, domain):
            parts = urlsplit(entry["location"])
            versions = [
                {
                    "lang_code": code,
                    "location": urlunsplit(parts._replace(path=localized_path(parts.path, code))),
                }
                for code, _name in settings.LANGUAGES
            ]
            entries.extend(
                {**entry, "location": version["location"], "alternates": versions}
                for version in versions
            )
        return entries
