"""The rush benchmark's pure parts: its open-loop schedule, how each request is judged by
when it was sent, and the verdict that makes the run fail."""

from collections import Counter

import pytest

from benchmarks.rush_plan import (
    ACCEPTED,
    BOUNDARY_ACCEPTED,
    BOUNDARY_REFUSED,
    CLOCK_MISMATCH,
    ERROR,
    LATE_ACCEPTED,
    LATE_REFUSED,
    ON_TIME_ACCEPTED,
    ON_TIME_REFUSED,
    REFUSED,
    Outcome,
    arrival_schedule,
    classify,
    rush_verdict,
    tally,
)


def test_schedule_rises_towards_the_deadline_then_tails_off():
    times = arrival_schedule(peak_rate=80, ramp_seconds=20, tail_seconds=4)
    before = [t for t in times if t < 0]
    after = [t for t in times if t > 0]
    assert times == sorted(times) and 0 not in times
    # Before: (8 + 80) / 2 per second over 20 s; after: 40 / 2 per second over 4 s.
    assert len(before) == 880 and len(after) == 80
    assert min(times) >= -20 and max(times) <= 4
    per_second = Counter(int(t // 1) for t in before)
    assert per_second[-20] < 12 and per_second[-1] > 75  # rising: about 8/s, then 80/s
    assert all(per_second[s] <= per_second[s + 1] + 1 for s in range(-20, -1))
    assert Counter(int(t // 1) for t in after)[0] > Counter(int(t // 1) for t in after)[3]


def test_schedule_without_a_tail_sends_nothing_late():
    times = arrival_schedule(peak_rate=10, ramp_seconds=5, tail_seconds=0)
    assert times and max(times) < 0


def test_schedule_refuses_a_rate_of_nothing():
    with pytest.raises(ValueError):
        arrival_schedule(peak_rate=0, ramp_seconds=5, tail_seconds=1)


DEADLINE = 1000.0


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (Outcome(990.0, 991.0, ACCEPTED, 990.01), ON_TIME_ACCEPTED),
        # Sent before the deadline, answered (refused) after it: judged by the send.
        (Outcome(999.5, 1003.0, REFUSED), ON_TIME_REFUSED),
        (Outcome(999.995, 1000.5, REFUSED), BOUNDARY_REFUSED),
        (Outcome(999.995, 1000.5, ACCEPTED, 999.997), BOUNDARY_ACCEPTED),
        (Outcome(1000.0, 1000.1, REFUSED), LATE_REFUSED),
        (Outcome(1000.2, 1000.4, ACCEPTED, 1000.25), LATE_ACCEPTED),
        (Outcome(990.0, 991.0, "submit 500"), ERROR),
        # The server's recorded arrival must lie between the send and the answer.
        (Outcome(990.0, 991.0, ACCEPTED, 989.0), CLOCK_MISMATCH),
        (Outcome(990.0, 991.0, ACCEPTED, 992.0), CLOCK_MISMATCH),
        (Outcome(990.0, 991.0, ACCEPTED, None), CLOCK_MISMATCH),
    ],
)
def test_each_request_is_judged_by_when_it_was_sent(outcome, expected):
    assert classify(outcome, deadline=DEADLINE, boundary=0.01) == expected


def test_verdict_passes_a_clean_run():
    counts = tally(
        [Outcome(990.0, 991.0, ACCEPTED, 990.5), Outcome(1001.0, 1001.1, REFUSED)],
        deadline=DEADLINE,
        boundary=0.01,
    )
    assert rush_verdict(counts=counts, receipts=1, stored=1, mails_queued=1, late_stored=0) == []


@pytest.mark.parametrize(
    ("counts", "numbers", "words"),
    [
        (Counter({ON_TIME_REFUSED: 2}), (5, 5, 5, 0), "2 on-time refused"),
        (Counter({LATE_ACCEPTED: 1}), (5, 5, 5, 0), "1 late accepted"),
        (Counter({ERROR: 3}), (5, 5, 5, 0), "3 error"),
        (Counter({CLOCK_MISMATCH: 1}), (5, 5, 5, 0), "server arrival"),
        (Counter(), (5, 4, 4, 0), "differ"),
        (Counter(), (5, 5, 4, 0), "differ"),
        (Counter(), (5, 5, 5, 1), "1 stored at or after the deadline"),
    ],
)
def test_verdict_fails_on_each_broken_promise(counts, numbers, words):
    receipts, stored, mails, late = numbers
    problems = rush_verdict(
        counts=counts, receipts=receipts, stored=stored, mails_queued=mails, late_stored=late
    )
    assert len(problems) == 1 and words in problems[0]
