import datetime as dt
from decimal import Decimal

import factory

from funding.portfolio.models.delivery import (
    Deliverable,
    DeliverableType,
    DisseminationLevel,
    Milestone,
    Payment,
    PaymentKind,
    ReportingPeriod,
)
from funding.portfolio.models.projects import (
    FundedProject,
    Participant,
    ParticipantRole,
    ProjectStatus,
)
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories import ProgrammeFactory


class FundedProjectFactory(factory.django.DjangoModelFactory):
    """An ongoing Horizon project, 1 Jan 2024 to 31 Dec 2026, EUR 2M."""

    class Meta:
        model = FundedProject

    grant_number = factory.Sequence(lambda n: f"{101100000 + n}")
    acronym = factory.Sequence(lambda n: f"PROJ{n}")
    title = factory.Sequence(lambda n: f"Victim identification research {n}")
    objective = "Better tools for victim identification."
    programme = factory.SubFactory(ProgrammeFactory)
    start_date = dt.date(2024, 1, 1)
    end_date = dt.date(2026, 12, 31)
    total_cost = Decimal("2000000.00")
    eu_contribution = Decimal("2000000.00")
    signature_date = dt.date(2023, 11, 15)
    status = ProjectStatus.ONGOING


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    project = factory.SubFactory(FundedProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ParticipantRole.BENEFICIARY
    eu_contribution = Decimal("500000.00")
    total_cost = Decimal("500000.00")


class RefreshesHealth:
    """A row health is judged from: written here as the services write it, the project's
    stored health facts follow (FundedProjectQuerySet.refresh_health_facts)."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        row = super()._create(model_class, *args, **kwargs)
        FundedProject.objects.filter(pk=row.project_id).refresh_health_facts()
        return row


class DeliverableFactory(RefreshesHealth, factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    project = factory.SubFactory(FundedProjectFactory)
    code = factory.Sequence(lambda n: f"D{n % 9 + 1}.{n + 1}")
    title = factory.Sequence(lambda n: f"Report {n}")
    work_package = 1
    deliverable_type = DeliverableType.REPORT
    dissemination_level = DisseminationLevel.PUBLIC
    due_date = dt.date(2024, 6, 30)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(FundedProjectFactory)
    code = factory.Sequence(lambda n: f"MS{n}")
    title = "Prototype validated"
    due_date = dt.date(2025, 1, 31)


class ReportingPeriodFactory(RefreshesHealth, factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    project = factory.SubFactory(FundedProjectFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_date = dt.date(2024, 1, 1)
    end_date = dt.date(2025, 6, 30)
    report_due_date = dt.date(2025, 8, 29)


class PaymentFactory(RefreshesHealth, factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    project = factory.SubFactory(FundedProjectFactory)
    kind = PaymentKind.PRE_FINANCING
    amount = Decimal("800000.00")
    paid_on = dt.date(2024, 2, 1)


def project_with_consortium(*, partners=2, **fields):
    """A project with a coordinator and `partners` beneficiaries."""
    project = FundedProjectFactory(**fields)
    ParticipantFactory(project=project, role=ParticipantRole.COORDINATOR, position=0)
    for position in range(1, partners + 1):
        ParticipantFactory(project=project, position=position)
    return project
