"""Writes on calls and topics."""

from django.db import transaction

from funding.calls.criteria_templates import CriteriaTemplate
from funding.models import AwardCriterion, Topic


@transaction.atomic
def topic_apply_criteria_template(*, topic: Topic, template: CriteriaTemplate) -> list:
    """Replace the topic's award criteria with the template's; set its overall threshold and
    score step. Returns the new criteria in order."""
    AwardCriterion.objects.filter(topic=topic).delete()
    criteria = [
        AwardCriterion.objects.create(
            topic=topic,
            code=item.code,
            name=item.name,
            description=item.description,
            max_score=item.max_score,
            threshold=item.threshold,
            weight=item.weight,
            tie_break_rank=item.tie_break_rank,
            position=position,
        )
        for position, item in enumerate(template.criteria, start=1)
    ]
    topic.overall_threshold = template.overall_threshold
    topic.score_step = template.score_step
    topic.save(update_fields=["overall_threshold", "score_step", "updated_at"])
    return criteria
