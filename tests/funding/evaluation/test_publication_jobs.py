"""Publishing from the manager's page: the publication in the request, the applicants'
notices on the task worker (recorded once each, whoever runs the task again)."""

import pytest
from django.urls import reverse

from core.models import OutgoingMail
from funding.evaluation import tasks
from funding.evaluation.models import TopicEvaluation
from funding.evaluation.services import freezes
from tests.funding.evaluation.test_freeze_jobs import QUEUED_ONLY
from tests.funding.evaluation.test_freeze_jobs import evaluated as evaluated_topic
from tests.funding.factories_evaluation import manager

pytestmark = pytest.mark.django_db
ESR = OutgoingMail.objects.filter(key__startswith="esr:")


@pytest.fixture
def boss():
    return manager()


@pytest.fixture
def boss_client(client, boss):
    client.force_login(boss)
    return client


@pytest.fixture
def queued_only(settings):
    settings.TASKS = QUEUED_ONLY


@pytest.fixture
def frozen(boss):
    topic, proposals = evaluated_topic.__wrapped__(boss)
    freezes.ranking_freeze_request(topic=topic, user=boss)
    return topic, proposals


def test_a_worker_at_once_sends_the_notices_and_says_how_many(
    boss_client, frozen, django_capture_on_commit_callbacks
):
    topic, _proposals = frozen
    with django_capture_on_commit_callbacks(execute=True):
        response = boss_client.post(reverse("evaluation:publish", args=[topic.pk]))
    body = boss_client.get(response["Location"]).content.decode()
    assert "Results published: 3 applicants receive their report." in body
    assert ESR.count() == 3


def test_the_notices_wait_for_the_worker_and_are_recorded_once(
    boss_client, frozen, settings, queued_only
):
    topic, _proposals = frozen
    response = boss_client.post(reverse("evaluation:publish", args=[topic.pk]))
    assert TopicEvaluation.objects.get(topic=topic).results_published_at is not None
    assert not ESR.exists()  # not in the request
    body = boss_client.get(response["Location"]).content.decode()
    assert "Results published. The task worker records and sends" in body
    assert "Notices accepted by the mail server: 0 of 3." in body
    # A second click ("send the missing notices") queues the task again: harmless.
    response = boss_client.post(reverse("evaluation:publish", args=[topic.pk]), follow=True)
    assert "The missing notices are being sent by the task worker." in response.content.decode()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert tasks.send_publication_notices.call(topic_id=topic.pk, site_url="", language="en") == 3
    assert ESR.count() == 3
    # Run again (a second click, a recovered task): nothing recorded twice; the unsent are
    # handed to the queue again, and each is sent at most once (core.tasks).
    tasks.send_publication_notices.call(topic_id=topic.pk, site_url="", language="en")
    assert ESR.count() == 3


def test_notices_of_an_unpublished_topic_are_none(frozen):
    topic, _proposals = frozen
    assert tasks.send_publication_notices.call(topic_id=topic.pk, site_url="", language="en") == 0
    assert not ESR.exists()
