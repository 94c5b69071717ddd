"""The pure part of the cluster rush: what each answer means, the figures of a run, and
whether it passes. No network, no database: `tests/benchmarks/test_cluster_verdict.py`."""

import re
from dataclasses import dataclass, field

RECEIPT, REFUSED, ERROR = "receipt", "refused", "error"
RECEIPT_SUBJECT = re.compile(r"^Subject: Proposal (\S+) received$", re.MULTILINE)
MESSAGE_ID = re.compile(r"^Message-ID: (\S+)$", re.MULTILINE | re.IGNORECASE)


def classify(*, status: int, location: str, pk: int) -> str:
    """A submit's answer: a redirect to a receipt, a redirect back to the proposal (the
    deadline has passed, or it is submitted already), or anything else, an error."""
    if status == 302 and "/receipts/" in location:
        return RECEIPT
    if status == 302 and location.rstrip("/").endswith(f"/proposals/{pk}"):
        return REFUSED
    return ERROR


def receipt_mails(texts: list[str]) -> dict[str, list[str]]:
    """Proposal number -> the Message-ID of each receipt mail written for it, in the files
    of the mail folder (Django's file backend: messages separated by a line of 79 dashes)."""
    found: dict[str, list[str]] = {}
    for text in texts:
        for message in text.split("\n" + "-" * 79 + "\n"):
            subject = RECEIPT_SUBJECT.search(message)
            if subject:
                identifier = MESSAGE_ID.search(message)
                found.setdefault(subject.group(1), []).append(
                    identifier.group(1) if identifier else ""
                )
    return found


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


@dataclass
class Outcome:
    """What one client learned about its proposal."""

    pk: int
    number: str
    sent_at: float  # the first attempt, epoch seconds
    result: str  # RECEIPT or REFUSED, or ERROR when every attempt failed
    errors: list[str] = field(default_factory=list)  # what failed attempts answered
    receipt_file_ok: bool | None = None  # the receipt's stored file came back intact


def figures(
    *,
    outcomes: list[Outcome],
    latencies: list[float],
    deadline: float,
    stored: dict[int, float],
    mails: dict[str, list[str]],
) -> dict:
    """The run's figures: `stored` maps each stored submission's proposal to its
    `submitted_at` (epoch), `mails` each proposal number to its receipt mails' Message-IDs."""
    receipts = {o.pk for o in outcomes if o.result == RECEIPT}
    numbers = {o.pk: o.number for o in outcomes}
    stored_ids = set(stored)
    return {
        "clients": len(outcomes),
        "requests": len(latencies),
        "errors_seen_by_clients": sum(len(o.errors) for o in outcomes),
        "error_kinds": sorted({e for o in outcomes for e in o.errors}),
        "unanswered": sum(1 for o in outcomes if o.result == ERROR),
        "p95_ms": None if not latencies else round(p95(latencies) * 1000, 1),
        "max_ms": None if not latencies else round(max(latencies) * 1000, 1),
        "receipts": len(receipts),
        "stored": len(stored_ids),
        "mails": sum(1 for pk in stored_ids if mails.get(numbers.get(pk, ""))),
        # A second receipt under another Message-ID: a second mail the applicant receives.
        "duplicate_mails": sum(len(set(ids)) - 1 for ids in mails.values() if ids),
        # The same message delivered again (a worker killed after the mail server took it,
        # before the record said so): one Message-ID, which the receiving side keeps once.
        "redelivered_same_message_id": sum(len(ids) - len(set(ids)) for ids in mails.values()),
        "refused_after_deadline": sum(1 for o in outcomes if o.result == REFUSED),
        "sent_after_deadline": sum(1 for o in outcomes if o.sent_at >= deadline),
        # Sent before the deadline but reaching a host after it (queued behind the rush, or
        # sent again after a failed attempt): refused, as the arrival instant is what counts.
        "refused_though_sent_before": sum(
            1 for o in outcomes if o.result == REFUSED and o.sent_at < deadline
        ),
        "late_accepted": sum(1 for at in stored.values() if at >= deadline),
        "lost": len(receipts - stored_ids) + len(stored_ids - receipts),
        "receipt_files_bad": sum(1 for o in outcomes if o.receipt_file_ok is False),
    }


def failures(result: dict) -> list[str]:
    """Why the run fails; empty when receipts = stored = mails, nothing late, nothing lost."""
    reasons = []
    if not result["receipts"]:
        reasons.append("no receipt at all")
    if not result["receipts"] == result["stored"] == result["mails"]:
        reasons.append(
            f"receipts {result['receipts']}, stored {result['stored']}, mails {result['mails']}"
        )
    for key in ("late_accepted", "lost", "duplicate_mails", "unanswered", "receipt_files_bad"):
        if result[key]:
            reasons.append(f"{key.replace('_', ' ')}: {result[key]}")
    return reasons
