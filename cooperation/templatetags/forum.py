from django import template
from django.utils.translation import gettext as _

from cooperation.forum.models.commitments import Completion, EarlyResults, UpdateKind

register = template.Library()


@register.filter
def completion_label(value) -> str:
    return dict(Completion.choices).get(value or "", _("No update yet"))


@register.filter
def results_label(value) -> str:
    return dict(EarlyResults.choices).get(value or "", "—")


@register.filter
def source_label(value) -> str:
    return {
        UpdateKind.ASSESSMENT: _("assessed by the secretariat"),
        UpdateKind.SELF_REPORT: _("self-reported, not yet assessed"),
    }.get(value or "", "")


@register.simple_tag
def is_overdue(due_date, completion, today) -> bool:
    return due_date < today and completion != Completion.COMPLETE
