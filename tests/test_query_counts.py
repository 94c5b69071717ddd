"""Every page the benchmark measures answers in the same number of queries with few rows
and with many, and in at most MAX_QUERIES.

Pages already covered elsewhere (the same assertion, a small and a larger row count):
- call listing /calls/: tests/cms/test_call_pages.py::test_listing_queries_do_not_grow_with_calls
- applicant dashboard: tests/funding/proposals/test_views.py::
  test_dashboard_queries_do_not_grow_with_proposals
- portfolio list: tests/funding/portfolio/test_views.py::
  test_list_query_count_does_not_grow_with_rows
- secretariat dashboard, commitments and stakeholders lists: tests/cooperation/forum/test_forum.py::
  test_list_query_counts_do_not_grow
- evaluation topic and ranking pages: tests/funding/evaluation/test_views.py::
  test_ranking_and_topic_pages_queries_do_not_grow

Here: the same pages again with the rows that make them heavy (partners, consortia,
deliverables, progress updates, experts' assignments and reports), plus the call page, the
portfolio dashboard and the expert dashboard.
"""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperation.models import Membership
from funding.evaluation.services import assignments as ev
from funding.models import Topic
from tests.cms import factories as cms_factories
from tests.cooperation.factories import OrganisationFactory
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
)
from tests.funding.factories import AwardCriterionFactory, CallFactory, TopicFactory
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    submitted,
)
from tests.funding.factories_portfolio import (
    DeliverableFactory,
    ReportingPeriodFactory,
    project_with_consortium,
)
from tests.funding.factories_proposals import PartnerFactory, ProposalFactory

pytestmark = pytest.mark.django_db

# The public site's page-tree fixtures.
home, call_index = cms_factories.home, cms_factories.call_index

MAX_QUERIES = 20
TODAY = dt.date.today()


def count_queries(client, url) -> int:
    client.get(url)  # the first request may fill caches (site root, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def assert_flat(client, url, add, few=3, many=20):
    add(few)
    at_few = count_queries(client, url)
    add(many - few)
    at_many = count_queries(client, url)
    assert at_few == at_many, f"{url}: {at_few} queries with few rows, {at_many} with many"
    assert at_many <= MAX_QUERIES, f"{url}: {at_many} queries"


def test_call_listing(client, call_index):
    def add(n):
        for _ in range(n):
            topic = TopicFactory()
            TopicFactory(call=topic.call)
            cms_factories.call_page(call_index, topic.call)

    assert_flat(client, call_index.url, add)


def test_call_page_with_many_topics(client, call_index):
    call = CallFactory()
    page = cms_factories.call_page(call_index, call)

    def add(n):
        for _ in range(n):
            topic = TopicFactory(call=call)
            AwardCriterionFactory(topic=topic, code="excellence")
            AwardCriterionFactory(topic=topic, code="impact")

    assert_flat(client, page.url, add)


def test_applicant_dashboard_with_partners(client, applicant):
    organisation = OrganisationFactory()
    Membership.objects.create(user=applicant, organisation=organisation)
    client.force_login(applicant)
    topic = TopicFactory()

    def add(n):
        for i in range(n):
            coordinated = ProposalFactory(topic=topic, coordinator=organisation)
            PartnerFactory(proposal=coordinated)
            as_partner = ProposalFactory(topic=topic)
            PartnerFactory(proposal=as_partner, organisation=organisation, position=i + 1)

    assert_flat(client, reverse("applicant:dashboard"), add)


def _projects(n):
    for _ in range(n):
        project = project_with_consortium(partners=3, end_date=dt.date(2099, 12, 31))
        DeliverableFactory(project=project, code="D1.1", due_date=dt.date(2024, 1, 31))
        ReportingPeriodFactory(project=project, number=1, report_due_date=dt.date(2024, 3, 31))


def test_portfolio_list(client, programme_manager):
    client.force_login(programme_manager)
    assert_flat(client, reverse("portfolio:list"), _projects, many=30)


def test_portfolio_dashboard(client, programme_manager):
    client.force_login(programme_manager)
    assert_flat(client, reverse("portfolio:dashboard"), _projects, many=30)


def _commitments(n):
    for i in range(n):
        commitment = CommitmentFactory(due_date=TODAY - dt.timedelta(days=i))
        ProgressUpdateFactory(commitment=commitment)
        ProgressUpdateFactory(commitment=commitment, kind="assessment")
        MilestoneFactory(commitment=commitment, due_date=TODAY - dt.timedelta(days=i + 1))


@pytest.mark.parametrize(
    "name", ["forum:dashboard", "forum:commitment_list", "forum:stakeholder_list"]
)
def test_forum_pages(client, secretariat, name):
    client.force_login(secretariat)
    assert_flat(client, reverse(name), _commitments, many=30)


# --- the evaluation ------------------------------------------------------------------------


def _evaluated(topic, boss, experts, n, *, unsigned=0):
    """`n` more proposals of `topic` evaluated to a closed consensus by `experts` (the
    topic reopened for their submission, then closed again), and `unsigned` more admitted
    with the experts assigned but no declaration signed yet."""
    Topic.objects.filter(pk=topic.pk).update(deadline_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    topic.refresh_from_db()
    proposals = [submitted(topic) for _ in range(n + unsigned)]
    close(topic)
    scores = itertools.cycle([["4", "4", "4"], ["3", "4.5", "2.5"], ["5", "3.5", "4"]])
    for index, proposal in enumerate(proposals):
        admit(proposal, boss)
        if index < n:
            evaluate(proposal, boss, experts, next(scores))
        else:
            for person in experts:
                ev.assignment_create(proposal=proposal, expert=person, user=boss)


@pytest.fixture
def evaluation():
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    return boss, topic, [expert(), expert()]


@pytest.mark.parametrize("name", ["evaluation:topic", "evaluation:ranking"])
def test_evaluation_manager_pages(client, evaluation, name):
    boss, topic, experts = evaluation
    client.force_login(boss)
    assert_flat(
        client,
        reverse(name, args=[topic.pk]),
        lambda n: _evaluated(topic, boss, experts, n, unsigned=1),
        few=2,
        many=8,
    )


def test_expert_dashboard(client, evaluation):
    boss, topic, experts = evaluation
    client.force_login(experts[0])
    assert_flat(
        client,
        reverse("expert:dashboard"),
        lambda n: _evaluated(topic, boss, experts, n, unsigned=1),
        few=2,
        many=8,
    )


def _experts(n):
    """`n` more experts, each with an employer, keywords, two calls and an assignment."""
    calls = [CallFactory(), CallFactory()]
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=50)
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    for _ in range(n):
        person = expert(employer=OrganisationFactory(), keywords="forensics, hashing")
        for call in calls:
            ev.expert_set_availability(expert=person, call=call, available=True)
        ev.assignment_create(proposal=proposal, expert=person, user=boss)


def test_experts_list(client):
    client.force_login(manager())
    assert_flat(client, reverse("evaluation:experts"), _experts)
