"""The facts a project's health is judged from are stored on its row by the services that
write them: after every kind of change they equal the facts recomputed from the rows, and
the health read from them is the Python rules' (funding.portfolio.health)."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.test import override_settings

from funding.portfolio.health import Health, health_facts
from funding.portfolio.models.delivery import PaymentKind
from funding.portfolio.models.projects import FundedProject
from funding.portfolio.payments import payment_record
from funding.portfolio.records import (
    deliverable_create,
    deliverable_update,
    reporting_period_create,
    reporting_period_update,
)
from funding.reporting.services import (
    deliverable_review,
    deliverable_submit,
    report_review,
    report_submit,
)
from funding.reporting.workflow import ReviewAction
from tests.funding.health_rules import rules_health
from tests.funding.reporting.conftest import costs, pdf

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2025, 8, 1, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2025, 9, 15)
RULES = {"default": {"prefinancing": "50", "retention": "0", "cap": "90"}}
FACTS = list(health_facts(FundedProject))


def stored(project) -> dict:
    return dict(FundedProject.objects.filter(pk=project.pk).values(*FACTS).get())


def recomputed(project) -> dict:
    fresh = {f"fresh_{name}": value for name, value in health_facts(FundedProject).items()}
    row = FundedProject.objects.filter(pk=project.pk).annotate(**fresh).values(*fresh).get()
    return {name.removeprefix("fresh_"): value for name, value in row.items()}


def health_checked(project) -> str:
    """The stored facts are current, and the health read from them is the Python rules'."""
    assert stored(project) == recomputed(project)
    row = (
        FundedProject.objects.with_health(today=TODAY)
        .with_delivery_figures(today=TODAY)
        .get(pk=project.pk)
    )
    python = rules_health(row, today=TODAY)
    assert row.health == python
    return row.health


def deliverable(code, due_date):
    return {
        "code": code,
        "title": f"Report {code}",
        "work_package": 1,
        "deliverable_type": "R",
        "dissemination_level": "PU",
        "due_date": due_date,
    }


@override_settings(PORTFOLIO_PAYMENT_RULES=RULES)
def test_every_write_keeps_the_stored_facts_equal_to_the_recomputed_ones(
    project, programme_manager
):
    # The fixture's deliverable D1.1 (due 2024-06-30) is overdue; period 1's report is late.
    assert health_checked(project) == Health.RED
    assert stored(project)["health_deliverable_due"] == dt.date(2024, 6, 30)
    assert stored(project)["health_report_due"] == dt.date(2025, 8, 29)

    # A manager plans: two more deliverables past due make three overdue, a third period.
    d2 = deliverable_create(
        project=project, user=programme_manager, **deliverable("D1.2", dt.date(2024, 9, 30))
    )
    deliverable_create(
        project=project, user=programme_manager, **deliverable("D1.3", dt.date(2025, 3, 31))
    )
    assert stored(project)["health_red_deliverable_due"] == dt.date(2025, 3, 31)
    health_checked(project)
    deliverable_update(
        deliverable=d2, user=programme_manager, **deliverable("D1.2", dt.date(2026, 9, 30))
    )
    assert stored(project)["health_red_deliverable_due"] == dt.date(2026, 9, 30)  # not yet due
    health_checked(project)
    project.period2.refresh_from_db()
    reporting_period_update(
        period=project.period2,
        user=programme_manager,
        number=2,
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2026, 6, 30),
        report_due_date=dt.date(2026, 8, 29),
    )
    reporting_period_create(
        project=project,
        user=programme_manager,
        number=3,
        start_date=dt.date(2026, 7, 1),
        end_date=dt.date(2026, 12, 31),
        report_due_date=dt.date(2027, 2, 28),
    )
    health_checked(project)

    # A payment.
    payment_record(
        project=project,
        user=programme_manager,
        kind=PaymentKind.PRE_FINANCING,
        amount=Decimal("500000.00"),
        paid_on=dt.date(2024, 2, 1),
        now=NOW,
    )
    assert stored(project)["health_paid"] == Decimal("500000.00")
    health_checked(project)

    # The beneficiaries submit; a manager asks for changes, then accepts.
    submission = deliverable_submit(
        deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf(), now=NOW
    )
    assert stored(project)["health_deliverable_due"] == dt.date(2025, 3, 31)
    health_checked(project)
    deliverable_review(
        submission=submission,
        user=programme_manager,
        action=ReviewAction.REQUEST_CHANGES,
        reason="The annex is missing.",
        now=NOW,
    )
    assert stored(project)["health_deliverable_due"] == dt.date(2024, 6, 30)
    health_checked(project)
    submission = deliverable_submit(
        deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf(), now=NOW
    )
    deliverable_review(
        submission=submission, user=programme_manager, action=ReviewAction.ACCEPT, now=NOW
    )
    health_checked(project)

    reports = []
    for participant, user in (
        (project.coordinator, project.coordinator_member),
        (project.beneficiary, project.beneficiary_member),
    ):
        reports.append(
            report_submit(
                period=project.period,
                participant=participant,
                user=user,
                upload=pdf(),
                costs=costs("150000.00"),
                now=NOW,
            )
        )
        health_checked(project)
    assert stored(project)["health_report_due"] == dt.date(2026, 8, 29)
    report_review(
        report=reports[0],
        user=programme_manager,
        action=ReviewAction.REQUEST_CHANGES,
        reason="Sign the statement.",
        now=NOW,
    )
    assert stored(project)["health_report_due"] == dt.date(2025, 8, 29)  # late again
    health_checked(project)
    reports[0] = report_submit(
        period=project.period,
        participant=project.coordinator,
        user=project.coordinator_member,
        upload=pdf(),
        costs=costs("150000.00"),
        now=NOW,
    )
    for report in reports:
        report_review(report=report, user=programme_manager, action=ReviewAction.ACCEPT, now=NOW)
        health_checked(project)
    assert stored(project)["health_accepted_costs"] == Decimal("300000.00")
    assert stored(project)["health_reported_until"] == dt.date(2025, 6, 30)
    assert health_checked(project) == Health.AMBER  # D1.3 (due 2025-03-31) still overdue


def test_the_migration_stores_the_facts_of_the_projects_already_there(project):
    """funding/migrations/0020_project_health_facts.py fills the new columns from the rows."""
    kept = stored(project)
    assert kept["health_deliverable_due"] is not None
    FundedProject.objects.update(
        health_deliverable_due=None,
        health_red_deliverable_due=None,
        health_report_due=None,
        health_paid=Decimal("0.00"),
        health_accepted_costs=Decimal("0.00"),
        health_reported_until=None,
    )
    migration = importlib.import_module("funding.migrations.0020_project_health_facts")
    migration.store_health_facts(django_apps, None)
    assert stored(project) == kept == recomputed(project)
