"""Arrival time counts: a deadline-bound request is judged by when it reached the application.

A submission (or a reopening) that arrives before the deadline is in time even if it then
waits for the proposal's row lock past the deadline; one that arrives at the deadline is
late even if it gets the lock at once. The clock is frozen at the arrival; a slow lock
holder lets it pass the deadline before the lock is granted. On PostgreSQL the holder is a
real second transaction in a thread, holding `SELECT … FOR UPDATE` on the proposal's row
until the request is seen waiting for it; on SQLite, whose writers serialise the whole
database, the wait is played by the lock step advancing the clock.
"""

import datetime as dt
import threading
import time

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.brussels import brussels_deadline
from core.middleware import RequestArrivalMiddleware
from core.workflow import Workflow
from funding.models import Proposal, ProposalStatusChange, ProposalSubmission
from funding.proposals import lifecycle
from funding.proposals.statuses import ProposalAction, ProposalStatus
from tests.funding.factories import TopicFactory
from tests.funding.factories_proposals import complete_proposal, member_of

# Real commits: the lock holder's transaction is another connection's.
pytestmark = pytest.mark.django_db(transaction=True)

DEADLINE = brussels_deadline(dt.date(2026, 6, 30))  # 17:00:00.000 Brussels time
MILLISECOND = dt.timedelta(milliseconds=1)
WAIT = dt.timedelta(seconds=2)  # how long the other request keeps the lock
GIVE_UP = 30  # seconds (real time) before a test that went wrong stops waiting


@pytest.fixture
def proposal():
    topic = TopicFactory(opening_at=DEADLINE - dt.timedelta(days=30), deadline_at=DEADLINE)
    return complete_proposal(topic=topic)


@pytest.fixture
def coordinator(proposal, make_user):
    return member_of(proposal.coordinator, make_user)


def _arrive(client, time_machine, user, at: dt.datetime) -> None:
    """Freeze the clock at the request's arrival (signed in at that instant too)."""
    time_machine.move_to(at, tick=False)
    client.force_login(user)


class _Holder(threading.Thread):
    """Another request on PostgreSQL: locks the proposal's row, waits until a request is
    blocked behind it, lets the clock pass the deadline, then commits."""

    def __init__(self, proposal_pk: int, time_machine):
        super().__init__(daemon=True)
        self.proposal_pk, self.time_machine = proposal_pk, time_machine
        self.holding, self.failures = threading.Event(), []

    def run(self):
        try:
            with transaction.atomic():
                Proposal.objects.select_for_update().get(pk=self.proposal_pk)
                self.holding.set()
                self._until_someone_waits()
                self.time_machine.shift(WAIT)
        except Exception as error:  # reported by the test
            self.failures.append(error)
        finally:
            self.holding.set()
            connection.close()

    def _until_someone_waits(self):
        give_up = time.monotonic() + GIVE_UP
        with connection.cursor() as cursor:
            while time.monotonic() < give_up:
                cursor.execute(
                    "SELECT EXISTS (SELECT 1 FROM pg_stat_activity"
                    " WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid)))"
                )
                if cursor.fetchone()[0]:
                    return
        raise AssertionError("No request waited for the proposal's row lock.")


@pytest.fixture
def slow_lock(monkeypatch, time_machine, proposal):
    """The proposal's row lock is granted only once the clock has moved on by WAIT; yields
    the clock readings when the engine got the lock."""
    granted: list[dt.datetime] = []
    original = Workflow.lock
    postgresql = connection.vendor == "postgresql"

    def lock(self, obj):
        if not postgresql:
            time_machine.shift(WAIT)  # the wait for the lock, played on SQLite
        locked = original(self, obj)
        granted.append(timezone.now())
        return locked

    monkeypatch.setattr(Workflow, "lock", lock)
    if not postgresql:
        yield granted
        return
    holder = _Holder(proposal.pk, time_machine)
    holder.start()
    assert holder.holding.wait(GIVE_UP)
    yield granted
    holder.join(GIVE_UP)
    assert not holder.failures, holder.failures


def _post(client, name: str, proposal):
    return client.post(reverse(f"applicant:{name}", args=[proposal.pk]), follow=True)


# --- submitting --------------------------------------------------------------------------


