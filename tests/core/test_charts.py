from decimal import Decimal

import pytest
from django.template import Context, Engine, Template
from django.test import override_settings
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.charts import BAR_HEIGHT, BAR_SPACE, WIDTH, chart_bars, chart_html

# What templates/includes/bar_chart.html held when the charts were drawn by the template
# language: the Python writer must give its HTML byte for byte.
TEMPLATE_BEFORE = """{% load i18n amounts %}<figure class="chart">
  <figcaption>{{ caption }}</figcaption>
  {% if bars %}
  <svg class="chart__drawing" viewBox="0 0 {{ width }} {{ height }}" aria-hidden="true" focusable="false">
    {% for bar in bars %}
      <text x="0" y="{{ bar.label_y }}" class="chart__label">{{ bar.label|truncatechars:60 }}</text>
      <rect x="0" y="{{ bar.bar_y }}" width="{{ bar.width|stringformat:'s' }}" height="{{ bar_height }}" class="chart__bar"></rect>
      <text x="{{ bar.value_x|stringformat:'s' }}" y="{{ bar.bar_y|add:10 }}" class="chart__value">{% if money %}{{ bar.value|euros }}{% else %}{{ bar.value }}{% endif %}</text>
    {% endfor %}
  </svg>
  {% endif %}
  <table class="visually-hidden">
    <caption>{{ caption }}</caption>
    <thead><tr><th scope="col">{% trans "Group" %}</th><th scope="col" class="number">{% trans "Value" %}</th></tr></thead>
    <tbody>
    {% for bar in bars %}<tr><th scope="row">{{ bar.label }}</th><td class="number">{% if money %}{{ bar.value|euros }}{% else %}{{ bar.value }}{% endif %}</td></tr>
    {% empty %}<tr><td colspan="2">{{ empty|default:_("Nothing to show yet.") }}</td></tr>{% endfor %}
    </tbody>
  </table>
  {% if not bars %}<p>{{ empty|default:_("Nothing to show yet.") }}</p>{% endif %}
</figure>
"""


def _before(caption, pairs, money=False, empty=""):
    bars, height = chart_bars(pairs)
    context = {
        "caption": caption,
        "bars": bars,
        "height": height,
        "width": WIDTH,
        "bar_height": BAR_HEIGHT,
        "money": money,
        "empty": empty,
    }
    return Engine.get_default().from_string(TEMPLATE_BEFORE).render(Context(context))


def _now(caption, pairs, money=False, empty=""):
    bars, height = chart_bars(pairs)
    return chart_html(caption=caption, bars=bars, height=height, money=money, empty=empty)


LABELS = [
    "Horizon Europe",
    'Fonds <Sécurité> intérieure & "partenaires" d\'Europe',
    "x" * 60,
    "y" * 61,
    "Réseau européen de prévention " * 4,
    "e\u0301" * 45,  # combining accents count for nothing in the cut
    "e\u0301" * 70,
    mark_safe("<em>already safe</em>"),
    gettext_lazy("No update yet"),
    "",
]
CASES = [
    ("ints", [(label, n * 7) for n, label in enumerate(LABELS)], False),
    ("money", [(label, Decimal("1234567.5") / (n + 1)) for n, label in enumerate(LABELS)], True),
    ("decimals", [(label, Decimal("12.25") * n) for n, label in enumerate(LABELS)], False),
    ("big", [(f"Row {n}", 1000 * n + 1) for n in range(40)], False),  # coordinates past 1,000
    ("zeros and none", [("A", 0), ("B", None), ("C", 0.5)], False),
    ("one", [("Only", 3)], True),
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("name", "pairs", "money"), CASES, ids=[case[0] for case in CASES])
def test_the_chart_is_what_the_template_wrote(language, name, pairs, money):
    with translation.override(language):
        for caption in ("By <programme> & year", mark_safe("Déjà « sûr »"), gettext_lazy("Value")):
            assert _now(caption, pairs, money) == _before(caption, pairs, money)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_empty_chart_is_what_the_template_wrote(language):
    with translation.override(language):
        for empty in ("", "No <projects> & co", mark_safe("Pas d'<em>engagement</em>")):
            assert _now("Nothing", [], empty=empty) == _before("Nothing", [], empty=empty)


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_numbers_follow_the_number_format_as_the_template_did():
    pairs = [(f"Row {n}", 1000 * n) for n in range(30)]
    with translation.override("fr"):
        assert _now("Big", pairs) == _before("Big", pairs)
        assert "1\u202f000" in _now("Big", pairs)


def test_the_tag_passes_the_templates_translated_texts_as_safe():
    # A template's _("…") is marked safe: neither way escapes it (the French has an
    # apostrophe, which escaping would change).
    rows = [("Group <1>", 2, 3)]
    tag = Template('{% load charts %}{% bar_chart _("Nothing to show yet.") rows value=2 %}')
    empty = Template('{% load charts %}{% bar_chart "C" none empty=_("Nothing to show yet.") %}')
    with translation.override("fr"):
        html = tag.render(Context({"rows": rows}))
        assert html == _before(mark_safe("Rien à afficher pour l’instant."), [("Group <1>", 3)])
        assert "Group &lt;1&gt;" in html
        html = empty.render(Context({"none": []}))
        assert html == _before("C", [], empty=mark_safe("Rien à afficher pour l’instant."))


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
