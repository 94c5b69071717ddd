"""The strategy, live: each initiative's page shows, from the records, the calls, funded
projects, workstreams and public commitments that serve it, with its figures."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import StrategyPage
from cms.models.projects import ProjectIndexPage
from cms.strategy import initiative_figures
from cooperation.forum.models.workstreams import StrategyInitiative as I
from funding.portfolio.models.projects import ProjectStatus
from tests.cms.factories import add_child
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    ProgressUpdateFactory,
    WorkstreamFactory,
)
from tests.funding.factories import CallFactory, TopicFactory
from tests.funding.factories_portfolio import FundedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    law = TopicFactory(call__identifier="ISF-2027-LAW", call__initiative=I.LAW_ENFORCEMENT).call
    TopicFactory(call=CallFactory(initiative=I.LAW_ENFORCEMENT, published_at=None))
    FundedProjectFactory(
        acronym="GRACE",
        initiative=I.LAW_ENFORCEMENT,
        eu_contribution=Decimal("6823512.50"),
        total_cost=Decimal("7000000"),
    )
    FundedProjectFactory(
        acronym="FOLLOWS", call=law, initiative=None, eu_contribution=Decimal("1000000")
    )
    FundedProjectFactory(
        acronym="HIDDEN", initiative=I.LAW_ENFORCEMENT, status=ProjectStatus.GRANT_PREPARATION
    )
    industry = WorkstreamFactory(name="Voluntary framework", initiative=I.INDUSTRY)
    WorkstreamFactory(name="Closed-door group", initiative=I.INDUSTRY, public=False)
    assessed = CommitmentFactory(title="Hash lists shared", workstream=industry)
    ProgressUpdateFactory(commitment=assessed, kind="assessment", completion="substantial")
    CommitmentFactory(title="Not reported", workstream=industry)
    CommitmentFactory(title="Private plan", workstream=industry, public=False)
    return law


def test_figures_count_only_what_is_public(records):
    figures = initiative_figures()
    law, industry = figures[I.LAW_ENFORCEMENT], figures[I.INDUSTRY]
    assert law["calls"] == 1 and law["open_calls"] == 1
    assert law["projects"] == 2
    assert law["eu_contribution"] == Decimal("7823512.50")
    assert industry["workstreams"] == 1
    assert industry["commitments"] == 2
    assert industry["completion"] == {"substantial": 1, "": 1}
    assert figures[I.GLOBAL]["projects"] == 0


def test_each_initiative_has_its_page(client, home, call_index, records):
    strategy = add_child(home, StrategyPage(title="The EU strategy", slug="strategy"))
    add_child(home, ProjectIndexPage(title="Funded projects", slug="projects"))
    overview = client.get(strategy.url).content.decode()
    assert 'href="/strategy/4/"' in overview
    assert "€7,823,512.50" in overview
    body = client.get("/strategy/4/").content.decode()
    assert 'href="/calls/ISF-2027-LAW/"' in body
    assert "GRACE" in body and "FOLLOWS" in body and "HIDDEN" not in body
    industry = client.get("/strategy/7/").content.decode()
    assert "Hash lists shared" in industry and "Private plan" not in industry
    assert "Closed-door group" not in industry
    assert client.get("/strategy/9/").status_code == 404
    # Without the editor's text the strategy's own title, numbered once.
    assert "<h1>5. Prevention</h1>" in client.get("/strategy/5/").content.decode()


def test_the_overview_costs_the_same_for_any_number_of_records(client, home, records):
    strategy = add_child(home, StrategyPage(title="The EU strategy", slug="strategy"))
    client.get(strategy.url)  # the site's root paths are cached from then on
    with CaptureQueriesContext(connection) as few:
        client.get(strategy.url)
    for _ in range(5):
        FundedProjectFactory(initiative=I.PREVENTION)
        CommitmentFactory(workstream=WorkstreamFactory(initiative=I.PREVENTION))
        TopicFactory(call__initiative=I.MAPPING)
    with CaptureQueriesContext(connection) as many:
        client.get(strategy.url)
    assert len(many) == len(few)
