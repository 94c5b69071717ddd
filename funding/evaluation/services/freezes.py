"""Freezing a topic's ranking is asked for here and done on the task worker
(funding.evaluation.tasks): the manager's confirmation records one freeze and queues it, and
is then sent to its status page. A second click, or a second manager, finds the freeze
waiting or running and is refused; once done, the lists are made and nothing starts again;
a failed freeze (nothing changed) may be asked for again."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cooperation.models import User
from funding.evaluation.freeze_models import FreezeStatus, RankingFreeze
from funding.evaluation.models import TopicEvaluation
from funding.evaluation.permissions import can_manage_evaluation
from funding.evaluation.ranking.loading import ranking_candidate_count
from funding.evaluation.services.assignments import (
    EvaluationError,
    _now,
    _require,
    topic_evaluation,
)
from funding.evaluation.services.results import topic_freeze_problems
from funding.evaluation.tasks import run_ranking_freeze


def freeze_in_progress(topic) -> RankingFreeze | None:
    """The topic's freeze waiting for the worker or running, if any."""
    return RankingFreeze.objects.active().filter(topic=topic).first()


def ranking_freeze_request(*, topic, user: User, now: dt.datetime | None = None) -> RankingFreeze:
    """Record a freeze of the topic's ranking and queue it for the task worker.

    The topic's evaluation row is locked while it is decided, so that of two requests at
    once the second waits and is then refused; the unique constraint on the topic's freeze
    is the last word. The task is queued in the same transaction (with the database
    backend, its row commits with the freeze's)."""
    now = _now(now)
    _require(can_manage_evaluation(user, topic))
    with transaction.atomic():
        evaluation = TopicEvaluation.objects.select_for_update().get(pk=topic_evaluation(topic).pk)
        if freeze_in_progress(topic) is not None:
            raise EvaluationError(_("The ranking of this topic is already being frozen."))
        if problems := topic_freeze_problems(topic=topic, evaluation=evaluation):
            raise EvaluationError(problems[0])
        try:
            with transaction.atomic():
                freeze = RankingFreeze.objects.create(
                    topic=topic,
                    requested_by=user,
                    requested_at=now,
                    candidates=ranking_candidate_count(topic),
                    language=get_language() or "",
                )
        except IntegrityError as clash:
            raise EvaluationError(
                _("The ranking of this topic is already being frozen.")
            ) from clash
        run_ranking_freeze.enqueue(freeze_id=freeze.pk)
    freeze.refresh_from_db()
    return freeze


def freeze_status_text(freeze: RankingFreeze) -> str:
    """What the status page says of the freeze, in plain words."""
    if freeze.status == FreezeStatus.DONE:
        return _("The ranking is frozen and the lists are made.")
    if freeze.status == FreezeStatus.FAILED:
        return _("The freeze failed; nothing was changed.")
    if freeze.status == FreezeStatus.RUNNING:
        return _("The ranking is being frozen. Refresh this page to follow it.")
    return _("The freeze waits for the task worker. Refresh this page to follow it.")
