"""The deadline rush's pure parts: when each request is sent, how it is judged, the verdict.

No Django, no network: `benchmarks.rush` runs the plan against gunicorn, and
tests/benchmarks/test_rush_plan.py checks these functions alone.

- `arrival_schedule`: open-loop send times, in seconds relative to the deadline. The rate
  rises linearly over the last `ramp_seconds` before the deadline from `start_fraction` of
  the peak to the peak, then falls linearly to zero over `tail_seconds` after it (the late
  ones). The k-th arrival is where the expected count reaches k + ½, so the schedule is the
  same on every run and does not wait for any answer.
- `classify`: each request by when the client SENT it (its own clock), never by when the
  answer came back. A request sent within `boundary` seconds before the deadline may reach
  the server after it; either answer is right for it, and it is counted apart. The server's
  recorded arrival of an accepted submission must lie between the send and the answer.
- `rush_verdict`: the reasons the run fails, empty when it passes.
"""

import math
from collections import Counter
from dataclasses import dataclass

ON_TIME_ACCEPTED = "on-time accepted"
ON_TIME_REFUSED = "on-time refused"
BOUNDARY_ACCEPTED = "at the boundary, accepted"
BOUNDARY_REFUSED = "at the boundary, refused"
LATE_REFUSED = "late refused"
LATE_ACCEPTED = "late accepted"
ERROR = "error"
CLOCK_MISMATCH = "server arrival outside send..answer"

ACCEPTED, REFUSED = "accepted", "refused"


def _ramp_count(t: float, *, peak: float, ramp: float, start: float) -> float:
    """Expected arrivals from -ramp to t (-ramp <= t <= 0) for a rate rising linearly
    from start*peak to peak."""
    x = t + ramp
    slope = peak * (1 - start) / ramp
    return start * peak * x + slope * x * x / 2


def _invert_quadratic(a: float, b: float, c: float) -> float:
    """The non-negative root x of a x² + b x = c."""
    if a == 0:
        return c / b
    return (-b + math.sqrt(b * b + 4 * a * c)) / (2 * a)


def arrival_schedule(
    *,
    peak_rate: float,
    ramp_seconds: float,
    tail_seconds: float,
    start_fraction: float = 0.1,
    tail_fraction: float = 0.5,
) -> list[float]:
    """Send times (seconds, the deadline at 0) of every request, in order.

    Before the deadline the rate rises from start_fraction × peak_rate to peak_rate; after
    it, it falls from tail_fraction × peak_rate to zero over tail_seconds."""
    if peak_rate <= 0 or ramp_seconds <= 0:
        raise ValueError("the peak rate and the ramp must be positive")
    before_total = _ramp_count(0.0, peak=peak_rate, ramp=ramp_seconds, start=start_fraction)
    times = []
    a = peak_rate * (1 - start_fraction) / ramp_seconds / 2
    b = start_fraction * peak_rate
    for k in range(int(before_total)):
        x = _invert_quadratic(a, b, k + 0.5)
        times.append(x - ramp_seconds)
    if tail_seconds > 0 and tail_fraction > 0:
        top = tail_fraction * peak_rate
        tail_total = top * tail_seconds / 2
        # Count after the deadline: top*x - top*x²/(2*tail) = k + 1/2.
        for k in range(int(tail_total)):
            times.append(_invert_quadratic(-top / (2 * tail_seconds), top, k + 0.5))
    return times


@dataclass(frozen=True)
class Outcome:
    """One submission request as the client saw it, with the server's recorded arrival
    (`arrived`, seconds on the same clock) when it stored a submission."""

    sent: float
    answered: float
    answer: str  # ACCEPTED, REFUSED or anything else (an error)
    arrived: float | None = None


def classify(outcome: Outcome, *, deadline: float, boundary: float, skew: float = 0.0) -> str:
    """The outcome's class, judged by when it was sent (see the module's text)."""
    if outcome.answer not in (ACCEPTED, REFUSED):
        return ERROR
    accepted = outcome.answer == ACCEPTED
    if accepted and (
        outcome.arrived is None
        or not (outcome.sent - skew <= outcome.arrived <= outcome.answered + skew)
    ):
        return CLOCK_MISMATCH
    if outcome.sent >= deadline:
        return LATE_ACCEPTED if accepted else LATE_REFUSED
    if outcome.sent >= deadline - boundary:
        return BOUNDARY_ACCEPTED if accepted else BOUNDARY_REFUSED
    return ON_TIME_ACCEPTED if accepted else ON_TIME_REFUSED


def tally(outcomes, *, deadline: float, boundary: float, skew: float = 0.0) -> Counter:
    return Counter(classify(o, deadline=deadline, boundary=boundary, skew=skew) for o in outcomes)


def rush_verdict(
    *,
    counts: Counter,
    receipts: int,
    stored: int,
    mails_queued: int,
    late_stored: int,
    refused_but_stored: int = 0,
) -> list[str]:
    """Why the rush fails, in words; an empty list when it passes."""
    problems = []
    for kind in (ON_TIME_REFUSED, LATE_ACCEPTED, ERROR, CLOCK_MISMATCH):
        if counts.get(kind, 0):
            problems.append(f"{counts[kind]} {kind}")
    if not receipts == stored == mails_queued:
        problems.append(
            f"receipts ({receipts}), stored submissions ({stored}) and receipt mails "
            f"queued ({mails_queued}) differ"
        )
    if late_stored:
        problems.append(f"{late_stored} stored at or after the deadline")
    if refused_but_stored:
        problems.append(f"{refused_but_stored} refused but stored")
    return problems
