"""The public call listing, call pages, and the page-tree rules."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.countdown import deadline_countdown
from cms.models import (
    CallIndexPage,
    CallPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProjectIndexPage,
    SearchPage,
    StandardPage,
    StrategyPage,
    WorkstreamIndexPage,
)
from core.brussels import brussels_deadline
from core.languages import localized_path
from funding.models import ActionType
from tests.cms.factories import call_page
from tests.funding.factories import (
    AwardCriterionFactory,
    CallFactory,
    ProgrammeFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def _closed_topic(**kwargs):
    today = timezone.localdate()
    return TopicFactory(
        opening_at=brussels_deadline(today - dt.timedelta(days=100)),
        deadline_at=brussels_deadline(today - dt.timedelta(days=10)),
        **kwargs,
    )


def _forthcoming_topic(**kwargs):
    today = timezone.localdate()
    return TopicFactory(
        opening_at=brussels_deadline(today + dt.timedelta(days=10)),
        deadline_at=brussels_deadline(today + dt.timedelta(days=100)),
        **kwargs,
    )


def _identifiers(response):
    return [call.identifier for call in response.context["page_obj"]]


def test_page_tree_rules():
    assert "cms.ProjectIndexPage" in HomePage.subpage_types
    assert "cms.WorkstreamIndexPage" in HomePage.subpage_types
    assert CallIndexPage.allowed_subpage_models() == [CallPage]
    assert CallPage.allowed_parent_page_models() == [CallIndexPage]
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert CallPage not in HomePage.allowed_subpage_models()
    assert NewsPage not in HomePage.allowed_subpage_models()
    for model in (
        CallIndexPage,
        StrategyPage,
        NewsIndexPage,
        StandardPage,
        SearchPage,
        ProjectIndexPage,
        WorkstreamIndexPage,
    ):
        assert model in HomePage.allowed_subpage_models(), model
        assert HomePage in model.allowed_parent_page_models(), model


def test_only_published_calls_are_listed(client, call_index):
    TopicFactory(call=CallFactory(identifier="HORIZON-CL3-2026-FCT-01"))
    TopicFactory(call=CallFactory(identifier="HORIZON-CL3-2026-FCT-02", published_at=None))
    response = client.get(call_index.url)
    assert _identifiers(response) == ["HORIZON-CL3-2026-FCT-01"]


def test_status_filter_uses_dates(client, call_index):
    TopicFactory(call=CallFactory(identifier="HORIZON-CL3-2026-OPEN-01"))
    _closed_topic(call=CallFactory(identifier="HORIZON-CL3-2026-CLOSED-01"))
    _forthcoming_topic(call=CallFactory(identifier="HORIZON-CL3-2026-SOON-01"))
    for status, expected in [
        ("open", ["HORIZON-CL3-2026-OPEN-01"]),
        ("closed", ["HORIZON-CL3-2026-CLOSED-01"]),
        ("forthcoming", ["HORIZON-CL3-2026-SOON-01"]),
    ]:
        assert _identifiers(client.get(call_index.url, {"status": status})) == expected
    everything = _identifiers(client.get(call_index.url))
    assert everything[0] == "HORIZON-CL3-2026-OPEN-01"  # open calls first
    assert len(everything) == 3


def test_programme_type_keyword_deadline_and_budget_filters(client, call_index):
    isf = ProgrammeFactory(code="ISFP", name="ISF-Police", managing_service="DG HOME")
    TopicFactory(
        call=CallFactory(identifier="ISF-2021-AG-CSA", programme=isf, title="Child abuse"),
        title="Prevention and assistance to victims",
        action_type=ActionType.ISF_ACTION_GRANT,
        budget=Decimal("16000000.00"),
        max_grant=Decimal("4000000.00"),
        deadline_at=brussels_deadline(timezone.localdate() + dt.timedelta(days=60)),
    )
    TopicFactory(
        call=CallFactory(identifier="HORIZON-CL3-2024-FCT-01"),
        title="Lawful evidence collection",
        budget=Decimal("3700000.00"),
    )
    get = lambda **params: _identifiers(client.get(call_index.url, params))  # noqa: E731
    assert get(programme="ISFP") == ["ISF-2021-AG-CSA"]
    assert get(action_type="RIA") == ["HORIZON-CL3-2024-FCT-01"]
    assert get(q="evidence") == ["HORIZON-CL3-2024-FCT-01"]
    assert get(q="abuse") == ["ISF-2021-AG-CSA"]
    assert get(budget_min="10000000") == ["ISF-2021-AG-CSA"]
    assert get(budget_max="10000000") == ["HORIZON-CL3-2024-FCT-01"]
    after = (timezone.localdate() + dt.timedelta(days=45)).isoformat()
    assert get(deadline_after=after) == ["ISF-2021-AG-CSA"]
    assert get(deadline_before=after) == ["HORIZON-CL3-2024-FCT-01"]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"programme": "NOPE"},
        {"budget_min": "lots"},
        {"deadline_after": "2024-13-45"},
        {"page": "999"},
    ],
)
def test_unknown_filter_values_show_everything_with_a_notice(client, call_index, params):
    TopicFactory()
    _closed_topic()
    response = client.get(call_index.url, params)
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 2
    if "page" not in params:
        assert "were not recognised" in response.content.decode()


def test_listing_is_paginated_and_keeps_filters_in_links(client, call_index):
    for _ in range(23):
        TopicFactory()
    response = client.get(call_index.url, {"status": "open"})
    assert len(response.context["page_obj"]) == 20
    assert "?status=open&amp;page=2" in response.content.decode()


def _count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_listing_queries_do_not_grow_with_calls(client, call_index, django_assert_max_num_queries):
    for _ in range(3):
        call_page(call_index, TopicFactory().call)
    few = _count_queries(client, call_index.url, django_assert_max_num_queries, 30)
    for _ in range(17):
        call_page(call_index, TopicFactory().call)
    many = _count_queries(client, call_index.url, django_assert_max_num_queries, 30)
    assert many == few


def test_call_page_shows_status_countdown_budget_and_criteria(client, call_index):
    topic = TopicFactory(budget=Decimal("3700000.00"))
    AwardCriterionFactory(topic=topic, code="excellence", name="Excellence")
    page = call_page(call_index, topic.call)
    body = client.get(page.url).content.decode()
    assert "closes in" in body
    assert "17:00 (Brussels time)" in body
    assert "€3,700,000" in body
    assert "Excellence" in body
    assert "/applicant/proposals/new/" not in body  # anonymous visitors sign in first
    assert 'rel="alternate" type="text/calendar"' in body


def test_the_call_page_in_french_shows_french_dates_and_amounts(client, call_index):
    deadline = brussels_deadline(timezone.localdate() + dt.timedelta(days=40))
    topic = TopicFactory(budget=Decimal("3700000.00"), deadline_at=deadline)
    body = client.get(localized_path(call_page(call_index, topic.call).url, "fr")).content.decode()
    assert "à 17:00 (heure de Bruxelles)</time>" in body
    assert f'<time datetime="{deadline.isoformat()}">' in body
    assert "3\u202f700\u202f000\u00a0€" in body


def test_apply_link_for_signed_in_applicants_on_open_topics(client, call_index, applicant):
    topic = TopicFactory(identifier="HORIZON-CL3-2026-FCT-01-03")
    closed = _closed_topic(call=topic.call)
    page = call_page(call_index, topic.call)
    client.force_login(applicant)
    body = client.get(page.url).content.decode()
    assert "/applicant/proposals/new/?topic=HORIZON-CL3-2026-FCT-01-03" in body
    assert f"?topic={closed.identifier}" not in body


def test_unpublished_call_page_is_not_found(client, call_index):
    page = call_page(call_index, TopicFactory(call=CallFactory(published_at=None)).call)
    assert client.get(page.url).status_code == 404


def test_countdown_wording_around_the_deadline_second():
    opening = brussels_deadline(dt.date(2024, 6, 27), dt.time(0, 0))
    deadline = brussels_deadline(dt.date(2024, 11, 20))
    before = deadline - dt.timedelta(days=12, hours=3)
    assert deadline_countdown(opening_at=opening, deadline_at=deadline, now=before) == (
        "closes in 12 days 3 hours — 20 November 2024, 17:00 (Brussels time)"
    )
    last = deadline - dt.timedelta(seconds=1)
    assert deadline_countdown(opening_at=opening, deadline_at=deadline, now=last).startswith(
        "closes in 1 minute"
    )
    assert deadline_countdown(opening_at=opening, deadline_at=deadline, now=deadline) == (
        "closed on 20 November 2024, 17:00 (Brussels time)"
    )
    early = opening - dt.timedelta(days=2)
    assert deadline_countdown(opening_at=opening, deadline_at=deadline, now=early).startswith(
        "opens in 2 days"
    )
