"""Every write of one of the ranking's inputs gives its topic a new token
(funding.evaluation.models_inputs), in the writer's transaction.

The inputs are written by the evaluation's services (consensus reports and scores, panel
priorities, evaluated versions) and by Wagtail's topic editor (thresholds, budget, award
criteria, saved one by one by its inline panel); model signals are the one place that sees
every one of those writes. Nothing else happens here: a new token only means that the
order kept for the old one is no longer read (ranking.preview).
"""

from django.db.models.signals import post_delete, post_save

from funding.calls.models.topics import AwardCriterion, Topic
from funding.evaluation.models import (
    ConsensusReport,
    ConsensusScore,
    EvaluatedVersion,
    PanelPriority,
)
from funding.evaluation.models_inputs import RankingInputs
from funding.proposals.models import Proposal


def _renew(topic_id) -> None:
    if topic_id is None:
        # The row that named the topic is gone with it: renew them all (rare).
        RankingInputs.objects.renew_all()
    else:
        RankingInputs.objects.renew([topic_id])


def _proposal_topic(instance) -> int | None:
    """The topic of the instance's proposal: from the proposal when it was read with it."""
    if type(instance).proposal.is_cached(instance):
        return instance.proposal.topic_id
    return (
        Proposal.objects.filter(pk=instance.proposal_id).values_list("topic_id", flat=True).first()
    )


def topic_saved(sender, instance, **kwargs):
    # A new topic gets its row here; a deleted one's row goes with it (on_delete=CASCADE).
    RankingInputs.objects.start([instance.pk])


def criterion_changed(sender, instance, **kwargs):
    _renew(instance.topic_id)


def proposal_input_changed(sender, instance, **kwargs):
    _renew(_proposal_topic(instance))


def score_changed(sender, instance, **kwargs):
    topic_id = (
        Proposal.objects.filter(consensus_report=instance.report_id)
        .values_list("topic_id", flat=True)
        .first()
    )
    _renew(topic_id)


BOTH = (post_save, post_delete)
RECEIVERS = (
    (Topic, topic_saved, (post_save,)),
    (AwardCriterion, criterion_changed, BOTH),
    (ConsensusReport, proposal_input_changed, BOTH),
    (PanelPriority, proposal_input_changed, BOTH),
    (EvaluatedVersion, proposal_input_changed, BOTH),
    (ConsensusScore, score_changed, BOTH),
)


def connect() -> None:
    for model, receiver, signals in RECEIVERS:
        for signal in signals:
            uid = f"ranking-inputs-{model.__name__}-{'save' if signal is post_save else 'delete'}"
            signal.connect(receiver, sender=model, dispatch_uid=uid)
