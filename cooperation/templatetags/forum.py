from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cooperation.forum.models.commitments import Completion, EarlyResults, UpdateKind

register = template.Library()

# Built once: the labels stay lazy, so each is worded in the reader's language when shown.
COMPLETION_LABELS = dict(Completion.choices)
RESULTS_LABELS = dict(EarlyResults.choices)


@register.filter
def completion_label(value) -> str:
    return COMPLETION_LABELS.get(value or "", _("No update yet"))


@register.filter
def results_label(value) -> str:
    return RESULTS_LABELS.get(value or "", "—")


@register.simple_tag
def completion_badge(item) -> str:
    """A commitment's current completion as a badge, and whether it is only self-reported:
    what cooperation/includes/completion.html writes, without an include per row."""
    level = item.current_completion
    source = ""
    if item.current_source == UpdateKind.SELF_REPORT:
        source = format_html(" <small>({})</small>", _("self-reported, not yet assessed"))
    return format_html(
        '<span class="badge badge--{}">{}</span>{}\n',
        level or "none",
        completion_label(level),
        source,
    )


@register.filter
def source_label(value) -> str:
    return {
        UpdateKind.ASSESSMENT: _("assessed by the secretariat"),
        UpdateKind.SELF_REPORT: _("self-reported, not yet assessed"),
    }.get(value or "", "")


@register.simple_tag
def is_overdue(due_date, completion, today) -> bool:
    return due_date < today and completion != Completion.COMPLETE
