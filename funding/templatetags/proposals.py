"""What the applicant area's templates write: a partner role's label, and the applicant
dashboard's rows (`applicant_rows`), written in Python from the filters its template loop
used, one variable at a time, for each of a page's 20 rows × 6 cells. The HTML is exactly
the template's (tests/funding/proposals/test_dashboard_rows.py renders both ways and
compares)."""

from django import template
from django.template.defaultfilters import timeuntil_filter
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.addresses import row_addresses
from core.display import show_datetime, show_iso
from funding.proposals.models import PartnerRole
from funding.templatetags.evaluation import applicant_status, applicant_status_code

register = template.Library()


def _text(value) -> str:
    return conditional_escape(str(value))


@register.filter
def partner_role(code) -> str:
    """The label of a partner role stored as its code (submission snapshots keep codes)."""
    return dict(PartnerRole.choices).get(code, code)


def _deadline(proposal) -> str:
    deadline = proposal.topic.deadline_at
    shown = (
        f'<time datetime="{_text(show_iso(deadline))}">'
        f"{_text(show_datetime(deadline, short=True))}</time>"
    )
    if proposal.time_left.total_seconds() > 0:
        left = gettext("%(left)s left") % {"left": _text(timeuntil_filter(deadline))}
        shown += f"<br><small>{left}</small>"
    return shown


@register.simple_tag
def applicant_rows(proposals) -> str:
    """The dashboard's proposals (`Proposal.objects.for_dashboard`, each given its
    `next_action` and `time_left` by the view): the link, the topic, the coordinator, the
    status the applicant sees, the deadline and the time left, the next action."""
    link = row_addresses("applicant:proposal")
    html = []
    for proposal in proposals:
        html.append(
            "\n    <tr>\n"
            f'      <th scope="row"><a href="{_text(link(proposal.pk))}">'
            f"{_text(proposal.number)} {_text(proposal.acronym)}</a></th>\n"
            f"      <td>{_text(proposal.topic.identifier)}</td>\n"
            f"      <td>{_text(proposal.coordinator)}</td>\n"
            f'      <td><span class="badge badge--{_text(applicant_status_code(proposal))}">'
            f"{_text(applicant_status(proposal))}</span></td>\n"
            f"      <td>{_deadline(proposal)}</td>\n"
            f"      <td>{_text(proposal.next_action)}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped
