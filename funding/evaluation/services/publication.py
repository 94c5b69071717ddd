"""Publishing a topic's results from the manager's page: the publication itself in the
request (one row), each applicant's notice on the task worker (rendering and recording
thousands of e-mails would outlast the request and the proxy's patience)."""

from django.db import transaction
from django.utils.translation import get_language
from django_tasks.base import TaskResultStatus

from cooperation.models import User
from funding.evaluation.services.results import topic_publish_results
from funding.evaluation.tasks import send_publication_notices


def topic_publish_in_background(*, topic, user: User, site_url: str, now=None) -> int | None:
    """Publish the results (results.topic_publish_results, refused the same way) and hand
    the notices still missing to the task worker, queued in the same transaction; the
    number of notices queued when the worker ran them at once, None while it has not."""
    with transaction.atomic():
        topic_publish_results(topic=topic, user=user, now=now, notify=False)
        queued = send_publication_notices.enqueue(
            topic_id=topic.pk, site_url=site_url, language=get_language() or ""
        )
    if queued.status == TaskResultStatus.SUCCESSFUL:
        return queued.return_value
    return None
