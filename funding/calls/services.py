"""Writes on calls and topics."""

from django.db import transaction

from funding.calls.country_defaults import default_rows
from funding.calls.criteria_templates import CriteriaTemplate, french_of
from funding.models import AwardCriterion, EligibleCountry, Programme, Topic


def criteria_from_template(*, topic: Topic, template: CriteriaTemplate) -> list[AwardCriterion]:
    """The template's criteria for `topic`, not yet saved, numbered from 1 in template order.

    The one mapping from a template to AwardCriterion rows: the service below, the demo and
    the benchmark data all build criteria through it."""
    return [
        AwardCriterion(
            topic=topic,
            code=item.code,
            name=item.name,
            description=str(item.description),
            name_fr=french_of(item)[0],
            description_fr=french_of(item)[1],
            max_score=item.max_score,
            threshold=item.threshold,
            weight=item.weight,
            tie_break_rank=item.tie_break_rank,
            position=position,
        )
        for position, item in enumerate(template.criteria, start=1)
    ]


@transaction.atomic
def topic_apply_criteria_template(
    *, topic: Topic, template: CriteriaTemplate
) -> list[AwardCriterion]:
    """Replace the topic's award criteria with the template's; set its overall threshold and
    score step. Returns the new criteria in order."""
    AwardCriterion.objects.filter(topic=topic).delete()
    criteria = criteria_from_template(topic=topic, template=template)
    for criterion in criteria:
        criterion.save()
    topic.overall_threshold = template.overall_threshold
    topic.score_step = template.score_step
    topic.save(update_fields=["overall_threshold", "score_step", "updated_at"])
    return criteria


def programme_seed_eligible_countries(*, programme: Programme) -> int:
    """Give a programme that has no eligible country yet its defaults (the Member States
    taking part, and its Associated Countries; funding.calls.country_defaults). A programme
    that has rows keeps them as its managers left them. Returns the number of rows made."""
    if EligibleCountry.objects.filter(programme=programme).exists():
        return 0
    rows = [
        EligibleCountry(
            programme=programme, country=country, kind=kind, valid_from=start, note=note
        )
        for country, kind, start, note in default_rows(programme.code)
    ]
    EligibleCountry.objects.bulk_create(rows)
    return len(rows)
