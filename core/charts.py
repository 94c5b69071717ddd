"""Bar charts drawn on the server as SVG: no script, nothing fetched, the page's CSP
untouched. Each bar row is a label on its own line with the bar and its figure below, so
the chart reads on a phone as well as on a desk; the figures are also in a table.

The chart's HTML is written here in Python (`chart_html`), exactly what the template
`includes/bar_chart.html` wrote before (tests/core/test_charts.py renders both and compares
them): through the template language each of a bar's coordinates was a variable resolved,
localised and escaped, and each label went through `truncatechars`, which asks the
translation catalogue for its ellipsis every time — some 3 ms of a dashboard's four charts.
"""

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import localize, number_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from core.display import show_euros

ROW_HEIGHT = 40
LABEL_BASELINE = 14
BAR_TOP = 20
BAR_HEIGHT = 12
BAR_SPACE = 280  # of the 400 units of the chart's width; the figure goes after the bar
WIDTH = 400
LABEL_LENGTH = 60  # the drawing's labels are cut there (the table keeps them whole)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int
    y: int
    label_y: int
    bar_y: int
    width: float
    value_x: float


def chart_bars(pairs) -> tuple[list[Bar], int]:
    """(bars, chart height) for (label, value) pairs: widths in proportion to the
    largest value, at least a sliver for any value above zero."""
    pairs = [(str(label), value or 0) for label, value in pairs]
    largest = max((value for _, value in pairs), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(pairs):
        y = index * ROW_HEIGHT
        width = round(float(value) * BAR_SPACE / float(largest), 1)
        if value and width < 1:
            width = 1.0
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                label_y=y + LABEL_BASELINE,
                bar_y=y + BAR_TOP,
                width=width,
                value_x=width + 6,
            )
        )
    return bars, max(len(bars) * ROW_HEIGHT, ROW_HEIGHT)


def _number(value: int) -> str:
    """A whole number as the template shows it: below a thousand no grouping applies, so
    it is its digits; above, the active language's number format (as localisation does)."""
    return str(value) if -1000 < value < 1000 else number_format(value)


def _text(value) -> str:
    """A value as `{{ value }}` writes it: localised, then escaped unless marked safe."""
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _short(label: str) -> str:
    """`{{ label|truncatechars:60 }}`: the label (normalised as Truncator does) when short
    enough, which it almost always is; otherwise Truncator's own cut."""
    text = unicodedata.normalize("NFC", label)
    if len(text) > LABEL_LENGTH:
        text = Truncator(label).chars(LABEL_LENGTH)
    return mark_safe(text) if isinstance(label, SafeData) else text  # noqa: S308 - as given


def chart_html(*, caption, bars: list[Bar], height: int, money: bool, empty) -> str:
    """The figure: the drawing (hidden from screen readers) and the same figures as a
    table. A caption or text given marked safe (a template's `_("…")`) is written as is,
    anything else escaped, as the template did."""
    caption = _text(caption)
    html = [f'<figure class="chart">\n  <figcaption>{caption}</figcaption>\n  ']
    figures = [
        conditional_escape(show_euros(bar.value)) if money else _text(bar.value) for bar in bars
    ]
    if bars:
        html.append(
            f'\n  <svg class="chart__drawing" viewBox="0 0 {_number(WIDTH)} {_number(height)}"'
            ' aria-hidden="true" focusable="false">\n    '
        )
        for bar, figure in zip(bars, figures, strict=True):
            html.append(
                f'\n      <text x="0" y="{_number(bar.label_y)}" class="chart__label">'
                f"{conditional_escape(_short(bar.label))}</text>\n"
                f'      <rect x="0" y="{_number(bar.bar_y)}" width="{bar.width!s}"'
                f' height="{_number(BAR_HEIGHT)}" class="chart__bar"></rect>\n'
                f'      <text x="{bar.value_x!s}" y="{_number(int(bar.bar_y) + 10)}"'
                f' class="chart__value">{figure}</text>\n    '
            )
        html.append("\n  </svg>\n  ")
    nothing = _text(empty or mark_safe(gettext("Nothing to show yet.")))  # noqa: S308 - ours
    html.append(
        '\n  <table class="visually-hidden">\n'
        f"    <caption>{caption}</caption>\n"
        f'    <thead><tr><th scope="col">{gettext("Group")}</th>'
        f'<th scope="col" class="number">{gettext("Value")}</th></tr></thead>\n'
        "    <tbody>\n    "
    )
    for bar, figure in zip(bars, figures, strict=True):
        html.append(
            f'<tr><th scope="row">{_text(bar.label)}</th>'
            f'<td class="number">{figure}</td></tr>\n    '
        )
    if not bars:
        html.append(f'<tr><td colspan="2">{nothing}</td></tr>')
    html.append("\n    </tbody>\n  </table>\n  ")
    if not bars:
        html.append(f"<p>{nothing}</p>")
    html.append("\n</figure>\n")
    # Every text above is escaped (or was given marked safe); the rest are numbers.
    return mark_safe("".join(html))  # noqa: S308
