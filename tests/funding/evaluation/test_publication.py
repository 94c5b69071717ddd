"""Publication of the results with a mail server that goes away in the middle: the
publication commits, each notice is recorded once, and publishing again (or the
`send_queued_mail` command) sends exactly the missing ones; no applicant is told twice."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from core.models import MailStatus, OutgoingMail
from funding.evaluation.models import TopicEvaluation
from funding.evaluation.services import results
from funding.evaluation.services.esr_notices import notice_key, topic_notice_counts
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    submitted,
)
from tests.mail_backends import FlakySMTP

pytestmark = pytest.mark.django_db

PROPOSALS = 5


@pytest.fixture
def boss():
    return manager()


@pytest.fixture
def ranked(boss):
    """A topic of five evaluated proposals, ranked and listed, not yet published; each
    proposal has its own applicant."""
    topic = evaluation_topic(experts_per_proposal=1, budget=Decimal("100000000"), max_grant=None)
    proposals = [submitted(topic) for _ in range(PROPOSALS)]
    close(topic)
    for proposal in proposals:
        admit(proposal, boss)
        evaluate(proposal, boss, [expert()], ["4", "4", "4"])
    results.topic_compute_lists(topic=topic, user=boss)
    return topic, proposals


def _told(proposals) -> Counter:
    """How many notices each applicant received."""
    counts = Counter()
    for message in mail.outbox:
        for proposal in proposals:
            if proposal.number in message.subject and proposal.applicant.email in message.to:
                counts[proposal.number] += 1
    return counts


def _notices():
    """The evaluation summary notices on record (the experts' assignment notices aside)."""
    return OutgoingMail.objects.filter(key__startswith="esr:")


def _statuses(topic) -> Counter:
    published_at = TopicEvaluation.objects.get(topic=topic).results_published_at
    keys = [notice_key(proposal_id=p.pk, published_at=published_at) for p in topic.proposals.all()]
    return Counter(OutgoingMail.objects.filter(key__in=keys).values_list("status", flat=True))


def test_a_publication_cut_by_the_mail_server_is_resumed_without_doubles(
    settings, boss, ranked, django_capture_on_commit_callbacks
):
    topic, proposals = ranked
    smtp = FlakySMTP.install(settings, fail_from=3)  # the server times out on the 3rd message
    with django_capture_on_commit_callbacks(execute=True):
        queued = results.topic_publish_results(topic=topic, user=boss)
    assert queued == PROPOSALS
    # The publication is committed, every notice is on record: two sent, the rest failed.
    assert TopicEvaluation.objects.get(topic=topic).results_published_at is not None
    assert _statuses(topic) == {MailStatus.SENT: 2, MailStatus.FAILED: 3}
    assert len(mail.outbox) == 2 and smtp.attempts == PROPOSALS
    failed = OutgoingMail.objects.filter(status=MailStatus.FAILED)
    assert all("timed out" in m.last_error and m.attempts == 1 for m in failed)
    counts = topic_notice_counts(
        topic=topic, published_at=TopicEvaluation.objects.get(topic=topic).results_published_at
    )
    assert (counts.proposals, counts.sent, counts.unsent) == (PROPOSALS, 2, 3)

    # The server is back; the manager publishes again: "send the missing notices".
    smtp.recover()
    with django_capture_on_commit_callbacks(execute=True):
        queued = results.topic_publish_results(topic=topic, user=boss)
    assert queued == 3
    assert _statuses(topic) == {MailStatus.SENT: PROPOSALS}
    assert _told(proposals) == dict.fromkeys((p.number for p in proposals), 1)
    assert len(mail.outbox) == PROPOSALS

    # Once more: nothing is missing, nothing is sent.
    with django_capture_on_commit_callbacks(execute=True):
        assert results.topic_publish_results(topic=topic, user=boss) == 0
    assert len(mail.outbox) == PROPOSALS and _notices().count() == PROPOSALS


def test_the_command_sends_the_notices_the_server_refused(
    settings, boss, ranked, django_capture_on_commit_callbacks
):
    topic, proposals = ranked
    smtp = FlakySMTP.install(settings, fail_from=3)
    with django_capture_on_commit_callbacks(execute=True):
        results.topic_publish_results(topic=topic, user=boss)
    smtp.recover()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_queued_mail", verbosity=0)
    assert _statuses(topic) == {MailStatus.SENT: PROPOSALS}
    assert _told(proposals) == dict.fromkeys((p.number for p in proposals), 1)


def test_a_publication_whose_queue_never_ran_is_sent_by_publishing_again(
    boss, ranked, django_capture_on_commit_callbacks
):
    """The process stops after the commit, before handing the notices to the queue: they
    wait, queued, and the next run sends each once."""
    topic, proposals = ranked
    with django_capture_on_commit_callbacks(execute=False):
        results.topic_publish_results(topic=topic, user=boss)
    assert _statuses(topic) == {MailStatus.QUEUED: PROPOSALS} and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert results.topic_publish_results(topic=topic, user=boss) == PROPOSALS
    assert _told(proposals) == dict.fromkeys((p.number for p in proposals), 1)


def test_a_publication_made_without_e_mail_sends_every_notice_when_run_again(
    boss, ranked, django_capture_on_commit_callbacks
):
    topic, proposals = ranked
    with django_capture_on_commit_callbacks(execute=True):
        assert results.topic_publish_results(topic=topic, user=boss, notify=False) == 0
    assert mail.outbox == [] and not _notices().exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert results.topic_publish_results(topic=topic, user=boss) == PROPOSALS
    assert _told(proposals) == dict.fromkeys((p.number for p in proposals), 1)


def test_publishing_again_keeps_the_first_publication(boss, ranked):
    topic, _proposals = ranked
    results.topic_publish_results(topic=topic, user=boss)
    first = TopicEvaluation.objects.get(topic=topic)
    results.topic_publish_results(topic=topic, user=boss)
    again = TopicEvaluation.objects.get(topic=topic)
    assert again.results_published_at == first.results_published_at
    assert again.results_published_by == boss
