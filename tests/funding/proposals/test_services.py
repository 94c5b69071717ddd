import datetime as dt
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core.brussels import BRUSSELS, brussels_deadline
from funding.models import (
    Partner,
    Proposal,
    ProposalStatusChange,
    ProposalSubmission,
    TopicEvaluation,
)
from funding.proposals import lifecycle, services
from funding.proposals.guards import outcome_unpublished
from funding.proposals.snapshots import snapshot_checksum
from funding.proposals.statuses import ProposalAction, ProposalStatus
from funding.proposals.workflow import TRANSITIONS
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories import TopicFactory
from tests.funding.factories_proposals import complete_proposal, member_of

pytestmark = pytest.mark.django_db

# The last Sunday of March 2026 (29th) moves Brussels from CET (UTC+1) to CEST (UTC+2).
DEADLINE = brussels_deadline(dt.date(2026, 3, 31))
SECOND = dt.timedelta(seconds=1)


@pytest.fixture
def dst_topic():
    return TopicFactory(
        opening_at=brussels_deadline(dt.date(2026, 3, 1)),  # CET
        deadline_at=DEADLINE,  # CEST
    )


@pytest.fixture
def proposal(dst_topic):
    return complete_proposal(topic=dst_topic)


@pytest.fixture
def coordinator_user(proposal, make_user):
    return member_of(proposal.coordinator, make_user)


def test_the_dst_deadline_is_17h_brussels_which_is_15h_utc():
    assert DEADLINE.astimezone(dt.UTC).hour == 15
    assert brussels_deadline(dt.date(2026, 3, 1)).astimezone(dt.UTC).hour == 16


@pytest.mark.parametrize(
    ("offset", "accepted"), [(-SECOND, True), (dt.timedelta(0), False), (SECOND, False)]
)
def test_submission_at_the_second_around_the_deadline(proposal, coordinator_user, offset, accepted):
    now = DEADLINE + offset
    if accepted:
        submission = lifecycle.proposal_submit(proposal=proposal, user=coordinator_user, now=now)
        assert submission.submitted_at == now
        assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.SUBMITTED
    else:
        with pytest.raises(services.ProposalError, match="deadline of this topic has passed"):
            lifecycle.proposal_submit(proposal=proposal, user=coordinator_user, now=now)
        assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT
        assert not ProposalSubmission.objects.exists()
        assert not ProposalStatusChange.objects.exists()


def test_an_hour_early_in_utc_terms_is_still_refused_across_the_dst_change(
    proposal, coordinator_user
):
    # 16:30 UTC on 31 March is 18:30 in Brussels (CEST): too late, although 16:30 UTC
    # would have been before a CET deadline.
    late = dt.datetime(2026, 3, 31, 15, 30, tzinfo=dt.UTC)
    with pytest.raises(services.ProposalError, match="17:30:00"):
        lifecycle.proposal_submit(proposal=proposal, user=coordinator_user, now=late)
    early = dt.datetime(2026, 3, 31, 16, 59, 59, tzinfo=BRUSSELS)
    assert lifecycle.proposal_submit(proposal=proposal, user=coordinator_user, now=early)


