"""A project of two beneficiaries, each with a member, a deliverable and a reporting period;
a member of another organisation; files to upload."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cooperation.accounts.roles import Role
from funding.portfolio.models.projects import ParticipantRole
from tests.cooperation.factories import MembershipFactory, OrganisationFactory
from tests.funding.factories_portfolio import (
    DeliverableFactory,
    FundedProjectFactory,
    ParticipantFactory,
    ReportingPeriodFactory,
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def pdf(name="report.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def project(db, make_user):
    """An ongoing project, 2024-2026, EUR 1M: the coordinator's budget EUR 600,000.00, the
    beneficiary's EUR 400,000.00; one deliverable due mid-2024 and two periods."""
    project = FundedProjectFactory(
        total_cost=Decimal("1000000.00"),
        eu_contribution=Decimal("1000000.00"),
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    coordinator = ParticipantFactory(
        project=project,
        role=ParticipantRole.COORDINATOR,
        position=0,
        total_cost=Decimal("600000.00"),
        eu_contribution=Decimal("600000.00"),
    )
    beneficiary = ParticipantFactory(
        project=project,
        position=1,
        total_cost=Decimal("400000.00"),
        eu_contribution=Decimal("400000.00"),
    )
    project.coordinator_member = make_user(Role.APPLICANT)
    MembershipFactory(user=project.coordinator_member, organisation=coordinator.organisation)
    project.beneficiary_member = make_user(Role.APPLICANT)
    MembershipFactory(user=project.beneficiary_member, organisation=beneficiary.organisation)
    project.outsider = make_user(Role.APPLICANT)
    MembershipFactory(user=project.outsider, organisation=OrganisationFactory())
    project.coordinator, project.beneficiary = coordinator, beneficiary
    project.deliverable = DeliverableFactory(
        project=project, code="D1.1", due_date=dt.date(2024, 6, 30)
    )
    project.period = ReportingPeriodFactory(
        project=project,
        number=1,
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2025, 6, 30),
        report_due_date=dt.date(2025, 8, 29),
    )
    project.period2 = ReportingPeriodFactory(
        project=project,
        number=2,
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2026, 12, 31),
        report_due_date=dt.date(2027, 2, 28),
    )
    return project


def costs(personnel="100000.00", **others):
    return {
        "personnel": Decimal(personnel),
        "subcontracting": Decimal(others.get("subcontracting", "0.00")),
        "purchase": Decimal(others.get("purchase", "0.00")),
        "other": Decimal(others.get("other", "0.00")),
        "indirect": Decimal(others.get("indirect", "0.00")),
    }
