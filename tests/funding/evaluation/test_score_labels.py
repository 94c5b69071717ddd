"""The ISF scoring form said "0 to 3E+1": scales are written as people write them."""

from decimal import Decimal

import pytest
from django.utils import translation

from funding.evaluation.forms import ScoresForm
from tests.funding.factories import AwardCriterionFactory

pytestmark = pytest.mark.django_db


def test_score_labels_have_no_exponent():
    criterion = AwardCriterionFactory(name="Relevance", max_score=Decimal("30.00"))
    form = ScoresForm(
        criteria=[criterion],
        step=Decimal("0.50"),
        initial_scores={criterion.pk: (Decimal("20.00"), "")},
    )
    field = form.fields[f"score_{criterion.pk}"]
    assert field.label == "Relevance — score (0 to 30, steps of 0.5)"
    assert field.initial == "20"
    with translation.override("fr"):
        assert "0,5" in str(
            ScoresForm(criteria=[criterion], step=Decimal("0.5"))
            .fields[f"score_{criterion.pk}"]
            .label
        )
