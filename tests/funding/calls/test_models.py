"""Topic and call status is derived from the clock, to the second, in Brussels time."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.brussels import BRUSSELS, brussels_deadline
from funding.models import Call, Topic, TopicStatus
from tests.funding.factories import AwardCriterionFactory, CallFactory, TopicFactory

pytestmark = pytest.mark.django_db
SECOND = dt.timedelta(seconds=1)


def test_deadline_is_17_00_brussels_in_winter_and_summer():
    winter = brussels_deadline(dt.date(2018, 3, 6))  # ISFP-2017-AG-CYBER
    summer = brussels_deadline(dt.date(2024, 6, 27))
    assert winter.utcoffset() == dt.timedelta(hours=1)
    assert summer.utcoffset() == dt.timedelta(hours=2)
    assert winter.astimezone(dt.UTC).time() == dt.time(16, 0)
    assert summer.astimezone(dt.UTC).time() == dt.time(15, 0)


@pytest.mark.parametrize(
    "deadline_day",
    [dt.date(2024, 11, 20), dt.date(2026, 3, 29), dt.date(2026, 10, 25)],
    ids=["ordinary", "clocks-forward-day", "clocks-back-day"],
)
def test_status_changes_exactly_at_the_deadline_second(deadline_day):
    deadline = brussels_deadline(deadline_day)
    topic = TopicFactory(opening_at=deadline - dt.timedelta(days=90), deadline_at=deadline)
    assert topic.status(deadline - SECOND) == TopicStatus.OPEN
    assert topic.status(deadline - dt.timedelta(microseconds=1)) == TopicStatus.OPEN
    assert topic.status(deadline) == TopicStatus.CLOSED
    assert topic.status(deadline + SECOND) == TopicStatus.CLOSED
    # The database agrees with Python at every one of those instants.
    for instant, expected in [
        (deadline - SECOND, TopicStatus.OPEN),
        (deadline, TopicStatus.CLOSED),
    ]:
        assert Topic.objects.with_status(instant).get(pk=topic.pk).status == expected
        assert Topic.objects.open(instant).filter(pk=topic.pk).exists() == (
            expected == TopicStatus.OPEN
        )


def test_deadline_in_the_week_clocks_change_keeps_its_wall_clock_time():
    # 29 March 2026: clocks go forward at 02:00. A deadline three days later is still 17:00.
    opening = brussels_deadline(dt.date(2026, 3, 27), dt.time(9, 0))
    deadline = brussels_deadline(dt.date(2026, 3, 31))
    topic = TopicFactory(opening_at=opening, deadline_at=deadline)
    topic.refresh_from_db()
    assert topic.deadline_at.astimezone(BRUSSELS).time() == dt.time(17, 0)
    assert topic.deadline_at.astimezone(dt.UTC).time() == dt.time(15, 0)
    assert topic.opening_at.astimezone(dt.UTC).time() == dt.time(8, 0)


def test_forthcoming_before_the_opening_second():
    opening = brussels_deadline(dt.date(2027, 1, 15), dt.time(9, 0))
    topic = TopicFactory(opening_at=opening, deadline_at=opening + dt.timedelta(days=60))
    assert topic.status(opening - SECOND) == TopicStatus.FORTHCOMING
    assert topic.status(opening) == TopicStatus.OPEN


def test_call_status_follows_its_topics():
    now = brussels_deadline(dt.date(2026, 6, 1))
    call = CallFactory()
    TopicFactory(call=call, opening_at=now - dt.timedelta(days=60), deadline_at=now - SECOND)
    later = TopicFactory(
        call=call, opening_at=now + dt.timedelta(days=1), deadline_at=now + dt.timedelta(days=90)
    )
    assert call.status(now) == TopicStatus.FORTHCOMING
    assert Call.objects.with_status(now).get(pk=call.pk).status == TopicStatus.FORTHCOMING
    assert call.status(later.opening_at) == TopicStatus.OPEN
    assert Call.objects.with_status(later.opening_at).get(pk=call.pk).status == TopicStatus.OPEN
    assert call.status(later.deadline_at) == TopicStatus.CLOSED
    assert Call.objects.with_status(later.deadline_at).get(pk=call.pk).status == TopicStatus.CLOSED


def test_topic_validation_speaks_of_the_field():
    topic = TopicFactory.build(
        call=CallFactory(),
        deadline_at=brussels_deadline(dt.date(2026, 1, 1)),
        opening_at=brussels_deadline(dt.date(2026, 2, 1)),
        min_grant=Decimal("5000000"),
        max_grant=Decimal("1000000"),
        lead_organisation_types=["PUB", "XXX"],
    )
    with pytest.raises(ValidationError) as caught:
        topic.full_clean()
    errors = caught.value.message_dict
    assert "after the opening" in errors["deadline_at"][0]
    assert "cannot exceed the maximum grant" in errors["min_grant"][0]
    assert "XXX" in errors["lead_organisation_types"][0]


def test_identifier_format_and_uniqueness():
    TopicFactory(identifier="HORIZON-CL3-2024-FCT-01-03")
    duplicate = TopicFactory.build(call=CallFactory(), identifier="HORIZON-CL3-2024-FCT-01-03")
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert "identifier" in caught.value.message_dict
    for bad in ["horizon-cl3", "ISFP 2017", "ISFP--2017", "-ISFP-2017"]:
        with pytest.raises(ValidationError):
            TopicFactory.build(call=CallFactory(), identifier=bad).full_clean()
    for good in ["ISFP-2017-AG-CYBER", "ISF-2023-TF2-AG-OC", "SU-FCT-02-2019"]:
        TopicFactory.build(call=CallFactory(), identifier=good).full_clean()


def test_criterion_threshold_cannot_exceed_its_maximum():
    criterion = AwardCriterionFactory.build(
        topic=TopicFactory(), max_score=Decimal("5"), threshold=Decimal("5.5")
    )
    with pytest.raises(ValidationError) as caught:
        criterion.full_clean()
    assert "cannot exceed the maximum score" in caught.value.message_dict["threshold"][0]
