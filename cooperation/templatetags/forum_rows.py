"""The rows of the forum's commitment tables, written in Python: through the template
language each of a row's dozen cells was a tag or filter resolved, localised and escaped
one at a time (the commitments list's 25 rows; the dashboard's ten overdue commitments,
ten overdue milestones and ten latest updates). The
HTML is exactly the templates' (tests/cooperation/forum/test_rows.py renders both ways and
compares), each cell by the same function the template's filter or tag called."""

from django import template
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from cooperation.templatetags.forum import (
    completion_badge,
    completion_label,
    is_overdue,
    kind_label,
    results_label,
)
from cooperation.templatetags.forum import record_url as _record_url
from core.display import show_date, show_iso
from core.templatetags.translated import localized_inline

register = template.Library()


def _text(value) -> str:
    return conditional_escape(value if isinstance(value, str) else str(value))


def _number(value: int) -> str:
    # Below a thousand, grouping never applies: the number is its digits.
    return str(value) if -1000 < value < 1000 else number_format(value)


def _common(item, today, overdue: str) -> dict:
    """The cells both tables show: the title, the workstream, the due date (and whether it
    is past), the completion badge."""
    late = overdue if is_overdue(item.due_date, item.current_completion, today) else ""
    return {
        "title": _text(item.title),
        "workstream": _text(localized_inline(item.workstream, "name")),
        "due": (
            f'<time datetime="{_text(show_iso(item.due_date))}">'
            f"{_text(show_date(item.due_date, short=True))}</time>{late}"
        ),
        "badge": completion_badge(item),
    }


def _overdue() -> str:
    return f' <span class="badge badge--overdue">{gettext("Overdue")}</span>'


@register.simple_tag
def commitment_list_rows(commitments, today) -> str:
    """The commitments list's rows (forum_commitment_list.html): the title linked, the
    owner, the workstream, the due date, the completion now, assessed and self-reported,
    the number of milestones."""
    overdue, html = _overdue(), []
    for item in commitments:
        cells = _common(item, today, overdue)
        assessed = item.assessed_completion
        reported = item.reported_completion
        link = _text(_record_url(item.pk, "forum:commitment_detail"))
        html.append(
            "\n    "
            f'<tr><th scope="row"><a href="{link}">'
            f"{cells['title']}</a></th><td>{_text(item.owner.organisation)}</td>"
            f"<td>{cells['workstream']}</td><td>{cells['due']}</td><td>{cells['badge']}</td>"
            f"<td>{_text(completion_label(assessed)) if assessed else '—'}</td>"
            f"<td>{_text(completion_label(reported)) if reported else '—'}</td>"
            f'<td class="number">{_number(item.n_milestones)}</td></tr>\n  '
        )
    if not html:
        html.append(
            f'<tr><td colspan="8">{gettext("No commitment matches these filters.")}</td></tr>'
        )
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped


@register.simple_tag
def commitment_rows(commitments, today, self_service=False, hide_owner=False) -> str:
    """The rows of cooperation/includes/commitment_rows.html: the title linked (to the
    contact's own page in self-service), the owner unless hidden, the workstream, the due
    date, the completion and the early results."""
    name = "forum:my_commitment_detail" if self_service else "forum:commitment_detail"
    overdue, html = _overdue(), []
    for item in commitments:
        cells = _common(item, today, overdue)
        owner = "" if hide_owner else f"<td>{_text(item.owner.organisation)}</td>"
        html.append(
            "\n    <tr>\n"
            f'      <th scope="row"><a href="{_text(_record_url(item.pk, name))}">'
            f"{cells['title']}</a></th>\n"
            f"      {owner}\n"
            f"      <td>{cells['workstream']}</td>\n"
            f"      <td>{cells['due']}</td>\n"
            f"      <td>{cells['badge']}</td>\n"
            f"      <td>{_text(results_label(item.current_results))}</td>\n"
            "    </tr>\n  "
        )
    if not html:
        html.append(f'\n    <tr><td colspan="6">{gettext("No commitments.")}</td></tr>\n  ')
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped


def _detail(pk) -> str:
    return _text(_record_url(pk, "forum:commitment_detail"))


def _day(value, *, short: bool) -> str:
    return (
        f'<time datetime="{_text(show_iso(value))}">{_text(show_date(value, short=short))}</time>'
    )


@register.simple_tag
def overdue_milestone_rows(milestones) -> str:
    """The dashboard's overdue milestones: the milestone, its commitment linked, the
    owner, the due date."""
    html = [
        f'<tr><th scope="row">{_text(m.title)}</th>'
        f'<td><a href="{_detail(m.commitment_id)}">'
        f"{_text(m.commitment.title)}</a></td><td>{_text(m.commitment.owner.organisation)}</td>"
        f"<td>{_day(m.due_date, short=True)}</td></tr>"
        for m in milestones
    ]
    return mark_safe(  # noqa: S308 - every text is escaped
        "".join(html) or f'<tr><td colspan="4">{gettext("No overdue milestones.")}</td></tr>'
    )


@register.simple_tag
def recent_update_rows(updates) -> str:
    """The dashboard's latest progress updates: the date, the commitment linked and its
    owner, the kind, the completion reported, who reported it."""
    html = [
        f"<tr><td>{_day(u.date, short=True)}</td>"
        f'<th scope="row"><a href="{_detail(u.commitment_id)}">'
        f"{_text(u.commitment.title)}</a> ({_text(u.commitment.owner.organisation)})</th>"
        f"<td>{_text(kind_label(u.kind))}</td><td>{_text(completion_label(u.completion))}</td>"
        f"<td>{_text(u.reported_by or '—')}</td></tr>"
        for u in updates
    ]
    return mark_safe(  # noqa: S308 - every text is escaped
        "".join(html) or f'<tr><td colspan="5">{gettext("No updates yet.")}</td></tr>'
    )
