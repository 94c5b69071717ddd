"""The deadline rush's figures as markdown, each against its target (benchmarks.report)."""

from benchmarks import rush_plan

TARGETS = {"accepted_per_second": 40.0, "cpu_ms_per_submission": 15.0}


def _mark(ok) -> str:
    return "yes" if ok else "**no**"


def render_rush(r: dict) -> list[str]:
    lines = ["### Deadline rush (gunicorn on 127.0.0.1, open loop)", ""]
    if "skipped" in r:
        return [*lines, f"Skipped: {r['skipped']}.", ""]
    c, classes = r["capacity"], r["classes"]
    rate_ok = c["per_second"] >= TARGETS["accepted_per_second"]
    cpu_ok = c["cpu_ms_per_submission"] <= TARGETS["cpu_ms_per_submission"]
    lines += [
        f"{r['gunicorn']}. Capacity, after {c.get('warm_up_accepted', 0)} warm-up "
        f"submissions, closed loop of {c['clients']} clients for "
        f"{c['seconds']:.1f} s: **{c['per_second']:.1f} accepted submissions/s** "
        f"(target ≥ {TARGETS['accepted_per_second']:.0f}: {_mark(rate_ok)}), "
        f"**{c['cpu_ms_per_submission']:.1f} ms server CPU per submission** (gunicorn "
        f"processes' user + system time from /proc; target ≤ "
        f"{TARGETS['cpu_ms_per_submission']:.0f}: {_mark(cpu_ok)}).",
        "",
        f"Rush: {r['requests']} requests sent open loop, the rate rising over "
        f"{r['ramp_seconds']:.0f} s to {r['peak_rate']:.0f}/s ({r['overload']:.1f}× the "
        f"capacity) at the deadline, then a {r['tail_seconds']:.0f} s tail; "
        f"{r['sent_before_deadline']} sent before the deadline; largest send lag "
        f"{r['max_send_lag_ms']:.0f} ms. Judged by when each was sent (client clock); "
        f"requests sent in the last {r['boundary_ms']:.0f} ms may go either way. Accepted "
        f"{r['accepted_per_second']:.1f}/s during the rush, {r['rush_cpu_ms_per_accepted']:.1f} "
        "ms server CPU per accepted submission (refusals included).",
        "",
        "| On time accepted | On time refused | Boundary acc./ref. | Late refused "
        "| Late accepted | Errors | Clock mismatches | Receipts | Stored | Mails queued "
        "| Median / p95 ms | OK |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {classes.get(rush_plan.ON_TIME_ACCEPTED, 0)} | "
        f"{classes.get(rush_plan.ON_TIME_REFUSED, 0)} | "
        f"{classes.get(rush_plan.BOUNDARY_ACCEPTED, 0)} / "
        f"{classes.get(rush_plan.BOUNDARY_REFUSED, 0)} | {classes.get(rush_plan.LATE_REFUSED, 0)} "
        f"| {classes.get(rush_plan.LATE_ACCEPTED, 0)} | {r['errors']} | "
        f"{classes.get(rush_plan.CLOCK_MISMATCH, 0)} | {r['accepted_receipts']} | "
        f"{r['submissions_in_database']} | {r['receipt_mails_queued']} | "
        f"{r['median_ms']:.0f} / {r['p95_ms']:.0f} | {_mark(r['ok'])} |",
        "",
    ]
    if r["problems"]:
        lines += ["Failed: " + "; ".join(r["problems"]) + ".", ""]
    return lines


def rush_met(r: dict) -> list[bool]:
    if "capacity" not in r:
        return []
    c = r["capacity"]
    return [
        r["ok"],
        c["per_second"] >= TARGETS["accepted_per_second"],
        c["cpu_ms_per_submission"] <= TARGETS["cpu_ms_per_submission"],
    ]
