"""core.limits: attempts counted in database rows, each for the window after it was made."""

import datetime as dt

import pytest

from core import limits
from core.models import Attempt

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
HOUR = 3600


def at(minutes: float) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def hit(subject="address:203.0.113.9", limit=2, window=HOUR):
    return limits.limit_hit(scope="test", subject=subject, limit=limit, window_seconds=window)


def test_attempts_count_for_their_whole_window_then_leave_it(time_machine):
    time_machine.move_to(at(0), tick=False)
    assert hit() is False
    time_machine.move_to(at(59), tick=False)
    assert hit() is False
    assert hit() is True  # a third within the hour of the first
    time_machine.move_to(at(60.5), tick=False)
    assert hit() is False  # the first has left its window
    assert hit() is True


def test_refused_attempts_do_not_prolong_the_wait(time_machine):
    time_machine.move_to(at(0), tick=False)
    hit(), hit()
    for minute in range(1, 60, 5):
        time_machine.move_to(at(minute), tick=False)
        assert hit() is True
    time_machine.move_to(at(60.5), tick=False)
    assert hit() is False


def test_several_subjects_each_have_their_limit_and_a_refusal_counts_for_none():
    both = {"account:anna@example.eu": 2, "address:203.0.113.9": 3}
    hit_both = lambda: limits.limit_hit_any(scope="test", limits=both, window_seconds=HOUR)  # noqa: E731
    assert [hit_both(), hit_both(), hit_both()] == [False, False, True]
    assert limits.limit_count(scope="test", subject="address:203.0.113.9") == 2
    # The address has one more to give, to another account.
    other = {"account:ben@example.eu": 2, "address:203.0.113.9": 3}
    assert limits.limit_hit_any(scope="test", limits=other, window_seconds=HOUR) is False
    assert limits.limit_hit_any(scope="test", limits=other, window_seconds=HOUR) is True


def test_scopes_and_subjects_are_counted_apart():
    assert [hit("account:a@example.eu", 1), hit("account:a@example.eu", 1)] == [False, True]
    assert hit("account:b@example.eu", 1) is False
    assert (
        limits.limit_hit(
            scope="other", subject="account:a@example.eu", limit=1, window_seconds=HOUR
        )
        is False
    )


def test_counting_failures_and_clearing_them():
    for _ in range(3):
        limits.limit_record(scope="code", subject="user:7", window_seconds=HOUR)
    assert limits.limit_reached(scope="code", subject="user:7", limit=3)
    assert not limits.limit_reached(scope="code", subject="user:8", limit=3)
    assert limits.limit_clear(scope="code", subject="user:7") == 3
    assert not limits.limit_reached(scope="code", subject="user:7", limit=1)


def test_expired_rows_are_pruned(time_machine):
    time_machine.move_to(at(0), tick=False)
    for n in range(5):
        hit(f"address:192.0.2.{n}")
    time_machine.move_to(at(61), tick=False)
    hit("address:192.0.2.99")
    assert Attempt.objects.count() == 1


def test_subjects_are_stored_as_short_plain_digests_whatever_is_typed():
    for subject in ["account:" + "x" * 5000, "account:\u202eمرحبا 😀\x0c", "address:203.0.113.9"]:
        hit(subject)
    digests = set(Attempt.objects.values_list("subject_digest", flat=True))
    assert len(digests) == 3
    assert all(len(digest) == 64 and digest.isascii() and digest.isalnum() for digest in digests)
    assert limits.subject_digest("account:Anna@Example.eu ") == limits.subject_digest(
        "account:anna@example.eu"
    )


def test_empty_subjects_are_not_counted():
    assert limits.limit_hit_any(scope="test", limits={"": 1}, window_seconds=HOUR) is False
    assert Attempt.objects.count() == 0
