"""The ranking page's rows written in Python (funding.evaluation.ranking.shown) are the
table rows the template wrote, byte for byte, in English and in French: the numbers in the
reader's language, every text escaped, the tie, the panel's reason, a missing score."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from funding.evaluation.models import ListKind
from funding.evaluation.ranking.rules import Candidate, Outcome, Ranked
from funding.evaluation.ranking.shown import shown_rows

# The template's row as it was before the rows were written in Python.
FORMER_ROW = Template(
    """{% load i18n amounts %}{% for row in ranked %}
    <tr>
      <td class="number">{{ row.position }}</td>
      <th scope="row"><a href="{% url 'evaluation:proposal' row.candidate.proposal_id %}">{{ row.candidate.number }} {{ row.candidate.label }}</a></th>
      {% for score in row.score_list %}<td class="number">{{ score|default_if_none:"—" }}</td>{% endfor %}
      <td class="number">{{ row.candidate.outcome.total }}</td>
      <td class="number">{{ row.candidate.outcome.weighted_total }}</td>
      <td class="number">{{ row.candidate.requested|euros }}</td>
      <td>{{ row.list_kind.label }}{% if not row.candidate.outcome.passed %} — {{ row.candidate.outcome.explanation }}{% endif %}</td>
      <td>{% if row.tied_with_next %}<strong>{% trans "Tie broken by:" %}</strong> {% endif %}{{ row.separated_by|default:"—" }}{% if row.separated_code == "panel_priority" and row.candidate.panel_reason %} ({{ row.candidate.panel_reason }}){% endif %}</td>
    </tr>
  {% endfor %}"""  # noqa: E501
)


def _row(position, *, passed=True, tied=False, code="weighted_total", **candidate):
    scores = candidate.pop("scores", [Decimal("4.50"), None, Decimal("3.00")])
    outcome = Outcome(
        total=Decimal("12.50") if passed else Decimal("-1.25"),
        weighted_total=Decimal("13.25"),
        passed=passed,
        failures=() if passed else ('Impact scored 1.00, under its threshold of 3 & "more".',),
    )
    row = Ranked(
        candidate=Candidate(
            proposal_id=position * 7,
            number=f"P-2026-{position:05d}",
            scores=dict(enumerate(scores)),
            outcome=outcome,
            requested=candidate.pop("requested", Decimal("1234567.50")),
            **candidate,
        ),
        position=position,
        separated_by="" if code == "" else "higher weighted total",
        separated_code=code,
        tied_with_next=tied,
        list_kind=ListKind.MAIN if passed else ListKind.REJECTED,
        list_reason="",
    )
    row.score_list = scores
    return row


ROWS = [
    _row(
        1, tied=True, code="panel_priority", panel_reason="Covers <Europol> & the rest", label="A&B"
    ),
    _row(2, code="", label="<script>alert(1)</script>", requested=Decimal("250000")),
    _row(1234, passed=False, label="Ünïcödé’s"),
]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_rows_are_the_templates(language):
    with translation.override(language):
        former = FORMER_ROW.render(Context({"ranked": ROWS}))
        shown = "".join(shown_rows(ROWS))
    assert shown == former
    assert "&lt;script&gt;" in shown and "<script>" not in shown
    decimal, tie = {"en": ("4.50", "Tie broken by:"), "fr": ("4,50", "Ex aequo départagés par :")}[
        language
    ]
    assert f'<td class="number">{decimal}</td>' in shown
    assert f"<strong>{tie}</strong>" in shown
    assert '<td class="number">1234</td>' in shown  # a rank is not grouped
