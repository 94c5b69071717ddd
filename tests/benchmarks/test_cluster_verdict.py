"""The cluster rush's pure part: how an answer is classified, the figures, the verdict.
(The run itself, `make cluster-rush`, needs root and network namespaces: not in CI.)"""

import pytest

from benchmarks.cluster.network import HOSTS, in_namespace
from benchmarks.cluster.verdict import (
    ERROR,
    RECEIPT,
    REFUSED,
    Outcome,
    classify,
    failures,
    figures,
    receipt_mails,
)

DEADLINE = 1000.0


@pytest.mark.parametrize(
    ("status", "location", "expected"),
    [
        (302, "/applicant/proposals/7/receipts/1/", RECEIPT),
        (302, "http://10.218.18.10/applicant/proposals/7/receipts/2/", RECEIPT),
        (302, "/applicant/proposals/7/", REFUSED),
        (302, "/applicant/proposals/17/", ERROR),  # another proposal's page is no answer
        (302, "/accounts/login/?next=/applicant/proposals/7/submit/", ERROR),
        (200, "", ERROR),  # the form again: something was missing
        (502, "", ERROR),
        (503, "", ERROR),
    ],
)
def test_a_submit_answer_is_a_receipt_a_refusal_or_an_error(status, location, expected):
    assert classify(status=status, location=location, pk=7) == expected


def _message(number, message_id):
    return f"Subject: Proposal {number} received\nMessage-ID: {message_id}\n\nbody\n"


def test_receipt_mails_are_read_per_message_across_files():
    separator = "\n" + "-" * 79 + "\n"
    first = _message("CL-0001", "<1.a@x>") + separator
    second = separator.join(
        [_message("CL-0002", "<2.b@x>"), _message("CL-0001", "<1.a@x>"), "Subject: Other\n"]
    )
    assert receipt_mails([first, second]) == {"CL-0001": ["<1.a@x>", "<1.a@x>"],
                                              "CL-0002": ["<2.b@x>"]}  # fmt: skip


def _outcome(pk, result, *, sent_at=DEADLINE - 10, errors=(), file_ok=True):
    return Outcome(
        pk=pk,
        number=f"CL-{pk:04d}",
        sent_at=sent_at,
        result=result,
        errors=list(errors),
        receipt_file_ok=file_ok if result == RECEIPT else None,
    )


def _figures(outcomes, stored, mails, latencies=(0.1, 0.2, 0.3)):
    return figures(
        outcomes=outcomes, latencies=list(latencies), deadline=DEADLINE, stored=stored,
        mails=mails,
    )  # fmt: skip


def test_a_clean_run_passes_and_counts_what_it_saw():
    outcomes = [
        _outcome(1, RECEIPT),
        _outcome(2, RECEIPT, errors=["RemoteDisconnected"]),  # the killed host had it
        _outcome(3, REFUSED, sent_at=DEADLINE + 2),
    ]
    result = _figures(
        outcomes,
        stored={1: DEADLINE - 9, 2: DEADLINE - 5},
        mails={"CL-0001": ["<1@x>"], "CL-0002": ["<2@x>", "<2@x>"]},
    )
    assert result["receipts"] == result["stored"] == result["mails"] == 2
    assert result["errors_seen_by_clients"] == 1 and result["error_kinds"] == ["RemoteDisconnected"]
    assert result["refused_after_deadline"] == result["sent_after_deadline"] == 1
    assert result["refused_though_sent_before"] == 0
    assert (result["duplicate_mails"], result["redelivered_same_message_id"]) == (0, 1)
    assert (result["late_accepted"], result["lost"], result["requests"]) == (0, 0, 3)
    assert result["p95_ms"] == 300.0
    assert failures(result) == []


@pytest.mark.parametrize(
    ("outcomes", "stored", "mails", "reason"),
    [
        # A receipt the database does not hold: lost.
        ([_outcome(1, RECEIPT), _outcome(2, RECEIPT)], {1: 990.0}, {"CL-0001": ["<1@x>"]}, "lost: 1"),
        # Stored, but the client was never told (its attempts all failed): lost too.
        ([_outcome(1, RECEIPT), _outcome(2, ERROR, errors=["timeout"] * 4)],
         {1: 990.0, 2: 991.0}, {"CL-0001": ["<1@x>"], "CL-0002": ["<2@x>"]}, "lost: 1"),
        # Accepted at or after the deadline.
        ([_outcome(1, RECEIPT)], {1: DEADLINE}, {"CL-0001": ["<1@x>"]}, "late accepted: 1"),
        # A receipt mail missing, or sent twice.
        ([_outcome(1, RECEIPT)], {1: 990.0}, {}, "receipts 1, stored 1, mails 0"),
        ([_outcome(1, RECEIPT)], {1: 990.0}, {"CL-0001": ["<1@x>", "<1b@x>"]}, "duplicate mails: 1"),
        # The receipt's stored file did not come back as recorded.
        ([_outcome(1, RECEIPT, file_ok=False)], {1: 990.0}, {"CL-0001": ["<1@x>"]},
         "receipt files bad: 1"),
        # Nothing went through at all.
        ([_outcome(1, REFUSED)], {}, {}, "no receipt at all"),
    ],
)  # fmt: skip
def test_a_run_fails_on_what_it_must_not_do(outcomes, stored, mails, reason):
    assert reason in failures(_figures(outcomes, stored, mails))


def test_every_host_has_its_own_namespace_and_address():
    assert len({host.namespace for host in HOSTS.values()}) == len(HOSTS)
    assert len({host.address for host in HOSTS.values()}) == len(HOSTS)
    assert in_namespace(HOSTS["db"], ["pg_isready"]) == [
        "ip", "netns", "exec", "csa18-db", "pg_isready"
    ]  # fmt: skip