def test_a_submission_that_arrives_a_millisecond_early_is_in_although_it_waits_past_it(
    client, time_machine, proposal, coordinator, slow_lock
):
    arrival = DEADLINE - MILLISECOND
    _arrive(client, time_machine, coordinator, arrival)
    response = _post(client, "submit", proposal)
    assert slow_lock == [arrival + WAIT] and slow_lock[0] > DEADLINE  # lock came too late
    assert response.redirect_chain[-1][0] == reverse("applicant:receipt", args=[proposal.pk, 1])
    # The arrival is the instant judged and recorded: on the submission, its snapshot, the
    # proposal and the history row.
    submission = ProposalSubmission.objects.get(proposal=proposal)
    assert submission.submitted_at == arrival
    assert dt.datetime.fromisoformat(submission.snapshot["submission"]["submitted_at"]) == arrival
    fresh = Proposal.objects.get(pk=proposal.pk)
    assert (fresh.status, fresh.submitted_at) == (ProposalStatus.SUBMITTED, arrival)
    change = ProposalStatusChange.objects.get(proposal=proposal)
    assert (change.action, change.changed_at) == (ProposalAction.SUBMIT, arrival)
    # The receipt went after the commit, through the task, and gives the arrival.
    (receipt,) = mail.outbox
    assert "16:59:59" in receipt.body


def test_a_submission_that_arrives_at_the_deadline_is_late_even_with_the_lock_at_once(
    client, time_machine, proposal, coordinator
):
    _arrive(client, time_machine, coordinator, DEADLINE)
    response = _post(client, "submit", proposal)
    page = response.content.decode()
    assert "deadline of this topic has passed" in page
    assert "30 June 2026, 17:00:00.000" in page  # the arrival, to the millisecond
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT
    assert not ProposalSubmission.objects.exists()
    assert not ProposalStatusChange.objects.exists()
    assert not mail.outbox


def test_a_submission_that_arrives_at_the_deadline_and_waits_is_late_too(
    client, time_machine, proposal, coordinator, slow_lock
):
    _arrive(client, time_machine, coordinator, DEADLINE)
    page = _post(client, "submit", proposal).content.decode()
    assert slow_lock == [DEADLINE + WAIT]
    assert "30 June 2026, 17:00:00.000" in page  # judged at the arrival, not at the lock
    assert not ProposalSubmission.objects.exists()


# --- reopening ---------------------------------------------------------------------------


@pytest.fixture
def submitted(proposal, coordinator):
    lifecycle.proposal_submit(
        proposal=proposal, user=coordinator, now=DEADLINE - dt.timedelta(days=1)
    )
    return proposal


def test_a_reopening_that_arrives_before_the_deadline_is_in_although_it_waits_past_it(
    client, time_machine, submitted, coordinator, slow_lock
):
    arrival = DEADLINE - MILLISECOND
    _arrive(client, time_machine, coordinator, arrival)
    _post(client, "reopen", submitted)
    assert slow_lock == [arrival + WAIT]
    assert Proposal.objects.get(pk=submitted.pk).status == ProposalStatus.DRAFT
    change = ProposalStatusChange.objects.get(proposal=submitted, action=ProposalAction.REOPEN)
    assert change.changed_at == arrival


def test_a_reopening_that_arrives_at_the_deadline_is_late(
    client, time_machine, submitted, coordinator
):
    _arrive(client, time_machine, coordinator, DEADLINE)
    page = _post(client, "reopen", submitted).content.decode()
    assert "deadline of this topic has passed" in page
    assert Proposal.objects.get(pk=submitted.pk).status == ProposalStatus.SUBMITTED


# --- the stamp ---------------------------------------------------------------------------


def test_the_arrival_is_stamped_first_before_any_other_middleware(time_machine):
    assert settings.MIDDLEWARE[0] == "core.middleware.RequestArrivalMiddleware"
    time_machine.move_to(DEADLINE - MILLISECOND, tick=False)
    seen = []

    def the_rest(request):
        time_machine.shift(WAIT)  # whatever comes after takes its time
        seen.append(request.received_at)

    RequestArrivalMiddleware(the_rest)(RequestFactory().post("/"))
    assert seen == [DEADLINE - MILLISECOND]
