"""The portfolio workbook's reporting sheets hold exactly the filtered list's projects: their
reporting periods, every version of their periodic reports, and their payments."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from funding.reporting.services import report_review, report_submit
from funding.reporting.workflow import ReviewAction
from tests.funding.factories import ProgrammeFactory
from tests.funding.factories_portfolio import (
    PaymentFactory,
    ReportingPeriodFactory,
    project_with_consortium,
)
from tests.funding.reporting.conftest import costs, pdf

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2025, 8, 1, 9, 0, tzinfo=dt.UTC)


def rows(workbook, sheet):
    return list(workbook[sheet].iter_rows(min_row=2, values_only=True))


def test_reporting_sheets_follow_the_list_filters(client, project, programme_manager):
    other = project_with_consortium(programme=ProgrammeFactory(code="ISFP", name="ISF-Police"))
    ReportingPeriodFactory(project=other, number=1)
    PaymentFactory(project=other, amount=Decimal("5.00"))
    PaymentFactory(project=project, amount=Decimal("250000.00"), paid_on=dt.date(2024, 2, 1))
    report = report_submit(
        period=project.period,
        participant=project.beneficiary,
        user=project.beneficiary_member,
        upload=pdf(),
        costs=costs("1000.00", indirect="250.25"),
        now=NOW,
    )
    report_review(
        report=report,
        user=programme_manager,
        action=ReviewAction.REQUEST_CHANGES,
        reason="Time sheets.",
    )
    again = report_submit(
        period=project.period,
        participant=project.beneficiary,
        user=project.beneficiary_member,
        upload=pdf(),
        costs=costs("900.00"),
        now=NOW,
    )
    report_review(report=again, user=programme_manager, action=ReviewAction.ACCEPT)

    client.force_login(programme_manager)
    listed = client.get(reverse("portfolio:list"), {"programme": project.programme_id})
    assert [p.pk for p in listed.context["projects"]] == [project.pk]
    response = client.get(reverse("portfolio:export"), {"programme": project.programme_id})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))

    assert [r[0] for r in rows(workbook, "Projects")] == [project.grant_number]
    assert [(r[0], r[4]) for r in rows(workbook, "Payments")] == [
        (project.grant_number, Decimal("250000.00"))
    ]
    assert [(r[0], r[2]) for r in rows(workbook, "Reporting periods")] == [
        (project.grant_number, 1),
        (project.grant_number, 2),
    ]
    reports = rows(workbook, "Periodic reports")
    assert [(r[2], r[4], r[6], r[-1]) for r in reports] == [
        (1, 1, "Changes requested", 1250.25),
        (1, 2, "Accepted", 900),
    ]
    header = [c.value for c in next(workbook["Projects"].iter_rows(max_row=1))]
    (row,) = rows(workbook, "Projects")
    assert row[header.index("Accepted costs (EUR)")] == 900
