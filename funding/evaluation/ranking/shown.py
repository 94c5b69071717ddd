"""The rows of the ranking page (frozen or live) as they are shown: each row's table row
written once in Python, as Django's admin writes its change list rows, instead of about
twenty template lookups, filters, `{% url %}` and a loop over the scores per row. Every
text is escaped as the template escapes it (`html.escape`, what django.utils.html.escape
calls); numbers are digits and the language's separator. The page's HTML is the
template's, byte for byte (tests/funding/evaluation/test_ranking_shown.py)."""

from collections.abc import Callable
from decimal import Decimal
from html import escape

from django.conf import settings
from django.urls import reverse
from django.utils.formats import get_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.display import show_euros
from funding.evaluation.ranking.rules import Ranked

ROW = (
    "\n    <tr>\n"
    '      <td class="number">{}</td>\n'
    '      <th scope="row"><a href="{}">{}</a></th>\n'
    "      {}\n"
    '      <td class="number">{}</td>\n'
    '      <td class="number">{}</td>\n'
    '      <td class="number">{}</td>\n'
    "      <td>{}</td>\n"
    "      <td>{}{}</td>\n"
    "    </tr>\n  "
)
SCORE = '<td class="number">{}</td>'
TIED = "<strong>{}</strong> "


def _proposal_urls() -> Callable[[int], str]:
    """The evaluation page of a proposal by id: its address reversed once for the page."""
    marker = 999_999_999
    head, tail = reverse("evaluation:proposal", args=[marker]).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def _numbers() -> Callable[[object], object]:
    """`localize` as the template applies it to a value: a decimal in the reader's language
    without grouping is its digits with the language's decimal separator, read once."""
    if settings.USE_THOUSAND_SEPARATOR:
        return localize
    separator = get_format("DECIMAL_SEPARATOR")

    def number(value):
        if isinstance(value, Decimal):
            return f"{value:f}".replace(".", separator)
        return localize(value)

    return number


def shown_rows(rows: list[Ranked]) -> list[SafeString]:
    """The page's rows (`ranking_page`'s, with `score_list`) as table rows."""
    url, number = _proposal_urls(), _numbers()
    tied = TIED.format(escape(_("Tie broken by:")))
    shown = []
    for row in rows:
        candidate, outcome = row.candidate, row.candidate.outcome
        listed = str(row.list_kind.label)
        if not outcome.passed:
            listed = f"{listed} — {outcome.explanation}"
        separated = row.separated_by or "—"
        if row.separated_code == "panel_priority" and candidate.panel_reason:
            separated = f"{separated} ({candidate.panel_reason})"
        scores = "".join(
            SCORE.format("—" if score is None else escape(str(number(score))))
            for score in row.score_list
        )
        html = ROW.format(
            escape(str(number(row.position))),
            escape(url(candidate.proposal_id)),
            escape(f"{candidate.number} {candidate.label}"),
            scores,
            escape(str(number(outcome.total))),
            escape(str(number(outcome.weighted_total))),
            escape(show_euros(candidate.requested)),
            escape(listed),
            tied if row.tied_with_next else "",
            escape(separated),
        )
        shown.append(mark_safe(html))  # noqa: S308 - every value above is escaped
    return shown
