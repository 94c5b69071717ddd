"""The rows of the evaluation's long tables, written in Python: through the template
language each cell of the topic page's progress per expert (50 experts × 8 figures) and
page of proposals (25 × 6), and of the expert dashboard's assignments (25 rows), was a
variable resolved, localised and escaped, or a text translated, one at a time. The HTML is
exactly the template's (tests/funding/evaluation/test_topic_page.py renders both ways and
compares); a figure of 1,000 or more is formatted as the template would, in the active
language's number format."""

from django import template
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

_PLAIN = ("assigned", "declared", "conflicts", "drafts", "submitted")


def _number(value: int) -> str:
    # Below a thousand, grouping never applies: the number is its digits.
    return str(value) if -1000 < value < 1000 else number_format(value)


def _waiting(value: int) -> str:
    return f"<strong>{_number(value)}</strong>" if value else "0"


def _text(value) -> str:
    return conditional_escape(str(value))


@register.simple_tag
def progress_rows(rows) -> str:
    """`topic_expert_progress` rows: the expert, then the figures, those waiting in bold."""
    html = []
    for row in rows:
        cells = [_waiting(row.to_sign), _waiting(row.to_write)]
        cells += [_number(getattr(row, name)) for name in _PLAIN]
        html.append(
            f'<tr><th scope="row">{_text(row)}</th>'
            + "".join(f'<td class="number">{cell}</td>' for cell in cells)
            + "</tr>"
        )
    return mark_safe("".join(html))  # noqa: S308 - the name is escaped, the rest are digits


@register.simple_tag
def proposal_rows(proposals) -> str:
    """`topic_page.label_rows` proposals: the link, the coordinator, the status, the
    experts cleared, the reports submitted and the consensus report's status."""
    html = []
    for proposal in proposals:
        html.append(
            "\n    <tr>\n"
            f'      <th scope="row"><a href="{_text(proposal.link)}">'
            f"{_text(proposal.number)} {_text(proposal.acronym)}</a></th>\n"
            f"      <td>{_text(proposal.coordinator)}</td>\n"
            f"      <td>{_text(proposal.status_label)}</td>\n"
            f'      <td class="number">{_number(proposal.n_experts)}</td>\n'
            f'      <td class="number">{_number(proposal.n_submitted)}</td>\n'
            f"      <td>{_text(proposal.consensus_label or '—')}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped


@register.simple_tag
def assignment_rows(assignments) -> str:
    """`listing.expert_assignment_rows`: the proposal, the topic and the next step."""
    released = _text(gettext("Released: you declared a conflict of interest."))
    sign = _text(gettext("Sign the conflict of interest declaration"))
    done, consensus = _text(gettext("Report submitted")), _text(gettext("Consensus"))
    write = _text(gettext("Write my report"))
    html = []
    for row in assignments:
        if row.released:
            step = released
        elif not row.declared:
            step = f'<a href="{_text(row.links["declare"])}">{sign}</a>'
        else:
            then = (
                f'{done} · <a href="{_text(row.links["consensus"])}">{consensus}</a>'
                if row.submitted
                else f'<a href="{_text(row.links["report"])}">{write}</a>'
            )
            step = (
                f'<a href="{_text(row.links["proposal"])}">{_text(row.acronym)}</a> —\n'
                f"          {then}"
            )
        html.append(
            "\n    <tr>\n"
            f'      <th scope="row">{_text(row.number)}</th>\n'
            f"      <td>{_text(row.topic)}</td>\n"
            f"      <td>{step}\n        </td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped
