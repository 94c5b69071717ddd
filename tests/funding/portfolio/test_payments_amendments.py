"""Payments suggested from the programme's rules and refused above the cap or the maximum
grant; amendments requested, approved or refused on the workflow engine, and reflected in
the project."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from funding.models import (
    AmendmentKind,
    AmendmentStatus,
    Participant,
    ParticipantRole,
    Payment,
    ProjectStatus,
)
from funding.portfolio.amendments import AmendmentError, amendment_decide, amendment_request
from funding.portfolio.models.delivery import PaymentKind
from funding.portfolio.payments import PaymentRefused, payment_record, payment_suggestions
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories import ProgrammeFactory
from tests.funding.factories_portfolio import project_with_consortium

pytestmark = pytest.mark.django_db
PAID_ON = dt.date(2025, 3, 3)
RULES = {
    "default": {"prefinancing": "50", "retention": "0", "cap": "90"},
    "HORIZON": {"prefinancing": "40", "retention": "5", "cap": "90"},
}


@pytest.fixture
def project():
    """EUR 1,000,000.01 maximum grant: every percentage has to round to the cent."""
    return project_with_consortium(
        eu_contribution=Decimal("1000000.01"), total_cost=Decimal("1250000.00")
    )


def pay(project, user, kind, amount):
    return payment_record(
        project=project, user=user, kind=kind, amount=Decimal(amount), paid_on=PAID_ON
    )


@override_settings(PORTFOLIO_PAYMENT_RULES=RULES)
def test_suggestions_follow_the_programme_rules_to_the_cent(programme_manager):
    horizon = project_with_consortium(
        programme=ProgrammeFactory(code="HORIZON"), eu_contribution=Decimal("1000000.01")
    )
    suggestion = payment_suggestions(horizon)[PaymentKind.PRE_FINANCING]
    # 40 % of 1,000,000.01 = 400,000.00 (400,000.004 rounded); 5 % = 50,000.00.
    assert suggestion.amount == Decimal("350000.00")
    assert [amount for _label, amount in suggestion.lines] == [
        Decimal("1000000.01"),
        Decimal("400000.00"),
        Decimal("50000.00"),
        Decimal("350000.00"),
    ]
    pay(horizon, programme_manager, PaymentKind.PRE_FINANCING, "350000.00")
    interim = payment_suggestions(horizon)[PaymentKind.INTERIM]
    # No financial statement accepted yet: nothing is due, whatever room the cap leaves.
    assert interim.amount == Decimal("0.00")
    assert interim.lines[-2][1] == Decimal("900000.01") - Decimal("350000.00")
    assert payment_suggestions(horizon)[PaymentKind.PRE_FINANCING].refusal


@override_settings(PORTFOLIO_PAYMENT_RULES=RULES)
def test_pre_financing_and_interim_stop_at_the_cap(project, programme_manager):
    pay(project, programme_manager, PaymentKind.PRE_FINANCING, "500000.01")
    with pytest.raises(PaymentRefused, match="above the cap"):
        pay(project, programme_manager, PaymentKind.INTERIM, "400000.01")
    pay(project, programme_manager, PaymentKind.INTERIM, "400000.00")
    assert payment_suggestions(project)[PaymentKind.INTERIM].refusal
    balance = payment_suggestions(project)[PaymentKind.FINAL]
    assert balance.amount == Decimal("100000.00")


def test_a_payment_above_the_maximum_grant_is_refused_and_nothing_is_stored(
    project, programme_manager
):
    pay(project, programme_manager, PaymentKind.PRE_FINANCING, "500000.00")
    with pytest.raises(PaymentRefused, match="above the maximum grant"):
        pay(project, programme_manager, PaymentKind.FINAL, "500000.02")
    assert Payment.objects.filter(project=project).count() == 1
    pay(project, programme_manager, PaymentKind.FINAL, "500000.01")
    with pytest.raises(PaymentRefused, match="balance has been paid"):
        pay(project, programme_manager, PaymentKind.INTERIM, "1.00")


def test_payments_are_refused_before_signature_and_to_others(project, programme_manager, applicant):
    with pytest.raises(PaymentRefused, match="programme managers"):
        pay(project, applicant, PaymentKind.PRE_FINANCING, "1.00")
    with pytest.raises(PaymentRefused, match="to the cent"):
        pay(project, programme_manager, PaymentKind.PRE_FINANCING, "1.001")
    preparing = project_with_consortium(status=ProjectStatus.GRANT_PREPARATION)
    with pytest.raises(PaymentRefused, match="signed"):
        pay(preparing, programme_manager, PaymentKind.PRE_FINANCING, "1.00")
    assert not Payment.objects.exists()


def test_a_payment_records_who_and_when(project, programme_manager):
    payment = pay(project, programme_manager, PaymentKind.PRE_FINANCING, "100.00")
    assert payment.recorded_by == programme_manager and payment.recorded_at is not None


def _request(project, user, **fields):
    return amendment_request(
        project=project, user=user, reason="Asked by the coordinator.", **fields
    )


def test_an_approved_end_date_change_moves_the_end_date(project, programme_manager):
    amendment = _request(
        project, programme_manager, kind=AmendmentKind.END_DATE, new_end_date=dt.date(2027, 6, 30)
    )
    assert amendment.status == AmendmentStatus.REQUESTED
    change = amendment_decide(amendment=amendment, user=programme_manager, approve=True)
    project.refresh_from_db()
    assert project.end_date == dt.date(2027, 6, 30)
    assert (change.changed_by, change.from_status, change.to_status) == (
        programme_manager,
        AmendmentStatus.REQUESTED,
        AmendmentStatus.APPROVED,
    )
    with pytest.raises(AmendmentError):
        amendment_decide(amendment=amendment, user=programme_manager, approve=False, reason="x")


def test_a_budget_transfer_moves_money_between_beneficiaries(project, programme_manager):
    source, target = project.participants.order_by("position")[:2]
    too_much = source.eu_contribution + Decimal("0.01")
    with pytest.raises(AmendmentError, match="cannot transfer more"):
        _request(
            project,
            programme_manager,
            kind=AmendmentKind.BUDGET_TRANSFER,
            from_participant=source,
            to_participant=target,
            amount=too_much,
        )
    amendment = _request(
        project,
        programme_manager,
        kind=AmendmentKind.BUDGET_TRANSFER,
        from_participant=source,
        to_participant=target,
        amount=Decimal("1234.56"),
    )
    before = (source.eu_contribution, target.eu_contribution)
    amendment_decide(amendment=amendment, user=programme_manager, approve=True)
    source.refresh_from_db()
    target.refresh_from_db()
    assert (source.eu_contribution, target.eu_contribution) == (
        before[0] - Decimal("1234.56"),
        before[1] + Decimal("1234.56"),
    )


def test_partners_join_and_leave(project, programme_manager):
    newcomer = OrganisationFactory()
    joining = _request(
        project,
        programme_manager,
        kind=AmendmentKind.PARTNER_ADDED,
        organisation=newcomer,
        role=ParticipantRole.BENEFICIARY,
    )
    amendment_decide(amendment=joining, user=programme_manager, approve=True)
    joined = Participant.objects.get(project=project, organisation=newcomer)
    leaving = _request(
        project, programme_manager, kind=AmendmentKind.PARTNER_LEAVING, from_participant=joined
    )
    amendment_decide(amendment=leaving, user=programme_manager, approve=True)
    joined.refresh_from_db()
    assert joined.left_on is not None
    coordinator = project.participants.get(role=ParticipantRole.COORDINATOR)
    with pytest.raises(AmendmentError, match="coordinator cannot leave"):
        _request(
            project,
            programme_manager,
            kind=AmendmentKind.PARTNER_LEAVING,
            from_participant=coordinator,
        )


def test_a_refusal_needs_a_reason_and_changes_nothing(project, programme_manager):
    end = project.end_date
    amendment = _request(
        project, programme_manager, kind=AmendmentKind.END_DATE, new_end_date=dt.date(2028, 1, 31)
    )
    with pytest.raises(AmendmentError, match="reason"):
        amendment_decide(amendment=amendment, user=programme_manager, approve=False)
    amendment_decide(
        amendment=amendment, user=programme_manager, approve=False, reason="Not justified."
    )
    project.refresh_from_db()
    amendment.refresh_from_db()
    assert project.end_date == end and amendment.status == AmendmentStatus.REFUSED
    assert amendment.status_changes.get().reason == "Not justified."


def test_amendments_are_refused_to_others_and_without_reason(project, programme_manager, applicant):
    with pytest.raises(AmendmentError, match="requested by the project.s coordinator"):
        _request(project, applicant, kind=AmendmentKind.END_DATE, new_end_date=dt.date(2027, 1, 1))
    with pytest.raises(ValidationError):
        amendment_request(
            project=project,
            user=programme_manager,
            kind=AmendmentKind.END_DATE,
            reason=" ",
            new_end_date=dt.date(2027, 1, 1),
        )
