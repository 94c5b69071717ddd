"""The evaluation's background tasks (django-tasks): the freeze of a topic's ranking
(asked for by funding.evaluation.services.freezes.ranking_freeze_request) and the notices
of a publication (funding.evaluation.services.publication)."""

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from funding.evaluation.freeze_models import FreezeStatus, RankingFreeze
from funding.evaluation.models import TopicEvaluation
from funding.evaluation.services.esr_notices import esr_notices_send
from funding.evaluation.services.results import topic_compute_lists
from funding.proposals.services import ProposalError

logger = logging.getLogger(__name__)


def _record(freeze: RankingFreeze, **fields) -> None:
    RankingFreeze.objects.filter(pk=freeze.pk).update(**fields)


def ranking_freeze_run(*, freeze_id: int) -> RankingFreeze:
    """Freeze the ranking of the freeze's topic, all or nothing, in the language and the
    name of the manager who asked for it; a refusal or an error is recorded on the freeze
    (nothing else is changed) and the manager may ask again.

    A freeze already finished is left as it is: a task run again (its worker died,
    core/task_recovery.py) neither freezes twice nor overwrites the outcome; one left
    running by a dead worker had its transaction rolled back and is run again."""
    freeze = RankingFreeze.objects.select_related("topic__call", "requested_by").get(pk=freeze_id)
    if freeze.finished:
        return freeze
    _record(freeze, status=FreezeStatus.RUNNING, started_at=timezone.now())
    with translation.override(freeze.language or None):
        try:
            with transaction.atomic():
                topic_compute_lists(topic=freeze.topic, user=freeze.requested_by)
                _record(freeze, status=FreezeStatus.DONE, finished_at=timezone.now(), error="")
        except ProposalError as refusal:  # a rule refused it: the manager reads why
            _record(
                freeze, status=FreezeStatus.FAILED, finished_at=timezone.now(), error=str(refusal)
            )
        except Exception:
            _record(
                freeze,
                status=FreezeStatus.FAILED,
                finished_at=timezone.now(),
                error=_(
                    "An unexpected error stopped the freeze. Try again; if it fails again, "
                    "ask an administrator (the task worker's log has the details)."
                ),
            )
            logger.exception("The freeze %s of topic %s failed", freeze.pk, freeze.topic_id)
            raise
    freeze.refresh_from_db()
    return freeze


@task()
def run_ranking_freeze(freeze_id: int) -> str:
    """Run the freeze (ranking_freeze_run); its status at the end."""
    return ranking_freeze_run(freeze_id=freeze_id).status


@task()
def send_publication_notices(topic_id: int, site_url: str, language: str) -> int:
    """Record and queue the notices of the topic's publication still missing, in the
    language of the manager who published (esr_notices_send: each recorded once under its
    key, so a task run again records nothing twice); how many were queued."""
    evaluation = TopicEvaluation.objects.select_related("topic").get(topic_id=topic_id)
    if evaluation.results_published_at is None:
        return 0
    with transaction.atomic(), translation.override(language or None):
        return esr_notices_send(
            topic=evaluation.topic,
            published_at=evaluation.results_published_at,
            site_url=site_url,
        )
