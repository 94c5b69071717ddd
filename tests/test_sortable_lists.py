"""Staff lists sort by column: the order is in the URL, the filters are kept, the header
says which way the list is sorted, ties never repeat a row across pages, and a bad value
never answers 500."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.funding.factories_portfolio import FundedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects():
    return [
        FundedProjectFactory(acronym="BETA", eu_contribution=Decimal("300")),
        FundedProjectFactory(acronym="ALPHA", eu_contribution=Decimal("100")),
        FundedProjectFactory(acronym="GAMMA", eu_contribution=Decimal("200")),
    ]


def test_the_portfolio_sorts_by_column_and_keeps_the_filters(client, programme_manager, projects):
    client.force_login(programme_manager)
    url = reverse("portfolio:list")
    by_acronym = client.get(url, {"o": "acronym"})
    assert [p.acronym for p in by_acronym.context["projects"]] == ["ALPHA", "BETA", "GAMMA"]
    by_money = client.get(url, {"o": "-contribution"})
    assert [p.acronym for p in by_money.context["projects"]] == ["BETA", "GAMMA", "ALPHA"]
    body = client.get(url, {"o": "acronym", "status": "ongoing", "page": "1"}).content.decode()
    # The header links the other direction, keeps the filter and starts again at page 1.
    assert 'aria-sort="ascending"><a href="?o=-acronym&amp;status=ongoing"' in body.replace(
        "status=ongoing&amp;o=-acronym", "o=-acronym&amp;status=ongoing"
    )
    assert 'aria-sort="none"' in body


def test_ties_are_broken_by_the_record(client, programme_manager):
    client.force_login(programme_manager)
    made = [FundedProjectFactory(status="ongoing").pk for _ in range(4)]
    listed = [
        p.pk for p in client.get(reverse("portfolio:list"), {"o": "status"}).context["projects"]
    ]
    assert listed == sorted(made)


@pytest.mark.parametrize("value", ["nonsense", "-", "pk", "acronym,__class__", "x" * 5000])
def test_a_bad_order_is_a_notice_not_an_error(client, programme_manager, projects, value):
    client.force_login(programme_manager)
    assert client.get(reverse("portfolio:list"), {"o": value}).status_code == 200
