"""Two hosts run the daily notices at the same moment on one database: each reminder and
each weekly digest is recorded, and so sent, once."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from cooperation.accounts.notifications.kinds import Delivery, NoticeKind
from cooperation.accounts.notifications.services import notice_send, preference_set
from tests.cooperation.factories import UserFactory
from tests.cooperation.factories_forum import CommitmentFactory, ContactPersonFactory
from tests.processes import production_environment, shared_database_url, shared_rows

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).with_name("digest_process.py")
MONDAY = "2026-11-23"


def _start(database_url: str, errors) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), MONDAY],
        cwd=ROOT,
        env=production_environment(database_url),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_two_hosts_running_together_send_each_digest_and_reminder_once(tmp_path):
    readers = [UserFactory() for _ in range(3)]
    for reader in readers:
        preference_set(user=reader, kind=NoticeKind.CONFLICT, delivery=Delivery.DIGEST)
        notice_send(
            to=[reader.email],
            kind=NoticeKind.CONFLICT,
            subject="Conflict declared",
            template="evaluation/email/conflict.txt",
            context={"assignment": None, "proposal": None, "details": "Co-author."},
        )
    contacts = [ContactPersonFactory() for _ in range(3)]
    for contact in contacts:
        CommitmentFactory(owner=contact.stakeholder, due_date=dt.date(2026, 11, 20))
    database_url = shared_database_url(
        tmp_path, sqlite_options="transaction_mode=IMMEDIATE&timeout=60"
    )

    logs = [tmp_path / "first.err", tmp_path / "second.err"]
    with logs[0].open("w") as first_errors, logs[1].open("w") as second_errors:
        hosts = [_start(database_url, first_errors), _start(database_url, second_errors)]
        try:
            for host, log in zip(hosts, logs, strict=True):
                assert host.stdout.readline() == "ready\n", log.read_text()[-3000:]
            for host in hosts:  # both start at once
                host.stdin.write("go\n")
                host.stdin.flush()
            sent = []
            for host, log in zip(hosts, logs, strict=True):
                out, _ = host.communicate(timeout=120)
                assert host.returncode == 0, log.read_text()[-3000:]
                sent.append(int(out.strip()))
        finally:
            for host in hosts:
                if host.poll() is None:
                    host.kill()
    # Three reminders and three digests in all, whichever host sent which.
    assert sum(sent) == 6
    digests = shared_rows(
        database_url, "SELECT key FROM core_outgoingmail WHERE key LIKE 'digest:%'"
    )
    assert len(digests) == 3
    reminders = shared_rows(
        database_url, "SELECT COUNT(*) FROM core_outgoingmail WHERE subject LIKE 'Commitments:%'"
    )
    assert reminders == [(3,)]
    waiting = shared_rows(
        database_url,
        "SELECT COUNT(*) FROM cooperation_heldnotice WHERE digest_id IS NULL",
    )
    assert waiting == [(0,)]
