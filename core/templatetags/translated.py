"""Content texts in the reader's language (core/translated.py).

- `{{ call|localized:"title" }}`: the text, and where the French is not written yet the
  English in `<span lang="en">` with a visible "(in English)";
- `{{ call|localized_text:"description" }}`: the text alone, for `<title>`, attributes and
  filters such as `linebreaks` or `richtext` (`.fallback` tells whether it is the English);
- `{% untranslated_note text %}`: the block-level marker under a long English text."""

from django import template
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.translated import Localized, localized

register = template.Library()


@register.filter
def localized_text(obj, name: str) -> Localized:
    return localized(obj, name)


@register.filter(name="localized")
def localized_inline(obj, name: str) -> str:
    text = localized(obj, name)
    if not text.fallback:
        return text
    return format_html(
        '<span lang="{}">{}</span> <span class="untranslated">({})</span>',
        text.language,
        text,
        _("in English"),
    )


@register.simple_tag
def untranslated_note(text) -> str:
    if not getattr(text, "fallback", False):
        return ""
    return format_html(
        '<p class="untranslated">{}</p>', _("This text is not yet translated into French.")
    )


def block_in_language(text: Localized, html: str) -> str:
    """A formatted long text (`html`, already safe) in an element that carries its
    language, followed by the marker when it is the English standing in for the French."""
    if not text.fallback:
        return html
    return format_html('<div lang="{}">{}</div>{}', text.language, html, untranslated_note(text))


@register.simple_tag
def localized_paragraphs(obj, name: str, breaks: str = "paragraphs") -> str:
    """A plain long text in the reader's language as paragraphs (`linebreaks`), or with
    line breaks only (`breaks="lines"`, `linebreaksbr`)."""
    text = localized(obj, name)
    html = (
        linebreaksbr(text, autoescape=True)
        if breaks == "lines"
        else linebreaks_filter(text, autoescape=True)
    )
    return block_in_language(text, html)
