"""Addresses in the visitor's language: `{{ "/calls/"|localized_path }}` gives '/fr/calls/'
on a French page; `{% alternate_links %}` names the page in every language (hreflang)."""

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join

from core import languages
from core.sites import absolute_url, site_url

register = template.Library()


@register.filter
def localized_path(path: str) -> str:
    return languages.localized_path(path)


@register.filter
def unprefixed_path(path: str) -> str:
    """The address without its language, as the language switch's `next` (Django's
    `set_language` resolves it in the switch's own language, English)."""
    return languages.unprefixed_path(path)


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """`<link rel="alternate" hreflang>` for each language and x-default (the English)."""
    request = context.get("request")
    if request is None:
        return ""
    base = site_url(request)
    alternates = languages.alternate_paths(request.get_full_path())
    links = [(code, absolute_url(path, base=base)) for code, path in alternates]
    default = dict(links)[settings.LANGUAGE_CODE]
    return format_html_join(
        "\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links
    ) + format_html('\n  <link rel="alternate" hreflang="x-default" href="{}">', default)
