from django import template

from core.charts import BAR_HEIGHT, WIDTH, chart_bars

register = template.Library()


@register.inclusion_tag("includes/bar_chart.html")
def bar_chart(caption, rows, label=0, value=1, money=False, empty=""):
    """`{% bar_chart _("Projects by health") rows label=0 value=2 %}`: the chart, and the
    same figures as a table for screen readers (the drawing itself is hidden from them)."""
    pairs = [(row[label], row[value]) for row in rows]
    bars, height = chart_bars(pairs)
    return {
        "caption": caption,
        "bars": bars,
        "height": height,
        "width": WIDTH,
        "bar_height": BAR_HEIGHT,
        "money": money,
        "empty": empty,
    }
