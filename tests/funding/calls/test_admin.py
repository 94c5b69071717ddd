"""Staff manage programmes, calls and topics in the Wagtail admin; bad input is refused on
the field."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core.brussels import brussels_deadline
from funding.calls.forms import BrusselsDateTimeField
from funding.models import Topic
from tests.funding.factories import AwardCriterionFactory, CallFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _topic_data(call, **overrides):
    data = {
        "call": call.pk,
        "identifier": "HORIZON-CL3-2026-FCT-01-07",
        "title": "Victim identification",
        "description": "",
        "action_type": "RIA",
        "opening_at": "2026-06-01",
        "deadline_model": "single",
        "deadline_at": "2026-11-20",
        "second_deadline_at": "",
        "budget": "3700000.00",
        "min_grant": "500000.00",
        "max_grant": "3700000.00",
        "expected_grants": "1",
        "funding_rate": "100",
        "non_profit_funding_rate": "",
        "indirect_cost_rate": "25",
        "min_applicants": "3",
        "min_countries": "3",
        "lead_organisation_types": "[]",
        "max_duration_months": "36",
        "overall_threshold": "10",
        "score_step": "0.5",
        "experts_per_proposal": "3",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-id": "",
        "criteria-0-ORDER": "1",
        "criteria-0-DELETE": "",
        "criteria-0-code": "excellence",
        "criteria-0-name": "Excellence",
        "criteria-0-description": "",
        "criteria-0-max_score": "5",
        "criteria-0-threshold": "3",
        "criteria-0-weight": "1",
        "criteria-0-tie_break_rank": "1",
        "criteria-0-first_stage_threshold": "",
        "criteria-0-position": "1",
    }
    data.update(overrides)
    return data


def _errors(response, field):
    form = response.context["form"]
    return form.errors.get(field, [])


@pytest.fixture
def manager_client(client, programme_manager):
    client.force_login(programme_manager)
    return client


def test_programme_manager_uses_the_three_listings(manager_client):
    TopicFactory()
    for name in ("funding_programme:index", "funding_call:index", "funding_topic:index"):
        response = manager_client.get(reverse(name))
        assert response.status_code == 200, name
    response = manager_client.get(reverse("funding_topic:index"), {"action_type": "RIA"})
    assert response.status_code == 200
    topic = Topic.objects.get()
    for url in (
        reverse("funding_topic:add"),
        reverse("funding_topic:edit", args=[topic.pk]),
        reverse("funding_call:add"),
        reverse("funding_call:edit", args=[topic.call_id]),
        reverse("funding_programme:add"),
    ):
        assert manager_client.get(url).status_code == 200, url


def test_editor_cannot_manage_topics(client, editor):
    client.force_login(editor)
    response = client.get(reverse("funding_topic:index"))
    assert response.status_code in (302, 403)


def test_topic_created_with_date_only_deadline_gets_17h_brussels(manager_client):
    call = CallFactory()
    response = manager_client.post(reverse("funding_topic:add"), _topic_data(call))
    assert response.status_code == 302, response.context["form"].errors
    topic = Topic.objects.get(identifier="HORIZON-CL3-2026-FCT-01-07")
    assert topic.deadline_at == brussels_deadline(dt.date(2026, 11, 20))
    assert topic.deadline_at.astimezone(dt.UTC).hour == 16  # CET in November
    assert topic.opening_at == brussels_deadline(dt.date(2026, 6, 1), dt.time(0, 0))
    assert topic.criteria.get().name == "Excellence"


def test_topic_deadline_with_time_is_brussels_summer_time(manager_client):
    call = CallFactory()
    data = _topic_data(call, deadline_at="2026-09-15 12:30:00")
    assert manager_client.post(reverse("funding_topic:add"), data).status_code == 302
    topic = Topic.objects.get(identifier="HORIZON-CL3-2026-FCT-01-07")
    assert topic.deadline_at.astimezone(dt.UTC).time() == dt.time(10, 30)


def test_deadline_before_opening_is_refused_on_the_field(manager_client):
    call = CallFactory()
    data = _topic_data(call, opening_at="2026-12-01", deadline_at="2026-11-20")
    response = manager_client.post(reverse("funding_topic:add"), data)
    assert response.status_code == 200
    assert "The deadline must come after the opening." in _errors(response, "deadline_at")
    assert not Topic.objects.filter(identifier="HORIZON-CL3-2026-FCT-01-07").exists()


def test_minimum_grant_above_maximum_is_refused(manager_client):
    call = CallFactory()
    data = _topic_data(call, min_grant="4000000.00", max_grant="3000000.00")
    response = manager_client.post(reverse("funding_topic:add"), data)
    assert "The minimum grant cannot exceed the maximum grant." in _errors(response, "min_grant")


def test_identifier_already_used_is_refused(manager_client):
    existing = TopicFactory()
    data = _topic_data(existing.call, identifier=existing.identifier)
    response = manager_client.post(reverse("funding_topic:add"), data)
    assert response.status_code == 200
    assert any("already exists" in str(e) for e in _errors(response, "identifier"))


def test_unreadable_deadline_is_refused_and_the_rest_is_kept(manager_client):
    call = CallFactory()
    data = _topic_data(call, deadline_at="next tuesday")
    response = manager_client.post(reverse("funding_topic:add"), data)
    assert _errors(response, "deadline_at")
    assert response.context["form"]["title"].value() == "Victim identification"


def test_criterion_threshold_above_maximum_is_refused(manager_client):
    call = CallFactory()
    data = _topic_data(call, **{"criteria-0-threshold": "6"})
    response = manager_client.post(reverse("funding_topic:add"), data)
    assert response.status_code == 200
    criteria_forms = response.context["form"].formsets["criteria"].forms
    assert "The threshold cannot exceed the maximum score." in criteria_forms[0].errors["threshold"]
    assert not Topic.objects.filter(identifier="HORIZON-CL3-2026-FCT-01-07").exists()


def test_criteria_template_applied_in_one_click(manager_client):
    topic = TopicFactory()
    AwardCriterionFactory(topic=topic)
    url = reverse("funding_topic:apply_criteria", args=[topic.pk])
    assert manager_client.get(url).status_code == 200
    response = manager_client.post(url, {"template": "isf-points-100"})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.criteria.count() == 4
    assert topic.overall_threshold == Decimal("70")


def test_unknown_template_changes_nothing(manager_client):
    topic = TopicFactory()
    AwardCriterionFactory(topic=topic)
    url = reverse("funding_topic:apply_criteria", args=[topic.pk])
    assert manager_client.post(url, {"template": "nope"}).status_code == 302
    assert topic.criteria.count() == 1


def test_brussels_field_keeps_17h_across_daylight_saving():
    field = BrusselsDateTimeField()
    winter, summer = field.clean("2026-01-15"), field.clean("2026-07-15")
    assert winter.astimezone(dt.UTC).hour == 16
    assert summer.astimezone(dt.UTC).hour == 15
