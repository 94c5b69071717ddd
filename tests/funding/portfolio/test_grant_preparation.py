"""Grant preparation: the checklist's steps, their refusals, the signature through the
project's workflow, the deadline, and a failed preparation that offers the reserve list."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from core.brussels import brussels_deadline
from funding.models import BeneficiaryAccount, FundedProject, ProjectStatus
from funding.portfolio import preparation
from funding.portfolio.checklist import (
    checklist_missing,
    deadline_slipped,
    grant_deadline,
    signing_participants,
)
from funding.portfolio.preparation import GrantError
from funding.portfolio.reserve import reserve_candidate, reserve_select, topic_budget
from funding.portfolio.services import TransitionRefused, project_change_status
from funding.proposals.statuses import ProposalStatus
from tests.funding.factories_evaluation import manager
from tests.funding.factories_grants import (
    complete_checklist,
    part_b,
    prepared,
    selected,
    validate_accounts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss():
    return manager()


@pytest.fixture
def world():
    project = prepared()
    return project, None, project.topic


@pytest.fixture
def evaluated(boss):
    """Selected after a full evaluation, a second proposal on the reserve list."""
    return selected(boss)


def test_a_selected_project_opens_with_nothing_done(world):
    project, _reserve, _topic = world
    assert project.status == ProjectStatus.GRANT_PREPARATION
    assert len(checklist_missing(project)) == 4


def test_an_invalid_iban_is_refused_and_nothing_is_stored(world, boss):
    project, _reserve, _topic = world
    participant = signing_participants(project)[0]
    with pytest.raises(ValidationError) as refusal:
        preparation.beneficiary_account_record(
            participant=participant,
            user=boss,
            registration_number="BE0123456789",
            account_holder="Coordinator",
            iban="BE71 0961 2345 6768",  # one digit off: the mod-97 check fails
        )
    assert "iban" in refusal.value.message_dict
    assert not BeneficiaryAccount.objects.exists()


def test_a_valid_iban_is_stored_normalised(world, boss):
    project, _reserve, _topic = world
    participant = signing_participants(project)[0]
    account = preparation.beneficiary_account_record(
        participant=participant,
        user=boss,
        registration_number="BE0123456789",
        account_holder="Coordinator",
        iban="be71 0961 2345 6769",
        bic="gkccbebb",
    )
    account.refresh_from_db()
    assert (account.iban, account.bic) == ("BE71096123456769", "GKCCBEBB")
    assert account.masked_iban == "BE71 … 6769"


def test_signature_before_the_checklist_is_complete_is_refused(world, boss):
    project, _reserve, _topic = world
    validate_accounts(project, boss)
    with pytest.raises(GrantError, match="still to do"):
        preparation.grant_sign(project=project, user=boss, signature_date=timezone.localdate())
    project.refresh_from_db()
    assert project.status == ProjectStatus.GRANT_PREPARATION
    assert project.signature_date is None


def test_the_status_form_cannot_skip_the_checklist(world, boss):
    project, _reserve, _topic = world
    FundedProject.objects.filter(pk=project.pk).update(signature_date=dt.date(2025, 3, 1))
    project.refresh_from_db()
    with pytest.raises(TransitionRefused, match="Complete the grant preparation"):
        project_change_status(project=project, to_status=ProjectStatus.ONGOING, user=boss)


def test_the_complete_checklist_and_signature_make_the_project_ongoing(world, boss):
    project, _reserve, _topic = world
    complete_checklist(project, boss)
    assert checklist_missing(project) == []
    project.refresh_from_db()
    assert (project.start_date, project.end_date) == (dt.date(2025, 9, 1), dt.date(2027, 8, 31))
    preparation.grant_sign(project=project, user=boss, signature_date=dt.date(2025, 8, 20))
    project.refresh_from_db()
    assert project.status == ProjectStatus.ONGOING
    assert project.signature_date == dt.date(2025, 8, 20)
    change = project.status_changes.get()
    assert (change.changed_by, change.to_status) == (boss, ProjectStatus.ONGOING)
    with pytest.raises(GrantError, match="no longer in grant preparation"):
        preparation.grant_consortium_confirm(project=project, user=boss)


def test_a_signature_date_in_the_future_is_refused(world, boss):
    project, _reserve, _topic = world
    complete_checklist(project, boss)
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    with pytest.raises(GrantError, match="future"):
        preparation.grant_sign(project=project, user=boss, signature_date=tomorrow)


def test_consortium_is_confirmed_only_as_evaluated(world, boss):
    project, _reserve, _topic = world
    participant = project.participants.order_by("position").last()
    participant.eu_contribution -= Decimal("1.00")
    participant.save()
    assert preparation.consortium_differences(project)
    with pytest.raises(GrantError, match="the submission asked"):
        preparation.grant_consortium_confirm(project=project, user=boss)


def test_the_description_goes_through_the_upload_validator(world, boss):
    project, _reserve, _topic = world
    with pytest.raises(ValidationError, match="not an accepted type"):
        preparation.grant_description_attach(
            project=project, user=boss, upload=part_b(content=b"plain text, named .pdf")
        )
    attached = preparation.grant_description_attach(project=project, user=boss, upload=part_b())
    assert attached.description_sha256 and attached.description.name.startswith("grants/")


def test_only_managers_prepare_grants(world, applicant):
    project, _reserve, _topic = world
    with pytest.raises(GrantError, match="programme managers"):
        preparation.grant_consortium_confirm(project=project, user=applicant)


def test_dates_beyond_the_topic_duration_are_refused(world, boss):
    project, _reserve, _topic = world
    project.topic.max_duration_months = 36
    project.topic.save()
    with pytest.raises(ValidationError, match="at most 36"):
        preparation.grant_dates_agree(
            project=project, user=boss, start_date=dt.date(2025, 9, 1), duration_months=48
        )


def test_the_deadline_is_eight_months_after_the_topic_deadline(world):
    project, _reserve, topic = world
    topic.opening_at = brussels_deadline(dt.date(2024, 1, 10))
    topic.deadline_at = brussels_deadline(dt.date(2024, 6, 30))
    topic.save()
    project.refresh_from_db()
    deadline = grant_deadline(project)
    assert deadline == dt.date(2025, 2, 28)  # 30 June + 8 months: the last day of February
    assert not deadline_slipped(project, deadline)
    assert deadline_slipped(project, deadline + dt.timedelta(days=1))
    with override_settings(GRANT_PREPARATION_MONTHS=2):
        assert grant_deadline(project) == dt.date(2024, 8, 30)


def test_a_failed_preparation_frees_the_budget_and_offers_the_reserve(evaluated, boss):
    project, reserve, topic = evaluated
    before = topic_budget(topic)
    assert reserve_candidate(topic).proposal == reserve
    with pytest.raises(GrantError, match="why"):
        preparation.grant_preparation_fail(project=project, user=boss, reason=" ")
    preparation.grant_preparation_fail(
        project=project, user=boss, reason="The coordinator withdrew before signature."
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.TERMINATED
    after = topic_budget(topic)
    assert after.available == before.available + project.eu_contribution
    selected_project = reserve_select(
        project=project, user=boss, reason="Next on the reserve list."
    )
    reserve.refresh_from_db()
    assert reserve.status == ProposalStatus.SELECTED
    assert selected_project.status == ProjectStatus.GRANT_PREPARATION
    assert reserve_candidate(topic) is None
    with pytest.raises(GrantError, match="no proposal waiting"):
        reserve_select(project=project, user=boss, reason="Again.")


def test_the_reserve_is_offered_only_after_a_failed_preparation(world, boss):
    project, _reserve, _topic = world
    with pytest.raises(GrantError, match="failed grant preparation"):
        reserve_select(project=project, user=boss, reason="Too early.")
