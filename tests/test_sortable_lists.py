"""Staff lists sort by column: the order is in the URL, the filters are kept, the header
says which way the list is sorted, ties never repeat a row across pages, and a bad value
never answers 500."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.cooperation.factories_forum import CommitmentFactory, StakeholderFactory
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


def test_the_forum_lists_sort_by_column(client, secretariat):
    for name in ("Zeta Alliance", "Alpha Hotline", "Mu Platform"):
        stakeholder = StakeholderFactory(organisation__legal_name=name)
        CommitmentFactory(owner=stakeholder, title=f"Commitment of {name}")
    client.force_login(secretariat)
    stakeholders = client.get(reverse("forum:stakeholder_list"), {"o": "-name"})
    names = [s.organisation.legal_name for s in stakeholders.context["object_list"]]
    assert names == ["Zeta Alliance", "Mu Platform", "Alpha Hotline"]
    assert 'aria-sort="descending"' in stakeholders.content.decode()
    commitments = client.get(reverse("forum:commitment_list"), {"o": "owner"})
    owners = [c.owner.organisation.legal_name for c in commitments.context["object_list"]]
    assert owners == ["Alpha Hotline", "Mu Platform", "Zeta Alliance"]
    for url in (reverse("forum:stakeholder_list"), reverse("forum:commitment_list")):
        assert client.get(url, {"o": "nonsense"}).status_code == 200
