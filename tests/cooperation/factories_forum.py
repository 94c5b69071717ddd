import datetime as dt

import factory

from cooperation.forum import registry
from cooperation.models import (
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    Meeting,
    MNRAssessment,
    ProgressUpdate,
    Stakeholder,
    Workstream,
    WorkstreamMember,
)
from tests.cooperation.factories import OrganisationFactory


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    organisation = factory.SubFactory(OrganisationFactory)
    category = "technology_company"
    forum_participant_since = dt.date(2021, 12, 8)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    stakeholder = factory.SubFactory(StakeholderFactory)
    name = factory.Faker("name")
    role = "Policy officer"
    email = factory.Sequence(lambda n: f"contact{n}@example.eu")


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    name = factory.Sequence(lambda n: f"Workstream {n}")
    forum = "eu_internet_forum"
    initiative = 7
    public = True
    status = "active"


class WorkstreamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkstreamMember

    workstream = factory.SubFactory(WorkstreamFactory)
    stakeholder = factory.SubFactory(StakeholderFactory)
    role = "member"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    workstream = factory.SubFactory(WorkstreamFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    kind = "working_group"
    date = dt.date(2026, 11, 16)
    place = "Brussels"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    owner = factory.SubFactory(StakeholderFactory)
    workstream = factory.SubFactory(WorkstreamFactory)
    title = factory.Sequence(lambda n: f"Commitment {n}")
    problem = "A gap."
    actions = "Actions."
    due_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=60))
    public = True


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentMilestone

    commitment = factory.SubFactory(CommitmentFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = factory.LazyAttribute(lambda o: o.commitment.due_date)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    kind = "self_report"
    date = factory.LazyFunction(dt.date.today)
    completion = "limited"
    narrative = "Progress."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved as the service saves it: with the commitment's stored progress refreshed."""
        update = super()._create(model_class, *args, **kwargs)
        Commitment.objects.filter(pk=update.commitment_id).refresh_progress()
        update.commitment.refresh_from_db()
        return update


class MNRAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MNRAssessment

    country = "NL"
    capability = 1
    status = "in_place"
    assessed_on = dt.date(2022, 1, 1)


def move_commitment(commitment: Commitment, *, workstream: Workstream, user) -> None:
    """The commitment moved to another workstream through the registry, the rest kept."""
    registry.commitment_update(
        commitment=commitment,
        user=user,
        owner=commitment.owner,
        workstream=workstream,
        title=commitment.title,
        problem=commitment.problem,
        actions=commitment.actions,
        due_date=commitment.due_date,
        meeting=None,
        verifiable=commitment.verifiable,
        public=commitment.public,
    )
