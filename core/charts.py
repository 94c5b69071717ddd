"""Bar charts drawn on the server as SVG: no script, nothing fetched, the page's CSP
untouched. Each bar row is a label on its own line with the bar and its figure below, so
the chart reads on a phone as well as on a desk; the figures are also in a table."""

from dataclasses import dataclass
from decimal import Decimal

ROW_HEIGHT = 40
LABEL_BASELINE = 14
BAR_TOP = 20
BAR_HEIGHT = 12
BAR_SPACE = 280  # of the 400 units of the chart's width; the figure goes after the bar
WIDTH = 400


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
