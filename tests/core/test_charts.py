from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from core.charts import BAR_SPACE, chart_bars


def test_bars_are_in_proportion_to_the_largest_value():
    bars, height = chart_bars([("Horizon Europe", Decimal("300")), ("ISF", 150), ("None yet", 0)])
    assert [bar.width for bar in bars] == [BAR_SPACE, BAR_SPACE / 2, 0]
    assert height == 3 * (bars[1].y - bars[0].y)
    assert chart_bars([("Big", 1_000_000), ("Tiny", 1)])[0][1].width == 1.0
    assert chart_bars([]) == ([], 40)


def test_the_chart_carries_its_table():
    template = Template('{% load charts %}{% bar_chart "By programme" rows value=2 money=True %}')
    with translation.override("en"):
        html = template.render(Context({"rows": [("ISF", 3, Decimal("1500000"))]}))
    assert '<svg class="chart__drawing"' in html and 'aria-hidden="true"' in html
    assert '<th scope="row">ISF</th><td class="number">€1,500,000</td>' in html
    assert "<script" not in html
