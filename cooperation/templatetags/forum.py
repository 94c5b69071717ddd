from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cooperation.forum.models.commitments import Completion, EarlyResults, UpdateKind
from cooperation.forum.selectors import country_names
from core.addresses import row_address

register = template.Library()

LABELS = {
    "completion": {"": gettext_lazy("No update yet"), **dict(Completion.choices)},
    "results": dict(EarlyResults.choices),
    "kind": dict(UpdateKind.choices),
}
_WORDED: dict[tuple[str, str | None], dict[str, str]] = {}


def worded(labels: str) -> dict[str, str]:
    """LABELS[labels] in the active language, translated once per language and process (a
    list shows a few labels per row; each translation asked Django's catalogue again)."""
    key = (labels, get_language())
    words = _WORDED.get(key)
    if words is None:
        words = _WORDED[key] = {value: str(label) for value, label in LABELS[labels].items()}
    return words


@register.filter
def completion_label(value) -> str:
    words = worded("completion")
    return words.get(value or "", words[""])


@register.filter
def results_label(value) -> str:
    return worded("results").get(value or "", "—")


@register.filter
def kind_label(value) -> str:
    """A progress update's kind in words: get_kind_display() without Django rebuilding and
    translating the whole choice map on each row."""
    return worded("kind").get(value, value)


@register.filter
def country_label(code) -> str:
    """`{{ row.country_code|country_label }}`: what `{{ organisation.country.name }}` gives,
    from the countries' names in the reader's language read once (a Country object and its
    translated name per row cost a list page about 0.7 ms)."""
    return country_names().get(code, "")


@register.filter
def record_url(pk, name: str) -> str:
    """`{{ item.pk|record_url:"forum:commitment_detail" }}`: what
    `{% url "forum:commitment_detail" item.pk %}` gives, reversed once per address, language
    and prefix instead of once per row (core.addresses)."""
    return row_address(name, pk)


_BADGES: dict[tuple[str | None, str, str], str] = {}


@register.simple_tag
def completion_badge(item) -> str:
    """A commitment's current completion as a badge, and whether it is only self-reported:
    what cooperation/includes/completion.html writes, without an include per row, each of
    the few badges written once per language."""
    key = (get_language(), item.current_completion, item.current_source)
    badge = _BADGES.get(key)
    if badge is None:
        level, source = key[1], ""
        if item.current_source == UpdateKind.SELF_REPORT:
            source = format_html(" <small>({})</small>", _("self-reported, not yet assessed"))
        badge = _BADGES[key] = format_html(
            '<span class="badge badge--{}">{}</span>{}\n',
            level or "none",
            completion_label(level),
            source,
        )
    return badge


@register.filter
def source_label(value) -> str:
    return {
        UpdateKind.ASSESSMENT: _("assessed by the secretariat"),
        UpdateKind.SELF_REPORT: _("self-reported, not yet assessed"),
    }.get(value or "", "")


@register.simple_tag
def is_overdue(due_date, completion, today) -> bool:
    return due_date < today and completion != Completion.COMPLETE
