from django import template
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

from core.languages import unprefixed_path
from core.templatetags.translated import block_in_language
from core.translated import localized

register = template.Library()


@register.simple_tag(takes_context=True)
def aria_current(context, prefix: str):
    """` aria-current="page"` on the navigation link of the section being shown (`prefix`
    as written in English; the language in the address does not matter)."""
    request = context.get("request")
    path = unprefixed_path(getattr(request, "path", ""))
    current = path == "/" if prefix == "/" else path.startswith(prefix)
    if not current:
        return ""
    return mark_safe(' aria-current="page"' if path in (prefix, "/") else ' aria-current="true"')  # noqa: S308


@register.simple_tag
def localized_richtext(page, name: str) -> str:
    """A page's rich text in the reader's language (the English, marked, until translated)."""
    text = localized(page, name)
    return block_in_language(text, richtext(text))
