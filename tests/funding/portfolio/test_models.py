import datetime as dt
from decimal import Decimal

import pytest

from funding.portfolio.forms import FundedProjectForm, ParticipantForm, PaymentForm
from funding.portfolio.models.projects import ActivityType, ParticipantRole
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories import ProgrammeFactory
from tests.funding.factories_portfolio import FundedProjectFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def project_data(**changes):
    data = {
        "grant_number": "101234567",
        "acronym": "SHIELD",
        "title": "Safer online spaces",
        "programme": ProgrammeFactory().pk,
        "start_date": "2025-01-01",
        "end_date": "2027-12-31",
        "total_cost": "1000000.00",
        "eu_contribution": "900000.00",
    }
    data.update(changes)
    return data


def test_a_valid_project_form_saves():
    form = FundedProjectForm(data=project_data())
    assert form.is_valid(), form.errors
    project = form.save()
    assert project.duration_months == 36
    assert project.funding_rate == Decimal("90.00")
    assert project.doi == "10.3030/101234567"


def test_end_before_start_is_refused_on_the_end_date():
    form = FundedProjectForm(data=project_data(end_date="2024-12-31"))
    assert not form.is_valid()
    assert form.errors["end_date"] == ["The end date must come after the start date."]
    assert form["acronym"].value() == "SHIELD"  # what was typed is kept


def test_contribution_above_cost_is_refused():
    form = FundedProjectForm(data=project_data(eu_contribution="1000000.01"))
    assert not form.is_valid()
    assert "cannot exceed the total cost" in form.errors["eu_contribution"][0]


def test_participant_contribution_above_the_projects_is_refused():
    project = FundedProjectFactory(eu_contribution=Decimal("100000.00"))
    form = ParticipantForm(
        data={
            "project": project.pk,
            "organisation": OrganisationFactory().pk,
            "role": ParticipantRole.BENEFICIARY,
            "eu_contribution": "100000.01",
            "total_cost": "200000.00",
            "position": 1,
        }
    )
    assert not form.is_valid()
    assert "cannot exceed the project's" in form.errors["eu_contribution"][0]


def test_negative_payment_is_refused():
    form = PaymentForm(
        data={
            "project": FundedProjectFactory().pk,
            "kind": "interim",
            "amount": "-5.00",
            "paid_on": "2025-01-01",
        }
    )
    assert not form.is_valid()
    assert form.errors["amount"] == ["A payment is a positive amount."]


def test_coordinator_country_and_activity_type_are_derived():
    university = OrganisationFactory(country="IE", organisation_type="HES")
    ngo = OrganisationFactory(country="NL", organisation_type="CSO")
    project = FundedProjectFactory()
    coordinator = ParticipantFactory(
        project=project, organisation=university, role=ParticipantRole.COORDINATOR
    )
    partner = ParticipantFactory(project=project, organisation=ngo)
    assert coordinator.country.code == "IE" and coordinator.activity_type == ActivityType.HES
    assert partner.activity_type == ActivityType.OTH
    annotated = type(project).objects.with_coordinator().get(pk=project.pk)
    assert annotated.coordinator_name == university.legal_name
    assert annotated.coordinator_country == "IE"


def test_isf_projects_have_no_doi_and_duration_counts_months():
    project = FundedProjectFactory(
        programme=ProgrammeFactory(code="ISFP", name="ISF-Police"),
        start_date=dt.date(2019, 1, 1),
        end_date=dt.date(2021, 6, 30),
    )
    assert project.doi == ""
    assert project.duration_months == 30
