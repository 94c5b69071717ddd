"""Each health rule, and the agreement of the Python rules with the database annotation."""

import datetime as dt
from decimal import Decimal

import pytest

from funding.portfolio.health import Health, assess_health
from funding.portfolio.models.projects import FundedProject, ProjectStatus
from tests.funding.factories_portfolio import (
    DeliverableFactory,
    FundedProjectFactory,
    PaymentFactory,
    ReportingPeriodFactory,
)

TODAY = dt.date(2025, 1, 1)  # half-way through a 2024-2025 project
BASE = {
    "status": ProjectStatus.ONGOING,
    "start_date": dt.date(2024, 1, 1),
    "end_date": dt.date(2024, 12, 31) + dt.timedelta(days=366),
    "eu_contribution": Decimal("1000000"),
    "paid": Decimal("500000"),
    "overdue_deliverables": 0,
    "late_reports": 0,
    "today": TODAY,
}


def health(**changes):
    return assess_health(**{**BASE, **changes})


def test_on_track_is_green():
    assert health() == Health.GREEN


@pytest.mark.parametrize(
    "status", [ProjectStatus.GRANT_PREPARATION, ProjectStatus.CLOSED, ProjectStatus.TERMINATED]
)
def test_only_ongoing_and_suspended_projects_are_assessed(status):
    assert health(status=status, late_reports=3) == Health.NOT_ASSESSED


def test_a_late_report_is_red():
    assert health(late_reports=1) == Health.RED


def test_one_overdue_deliverable_is_amber_three_are_red():
    assert health(overdue_deliverables=1) == Health.AMBER
    assert health(overdue_deliverables=2) == Health.AMBER
    assert health(overdue_deliverables=3) == Health.RED


def test_spending_lagging_time_by_a_quarter_is_amber_by_half_is_red():
    # Half the time has elapsed (about 0.5): paid shares of 0.24 and 0 leave gaps of
    # about 0.26 and 0.5+.
    assert health(paid=Decimal("240000")) == Health.AMBER
    assert health(paid=Decimal("260000")) == Health.GREEN
    assert health(paid=Decimal("0"), today=dt.date(2025, 3, 1)) == Health.RED


def test_spending_rule_is_off_before_start_and_without_contribution():
    assert health(paid=Decimal("0"), today=dt.date(2023, 6, 1)) == Health.GREEN
    assert health(paid=Decimal("0"), eu_contribution=Decimal("0")) == Health.GREEN


def test_suspended_is_at_least_amber():
    assert health(status=ProjectStatus.SUSPENDED) == Health.AMBER
    assert health(status=ProjectStatus.SUSPENDED, late_reports=1) == Health.RED


@pytest.mark.django_db
def test_database_annotation_agrees_with_python_rules():
    cases = [
        {},
        {"late": 1},
        {"overdue": 1},
        {"overdue": 3},
        {"paid": Decimal("0")},
        {"paid": Decimal("240000")},
        {"status": ProjectStatus.SUSPENDED},
        {"status": ProjectStatus.CLOSED, "late": 2},
        {"status": ProjectStatus.GRANT_PREPARATION},
        {"start": dt.date(2025, 6, 1), "end": dt.date(2027, 5, 31), "paid": Decimal("0")},
        {"start": dt.date(2021, 1, 1), "end": dt.date(2023, 12, 31), "paid": Decimal("400000")},
    ]
    expected = {}
    for case in cases:
        project = FundedProjectFactory(
            status=case.get("status", ProjectStatus.ONGOING),
            start_date=case.get("start", BASE["start_date"]),
            end_date=case.get("end", BASE["end_date"]),
            total_cost=Decimal("1000000"),
            eu_contribution=Decimal("1000000"),
        )
        paid = case.get("paid", Decimal("500000"))
        if paid:
            PaymentFactory(project=project, amount=paid / 2)
            PaymentFactory(project=project, amount=paid / 2)
        for _ in range(case.get("overdue", 0)):
            DeliverableFactory(project=project, due_date=dt.date(2024, 6, 1))
        DeliverableFactory(project=project, due_date=dt.date(2024, 6, 1), submitted_date=TODAY)
        DeliverableFactory(project=project, due_date=dt.date(2025, 6, 1))
        for _ in range(case.get("late", 0)):
            ReportingPeriodFactory(project=project, report_due_date=dt.date(2024, 12, 1))
        expected[project.pk] = assess_health(
            status=project.status,
            start_date=project.start_date,
            end_date=project.end_date,
            eu_contribution=project.eu_contribution,
            paid=paid,
            overdue_deliverables=case.get("overdue", 0),
            late_reports=case.get("late", 0),
            today=TODAY,
        )
    annotated = dict(FundedProject.objects.with_health(today=TODAY).values_list("pk", "health"))
    assert annotated == expected
    assert set(expected.values()) == set(Health.values)  # every outcome was exercised
    red = FundedProject.objects.with_health(today=TODAY).filter(health=Health.RED)
    assert {p.pk for p in red} == {pk for pk, h in expected.items() if h == Health.RED}
