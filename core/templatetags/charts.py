from django import template

from core.charts import chart_bars, chart_html

register = template.Library()


@register.simple_tag
def bar_chart(caption, rows, label=0, value=1, money=False, empty=""):
    """`{% bar_chart _("Projects by health") rows label=0 value=2 %}`: the chart, and the
    same figures as a table for screen readers (the drawing itself is hidden from them)."""
    bars, height = chart_bars((row[label], row[value]) for row in rows)
    return chart_html(caption=caption, bars=bars, height=height, money=money, empty=empty)
