import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from core.brussels import brussels_deadline
from funding.calls.services import programme_seed_eligible_countries
from funding.models import ActionType, AwardCriterion, Call, Programme, Topic


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme with its default eligible countries, as the admin creates one."""

    class Meta:
        model = Programme
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = "HORIZON"
    name = "Horizon Europe"
    managing_service = "REA"

    @factory.post_generation
    def eligible_countries(obj, create, extracted, **kwargs):
        if create:
            programme_seed_eligible_countries(programme=obj)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    identifier = factory.Sequence(lambda n: f"HORIZON-CL3-2026-FCT-{n:02d}")
    title = factory.Sequence(lambda n: f"Fighting crime and terrorism {n}")
    publication_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))


class TopicFactory(factory.django.DjangoModelFactory):
    """An open Horizon RIA topic by default: opened 30 days ago, closes in 30 days at 17:00."""

    class Meta:
        model = Topic

    call = factory.SubFactory(CallFactory)
    identifier = factory.LazyAttributeSequence(lambda o, n: f"{o.call.identifier}-{n:02d}")
    title = factory.Sequence(lambda n: f"Lawful evidence collection {n}")
    action_type = ActionType.RIA
    opening_at = factory.LazyFunction(
        lambda: brussels_deadline(timezone.localdate() - dt.timedelta(days=30))
    )
    deadline_at = factory.LazyFunction(
        lambda: brussels_deadline(timezone.localdate() + dt.timedelta(days=30))
    )
    budget = Decimal("3700000.00")
    min_grant = Decimal("500000.00")
    max_grant = Decimal("3700000.00")
    expected_grants = 1
    min_applicants = 3
    min_countries = 3
    max_duration_months = 36


class AwardCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardCriterion

    topic = factory.SubFactory(TopicFactory)
    code = factory.Sequence(lambda n: f"criterion-{n}")
    name = factory.Sequence(lambda n: f"Criterion {n}")
    max_score = Decimal("5")
    threshold = Decimal("3")
    weight = Decimal("1")