def test_resubmission_keeps_numbered_immutable_snapshots_with_checksums(
    proposal, coordinator_user, django_capture_on_commit_callbacks
):
    first_at = DEADLINE - dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        first = lifecycle.proposal_submit(proposal=proposal, user=coordinator_user, now=first_at)
    lifecycle.proposal_reopen(proposal=proposal, user=coordinator_user, now=first_at + SECOND)
    proposal.refresh_from_db()
    services.proposal_update_general(
        proposal=proposal,
        user=coordinator_user,
        lock_version=proposal.lock_version,
        data={"title": "A better title"},
        now=first_at + 2 * SECOND,
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = lifecycle.proposal_submit(
            proposal=proposal, user=coordinator_user, now=DEADLINE - SECOND
        )
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.snapshot["proposal"]["title"] != "A better title"
    assert second.snapshot["proposal"]["title"] == "A better title"
    for submission in (first, second):
        assert submission.checksum == snapshot_checksum(submission.snapshot)
        assert len(submission.checksum) == 64
    assert first.checksum != second.checksum
    snapshot = second.snapshot
    assert snapshot["attachments"][0]["name"] == "part-b.pdf"
    assert snapshot["budget"]["total_requested"] == "1000000.00"
    assert {p["role"] for p in snapshot["consortium"]} == {"coordinator", "beneficiary"}
    json.dumps(snapshot)  # plain JSON
    first.title = "changed"
    with pytest.raises(ValidationError):
        first.save()
    with pytest.raises(ValidationError):
        first.delete()
    assert len(mail.outbox) == 2
    assert Proposal.objects.get(pk=proposal.pk).submitted_at == DEADLINE - SECOND


def test_receipt_email_has_number_brussels_time_and_checksum(
    proposal, coordinator_user, django_capture_on_commit_callbacks
):
    now = dt.datetime(2026, 3, 31, 14, 5, 9, tzinfo=dt.UTC)  # 16:05:09 CEST
    with django_capture_on_commit_callbacks(execute=True):
        submission = lifecycle.proposal_submit(
            proposal=proposal, user=coordinator_user, now=now, site_url="https://csa.example.eu"
        )
    message = mail.outbox[0]
    assert message.to == [coordinator_user.email]
    assert proposal.number in message.subject
    assert "Received at (Brussels time): 31 March 2026, 16:05:09\n" in message.body
    assert submission.checksum in message.body
    assert f"https://csa.example.eu/applicant/proposals/{proposal.pk}/receipts/1/" in message.body


def test_submit_refuses_an_incomplete_proposal_and_changes_nothing(proposal, coordinator_user):
    Proposal.objects.filter(pk=proposal.pk).update(title="")
    proposal.refresh_from_db()
    with pytest.raises(services.ProposalError, match="no title"):
        lifecycle.proposal_submit(proposal=proposal, user=coordinator_user, now=DEADLINE - SECOND)
    assert not ProposalSubmission.objects.exists()


def _proposal_in(status, topic):
    proposal = complete_proposal(topic=topic)
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    return proposal


# The applicant's rows; the evaluation rows (taken by programme managers, with their own
# guards) are tested in test_evaluation_workflow.py.
APPLICANT_ROWS = [t for t in TRANSITIONS if t.who.__name__ == "_coordinator_member"]


@pytest.mark.parametrize("transition", APPLICANT_ROWS, ids=lambda t: f"{t.action}:{t.source}")
def test_every_transition_row(transition, dst_topic, make_user):
    proposal = _proposal_in(transition.source, dst_topic)
    user = member_of(proposal.coordinator, make_user)
    outsider = member_of(OrganisationFactory(), make_user)
    before = DEADLINE - dt.timedelta(hours=1)
    reason = "The consortium broke up." if transition.needs_reason else ""
    # who: someone outside the coordinating organisation is refused
    with pytest.raises(services.ProposalError, match="coordinating organisation"):
        lifecycle.proposal_transition(
            proposal=proposal, action=transition.action, user=outsider, now=before, reason=reason
        )
    if transition.needs_reason:
        with pytest.raises(services.ProposalError, match="reason"):
            lifecycle.proposal_transition(
                proposal=proposal, action=transition.action, user=user, now=before
            )
    if transition.guard is outcome_unpublished:  # a decided outcome, once published
        published = TopicEvaluation.objects.create(topic=dst_topic, results_published_at=before)
        with pytest.raises(services.ProposalError, match="results are published"):
            lifecycle.proposal_transition(
                proposal=proposal, action=transition.action, user=user, now=before, reason=reason
            )
        published.delete()
    elif transition.guard is not None:  # guards on the deadline refuse after it
        with pytest.raises(services.ProposalError, match="deadline"):
            lifecycle.proposal_transition(
                proposal=proposal, action=transition.action, user=user, now=DEADLINE
            )
    assert not ProposalStatusChange.objects.exists()
    lifecycle.proposal_transition(
        proposal=proposal, action=transition.action, user=user, now=before, reason=reason
    )
    proposal.refresh_from_db()
    assert proposal.status == transition.target
    change = ProposalStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.changed_by, change.changed_at) == (
        transition.source,
        transition.target,
        user,
        before,
    )
    assert change.reason == reason


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (ProposalStatus.DRAFT, ProposalAction.REOPEN),
        (ProposalStatus.SUBMITTED, ProposalAction.SUBMIT),
        (ProposalStatus.WITHDRAWN, ProposalAction.SUBMIT),
        (ProposalStatus.WITHDRAWN, ProposalAction.REOPEN),
        (ProposalStatus.WITHDRAWN, ProposalAction.WITHDRAW),
    ],
)
def test_transitions_not_in_the_table_are_refused(status, action, dst_topic, make_user):
    proposal = _proposal_in(status, dst_topic)
    user = member_of(proposal.coordinator, make_user)
    with pytest.raises(services.ProposalError, match="cannot be"):
        lifecycle.proposal_transition(
            proposal=proposal, action=action, user=user, now=DEADLINE - SECOND, reason="x"
        )
    assert Proposal.objects.get(pk=proposal.pk).status == status


