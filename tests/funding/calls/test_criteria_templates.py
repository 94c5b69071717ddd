from decimal import Decimal

import pytest

from demo.evaluation import seed_topic
from funding.calls.criteria_templates import (
    CRITERIA_TEMPLATES,
    HORIZON_IA,
    HORIZON_RIA_CSA,
    ISF_POINTS_100,
)
from funding.calls.services import criteria_from_template, topic_apply_criteria_template
from tests.funding.factories import AwardCriterionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _rows(topic):
    return [
        (c.code, c.max_score, c.threshold, c.weight, c.tie_break_rank)
        for c in topic.criteria.order_by("position")
    ]


def test_horizon_ria_csa_template():
    topic = TopicFactory(overall_threshold=Decimal("0"), score_step=Decimal("1"))
    topic_apply_criteria_template(topic=topic, template=HORIZON_RIA_CSA)
    topic.refresh_from_db()
    assert _rows(topic) == [
        ("excellence", 5, 3, 1, 1),
        ("impact", 5, 3, 1, 2),
        ("implementation", 5, 3, 1, None),
    ]
    assert topic.overall_threshold == Decimal("10")
    assert topic.score_step == Decimal("0.5")
    assert topic.max_total_score == Decimal("15")


def test_horizon_ia_weights_impact_and_compares_it_first():
    topic = TopicFactory()
    topic_apply_criteria_template(topic=topic, template=HORIZON_IA)
    rows = {code: (weight, rank) for code, _m, _t, weight, rank in _rows(topic)}
    assert rows == {
        "excellence": (Decimal("1"), 2),
        "impact": (Decimal("1.5"), 1),
        "implementation": (Decimal("1"), None),
    }


def test_isf_points_template_replaces_existing_criteria():
    topic = TopicFactory()
    AwardCriterionFactory(topic=topic, code="old")
    topic_apply_criteria_template(topic=topic, template=ISF_POINTS_100)
    topic.refresh_from_db()
    assert [(code, m, t) for code, m, t, _w, _r in _rows(topic)] == [
        ("relevance", 30, 21),
        ("quality-of-design", 30, 21),
        ("team-and-cooperation", 30, 21),
        ("impact", 10, 7),
    ]
    assert topic.max_total_score == Decimal("100")
    assert topic.overall_threshold == Decimal("70")
    assert topic.score_step == Decimal("1")


def test_every_template_keeps_thresholds_within_maximum():
    for template in CRITERIA_TEMPLATES.values():
        assert template.overall_threshold <= sum(c.max_score for c in template.criteria)
        assert all(c.threshold <= c.max_score for c in template.criteria)


@pytest.mark.parametrize("template", list(CRITERIA_TEMPLATES.values()), ids=lambda t: t.key)
def test_one_mapping_numbers_criteria_from_one_in_template_order(template):
    topic = TopicFactory()
    built = criteria_from_template(topic=topic, template=template)
    assert [c.position for c in built] == list(range(1, len(template.criteria) + 1))
    assert [c.code for c in built] == [item.code for item in template.criteria]
    assert all(c.pk is None and isinstance(c.description, str) for c in built)
    saved = topic_apply_criteria_template(topic=topic, template=template)
    assert [(c.code, c.position) for c in saved] == [(c.code, c.position) for c in built]


def test_the_demo_evaluation_topic_uses_the_same_mapping():
    topic = seed_topic()
    positions = topic.criteria.order_by("position").values_list("position", flat=True)
    assert list(positions) == [1, 2, 3]
