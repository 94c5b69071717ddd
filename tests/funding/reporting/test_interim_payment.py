"""The interim payment suggested from the rules: the accepted costs × the funding rate, less
what was paid, never above the cap on pre-financing plus interim payments."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from funding.portfolio.models.delivery import PaymentKind
from funding.portfolio.payments import payment_record, payment_suggestions
from funding.reporting.services import report_review, report_submit
from funding.reporting.workflow import ReviewAction
from tests.funding.reporting.conftest import costs, pdf

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2025, 8, 1, 9, 0, tzinfo=dt.UTC)
RULES = {"default": {"prefinancing": "30", "retention": "0", "cap": "90"}}


def report(project, participant, user, spent, manager, action=ReviewAction.ACCEPT):
    submitted = report_submit(
        period=project.period,
        participant=participant,
        user=user,
        upload=pdf(),
        costs=costs(spent),
        now=NOW,
    )
    reason = "" if action == ReviewAction.ACCEPT else "The timesheets are missing."
    report_review(report=submitted, user=manager, action=action, reason=reason, now=NOW)


@override_settings(PORTFOLIO_PAYMENT_RULES=RULES)
def test_interim_follows_accepted_costs_times_the_funding_rate(project, programme_manager):
    # EUR 800,000.00 of EU contribution on EUR 1,000,000.00 of costs: an 80 % funding rate.
    project.eu_contribution = Decimal("800000.00")
    project.save(update_fields=["eu_contribution"])
    payment_record(
        project=project,
        user=programme_manager,
        kind=PaymentKind.PRE_FINANCING,
        amount=Decimal("240000.00"),
        paid_on=dt.date(2024, 2, 1),
    )
    assert payment_suggestions(project)[PaymentKind.INTERIM].amount == Decimal("0.00")

    report(project, project.coordinator, project.coordinator_member, "350000.01", programme_manager)
    # Only accepted statements count: a statement sent back adds nothing.
    report(
        project,
        project.beneficiary,
        project.beneficiary_member,
        "100000.00",
        programme_manager,
        action=ReviewAction.REQUEST_CHANGES,
    )
    interim = payment_suggestions(project)[PaymentKind.INTERIM]
    # 350,000.01 × 80 % = 280,000.008 → 280,000.01; less the 240,000.00 paid.
    assert interim.amount == Decimal("40000.01")
    assert [amount for _label, amount in interim.lines] == [
        Decimal("350000.01"),
        Decimal("280000.01"),
        Decimal("240000.00"),
        Decimal("40000.01"),
        Decimal("720000.00"),
        Decimal("480000.00"),
        Decimal("40000.01"),
    ]
    assert "80.00" in interim.lines[1][0]


@override_settings(PORTFOLIO_PAYMENT_RULES=RULES)
def test_interim_never_goes_above_the_cap(project, programme_manager):
    payment_record(
        project=project,
        user=programme_manager,
        kind=PaymentKind.PRE_FINANCING,
        amount=Decimal("300000.00"),
        paid_on=dt.date(2024, 2, 1),
    )
    for participant, user, spent in (
        (project.coordinator, project.coordinator_member, "600000.00"),
        (project.beneficiary, project.beneficiary_member, "400000.00"),
    ):
        report(project, participant, user, spent, programme_manager)
    interim = payment_suggestions(project)[PaymentKind.INTERIM]
    # 1,000,000.00 accepted at 100 % less 300,000.00 paid is 700,000.00 due, but the cap
    # (90 % = 900,000.00) leaves 600,000.00.
    assert interim.lines[3][1] == Decimal("700000.00")
    assert interim.amount == Decimal("600000.00")
    payment_record(
        project=project,
        user=programme_manager,
        kind=PaymentKind.INTERIM,
        amount=interim.amount,
        paid_on=dt.date(2025, 8, 2),
    )
    after = payment_suggestions(project)[PaymentKind.INTERIM]
    assert after.amount == Decimal("0.00") and after.refusal


def test_the_computation_speaks_french(project):
    with translation.override("fr"):
        labels = [label for label, _amount in payment_suggestions(project)["interim"].lines]
    assert labels[0] == "Coûts des états financiers acceptés"
    assert labels[1] == "× taux de financement 100.00 %"