def test_a_stale_save_is_refused_with_who_and_when(proposal, coordinator_user, make_user):
    colleague = member_of(proposal.coordinator, make_user, first_name="Eva", last_name="Kos")
    opened = proposal.lock_version
    saved_at = dt.datetime(2026, 3, 20, 9, 41, tzinfo=dt.UTC)  # 10:41 CET
    services.proposal_update_general(
        proposal=Proposal.objects.get(pk=proposal.pk),
        user=colleague,
        lock_version=opened,
        data={"title": "Colleague's title"},
        now=saved_at,
    )
    with pytest.raises(services.ConflictError) as conflict:
        services.proposal_update_general(
            proposal=Proposal.objects.get(pk=proposal.pk),
            user=coordinator_user,
            lock_version=opened,
            data={"title": "My title"},
        )
    assert "Eva Kos saved this proposal at 10:41" in str(conflict.value)
    assert Proposal.objects.get(pk=proposal.pk).title == "Colleague's title"


def test_a_partner_twice_is_refused(proposal, coordinator_user):
    existing = Partner.objects.filter(proposal=proposal).exclude(role="coordinator").first()
    with pytest.raises(services.ProposalError, match="already in the consortium"):
        services.partner_add(
            proposal=proposal,
            user=coordinator_user,
            lock_version=proposal.lock_version,
            role="beneficiary",
            organisation=existing.organisation,
        )
    assert Partner.objects.filter(proposal=proposal).count() == 3


def test_a_new_partner_organisation_is_registered(proposal, coordinator_user):
    partner = services.partner_add(
        proposal=proposal,
        user=coordinator_user,
        lock_version=proposal.lock_version,
        role="associated",
        new_organisation={
            "legal_name": "Hrabri telefon",
            "short_name": "Brave Phone",
            "country": "HR",
            "organisation_type": "CSO",
            "pic": "",
        },
    )
    assert partner.organisation.legal_name == "Hrabri telefon"
    assert str(partner.organisation.country) == "HR"


def test_proposal_numbers_follow_the_topic_year(dst_topic, make_user):
    organisation = OrganisationFactory()
    user = member_of(organisation, make_user)
    first = services.proposal_create(
        topic=dst_topic, coordinator=organisation, user=user, now=DEADLINE - SECOND
    )
    second = services.proposal_create(
        topic=dst_topic, coordinator=organisation, user=user, now=DEADLINE - SECOND
    )
    assert (first.number, second.number) == ("P-2026-00001", "P-2026-00002")
    assert first.partners.get().role == "coordinator"


def test_submission_locks_the_proposal_row_while_judging_the_clock(
    proposal, coordinator_user, monkeypatch
):
    from django.db import connection

    from funding.proposals.models import ProposalQuerySet

    seen = []
    original = ProposalQuerySet.select_for_update

    def spy(self, *args, **kwargs):
        seen.append(connection.in_atomic_block)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ProposalQuerySet, "select_for_update", spy)
    lifecycle.proposal_submit(proposal=proposal, user=coordinator_user, now=DEADLINE - SECOND)
    assert seen == [True]


def test_a_reopened_proposal_left_in_draft_is_still_evaluated_on_its_last_submission(
    proposal, coordinator_user, dst_topic, make_user
):
    lifecycle.proposal_submit(proposal=proposal, user=coordinator_user, now=DEADLINE - 9 * SECOND)
    lifecycle.proposal_reopen(proposal=proposal, user=coordinator_user, now=DEADLINE - 5 * SECOND)
    never_submitted = complete_proposal(topic=dst_topic)
    withdrawn = complete_proposal(topic=dst_topic)
    user = member_of(withdrawn.coordinator, make_user)
    lifecycle.proposal_submit(proposal=withdrawn, user=user, now=DEADLINE - 9 * SECOND)
    lifecycle.proposal_withdraw(proposal=withdrawn, user=user, reason="Merged with another.")
    evaluable = Proposal.objects.evaluable()
    assert list(evaluable) == [proposal]
    assert never_submitted not in evaluable
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT
    assert proposal.submissions.last().number == 1
