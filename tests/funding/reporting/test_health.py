"""Health from what beneficiaries report: submissions and reviews move the overdue and late
counts, and accepted financial statements drive the spending rule, in Python and in the
database alike."""

import datetime as dt
from decimal import Decimal

import pytest

from funding.portfolio.health import Health, assess_health
from funding.portfolio.models.projects import FundedProject, ProjectStatus
from funding.reporting.services import (
    deliverable_review,
    deliverable_submit,
    report_review,
    report_submit,
)
from funding.reporting.workflow import ReviewAction
from tests.funding.factories_portfolio import PaymentFactory
from tests.funding.reporting.conftest import costs, pdf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 9, 15)  # period 1 (to 2025-06-30) is reported; due 2025-08-29
NOW = dt.datetime(2025, 8, 1, 9, 0, tzinfo=dt.UTC)
BASE = {
    "status": ProjectStatus.ONGOING,
    "start_date": dt.date(2024, 1, 1),
    "end_date": dt.date(2026, 12, 31),
    "eu_contribution": Decimal("1000000"),
    "paid": Decimal("600000"),
    "overdue_deliverables": 0,
    "late_reports": 0,
    "today": TODAY,
    "total_cost": Decimal("1000000"),
}


def test_spending_is_judged_only_once_a_report_is_accepted():
    # Half the project had elapsed at the end of the reported period (2025-06-30).
    assert assess_health(**BASE) == Health.GREEN
    reported = {**BASE, "reported_until": dt.date(2025, 6, 30)}
    assert assess_health(**reported, accepted_costs=Decimal("300000")) == Health.GREEN
    assert assess_health(**reported, accepted_costs=Decimal("200000")) == Health.AMBER
    assert assess_health(**reported, accepted_costs=Decimal("0")) == Health.AMBER
    # At the end, 40 % of the budget declared lags the whole duration by 60 %.
    ended = {**BASE, "reported_until": dt.date(2026, 12, 31)}
    assert assess_health(**ended, accepted_costs=Decimal("400000")) == Health.RED


def health_of(project):
    return (
        FundedProject.objects.with_health(today=TODAY)
        .with_delivery_figures(today=TODAY)
        .get(pk=project.pk)
    )


def accept_both_reports(project, manager, spent):
    for participant, user in (
        (project.beneficiary, project.beneficiary_member),
        (project.coordinator, project.coordinator_member),
    ):
        report = report_submit(
            period=project.period,
            participant=participant,
            user=user,
            upload=pdf(),
            costs=costs(spent),
            now=NOW,
        )
        report_review(report=report, user=manager, action=ReviewAction.ACCEPT, now=NOW)


def test_submissions_and_reviews_drive_the_project_s_health(project, programme_manager):
    PaymentFactory(project=project, amount=Decimal("600000.00"))
    before = health_of(project)
    # D1.1 overdue and the report of period 1 late: red.
    assert (before.overdue_deliverables, before.late_reports, before.health) == (1, 1, Health.RED)
    submission = deliverable_submit(
        deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf(), now=NOW
    )
    accept_both_reports(project, programme_manager, "150000.00")
    after = health_of(project)
    assert (after.overdue_deliverables, after.late_reports) == (0, 0)
    assert after.accepted_costs == Decimal("300000.00")
    assert after.reported_until == dt.date(2025, 6, 30)
    assert after.health == Health.GREEN
    deliverable_review(
        submission=submission,
        user=programme_manager,
        action=ReviewAction.REQUEST_CHANGES,
        reason="The annex is missing.",
        now=NOW,
    )
    assert health_of(project).health == Health.AMBER  # D1.1 is overdue again


@pytest.mark.parametrize(
    ("spent", "expected"),
    [("150000.00", Health.GREEN), ("100000.00", Health.AMBER), ("0.00", Health.AMBER)],
)
def test_database_agrees_with_python_on_spending(project, programme_manager, spent, expected):
    PaymentFactory(project=project, amount=Decimal("600000.00"))
    deliverable_submit(
        deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf(), now=NOW
    )
    accept_both_reports(project, programme_manager, spent)
    annotated = health_of(project)
    python = assess_health(
        **{
            **BASE,
            "paid": annotated.paid,
            "accepted_costs": annotated.accepted_costs,
            "reported_until": annotated.reported_until,
        }
    )
    assert annotated.health == python == expected
