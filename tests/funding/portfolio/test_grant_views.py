"""The staff screens of grant preparation, payments and amendments: what they show, that a
refusal keeps what was typed and stores nothing, who may open them, and lists whose query
count does not grow with their rows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cooperation.accounts.roles import Role
from funding.models import Amendment, BeneficiaryAccount, Payment, ProjectStatus
from funding.portfolio.checklist import signing_participants
from funding.portfolio.models.delivery import PaymentKind
from tests.cooperation.factories import MembershipFactory, OrganisationFactory
from tests.funding.factories_grants import part_b, prepared
from tests.funding.factories_portfolio import PaymentFactory, project_with_consortium

pytestmark = pytest.mark.django_db


@pytest.fixture
def preparing():
    return prepared()


@pytest.fixture
def manager_client(client, programme_manager):
    client.force_login(programme_manager)
    return client


def url(name, project, **kwargs):
    return reverse(f"portfolio:{name}", kwargs={"grant_number": project.grant_number, **kwargs})


def test_the_checklist_page_shows_the_steps_and_the_slipped_deadline(manager_client, preparing):
    page = manager_client.get(url("preparation", preparing)).content.decode()
    assert "Legal entity and bank account of every beneficiary" in page
    assert "The time to grant has run out." not in page
    topic = preparing.topic
    topic.opening_at = topic.opening_at - dt.timedelta(days=800)
    topic.deadline_at = topic.deadline_at - dt.timedelta(days=400)
    topic.save()
    page = manager_client.get(url("preparation", preparing)).content.decode()
    assert "The time to grant has run out." in page
    assert (
        "The time to grant has run out."
        in manager_client.get(url("detail", preparing)).content.decode()
    )


def test_an_invalid_iban_is_shown_with_what_was_typed(manager_client, preparing):
    participant = signing_participants(preparing)[0]
    address = url("account", preparing, participant=participant.pk)
    data = {
        "registration_number": "BE0411905847",
        "account_holder": "Typed holder",
        "iban": "BE71 0961 2345 6768",
    }
    response = manager_client.post(address, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Typed holder" in page and "BE0411905847" in page
    assert not BeneficiaryAccount.objects.exists()
    response = manager_client.post(address, {**data, "iban": "BE71 0961 2345 6769"})
    assert response.status_code == 302
    assert BeneficiaryAccount.objects.get().iban == "BE71096123456769"


def test_signing_too_early_is_refused_on_the_page(manager_client, preparing):
    response = manager_client.post(url("sign", preparing), {"signature_date": "2025-01-10"})
    assert response.status_code == 200
    assert "cannot be signed yet" in response.content.decode()
    preparing.refresh_from_db()
    assert preparing.signature_date is None
    assert preparing.status == ProjectStatus.GRANT_PREPARATION


def test_the_description_is_uploaded_and_downloaded_by_managers_only(
    client, manager_client, preparing, applicant
):
    response = manager_client.post(url("describe", preparing), {"file": part_b()})
    assert response.status_code == 302
    download = manager_client.get(url("description", preparing))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Cache-Control"] == "private, no-store"
    refused = manager_client.post(url("describe", preparing), {"file": part_b(content=b"text")})
    assert "not an accepted type" in refused.content.decode()
    client.force_login(applicant)
    assert client.get(url("description", preparing)).status_code == 403


def test_a_failed_preparation_is_confirmed_then_leads_to_the_reserve(manager_client, preparing):
    page = manager_client.get(url("fail", preparing))
    assert "This cannot be undone." in page.content.decode()
    preparing.refresh_from_db()
    assert preparing.status == ProjectStatus.GRANT_PREPARATION
    response = manager_client.post(url("fail", preparing), {"reason": "No bank guarantee."})
    assert response["Location"] == url("reserve", preparing)
    preparing.refresh_from_db()
    assert preparing.status == ProjectStatus.TERMINATED
    page = manager_client.get(url("reserve", preparing)).content.decode()
    assert "reserve list has no proposal waiting." in page


def test_the_payments_page_shows_the_computation_and_refuses_above_the_maximum(
    manager_client,
):
    project = project_with_consortium(eu_contribution=Decimal("200000.00"))
    page = manager_client.get(url("payments", project)).content.decode()
    assert "Suggested pre-financing" in page and "100,000.00" in page
    response = manager_client.post(
        url("payments", project),
        {"kind": PaymentKind.FINAL, "amount": "200000.01", "paid_on": "2025-02-01"},
    )
    assert response.status_code == 200
    assert "above the maximum grant" in response.content.decode()
    assert 'value="200000.01"' in response.content.decode()
    assert not Payment.objects.exists()
    response = manager_client.post(
        url("payments", project),
        {"kind": PaymentKind.PRE_FINANCING, "amount": "100000.00", "paid_on": "2025-02-01"},
    )
    assert response.status_code == 302
    assert Payment.objects.get().amount == Decimal("100000.00")


def test_an_amendment_is_recorded_then_approved_in_the_site(manager_client):
    project = project_with_consortium()
    response = manager_client.post(
        url("amendments", project),
        {"kind": "end_date", "reason": "Delayed pilot.", "new_end_date": "2027-06-30"},
    )
    amendment = Amendment.objects.get()
    assert response["Location"] == url("amendment", project, pk=amendment.pk)
    response = manager_client.post(
        url("amendment", project, pk=amendment.pk), {"decision": "approve"}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.end_date == dt.date(2027, 6, 30)
    page = manager_client.get(url("detail", project)).content.decode()
    assert "Change of end date" in page and "Approved" in page


NEW_PAGES = ["preparation", "account", "description", "fail", "reserve", "payments", "amendments"]
POST_ONLY = ["confirm", "describe", "dates", "sign"]


def _addresses(project, amendment):
    participant = project.participants.order_by("position").first()
    extra = {"account": {"participant": participant.pk}, "amendment": {"pk": amendment.pk}}
    names = [*NEW_PAGES, *POST_ONLY, "amendment"]
    return {name: url(name, project, **extra.get(name, {})) for name in names}


@pytest.mark.parametrize(
    "role", ["anonymous", "project_member", "other_member", "secretariat", "manager"]
)
def test_who_may_open_the_grant_screens(client, make_user, role, programme_manager):
    project = project_with_consortium(status=ProjectStatus.GRANT_PREPARATION)
    amendment = Amendment.objects.create(
        project=project,
        kind="end_date",
        reason="r",
        new_end_date=dt.date(2027, 1, 1),
        requested_by=programme_manager,
        requested_at=project.created_at,
    )
    coordinator = project.participants.get(role="coordinator").organisation
    users = {
        "project_member": lambda: (
            MembershipFactory(user=make_user(Role.APPLICANT), organisation=coordinator).user
        ),
        "other_member": lambda: (
            MembershipFactory(
                user=make_user(Role.APPLICANT), organisation=OrganisationFactory()
            ).user
        ),
        "secretariat": lambda: make_user(Role.FORUM_SECRETARIAT),
        "manager": lambda: programme_manager,
    }
    if role != "anonymous":
        client.force_login(users[role]())
    for name, address in _addresses(project, amendment).items():
        status = client.get(address).status_code
        if role == "anonymous":
            assert status == 302, name
        elif role == "manager":
            expected = 405 if name in POST_ONLY else (404 if name == "description" else 200)
            assert status == expected, name
        else:
            assert status == 403, name
            assert client.post(address, {}).status_code == 403, name


def _count(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ["participants", "payment_list"])
def test_the_lists_query_count_does_not_grow(manager_client, name):
    def add(n):
        for _ in range(n):
            project = project_with_consortium()
            PaymentFactory(project=project)

    address = reverse(f"portfolio:{name}")
    add(2)
    few = _count(manager_client, address)
    add(12)
    assert _count(manager_client, address) == few
    assert manager_client.get(address, {"year": "99999"}).status_code == 200


def test_the_project_page_query_count_does_not_grow_with_records(manager_client, programme_manager):
    project = project_with_consortium(partners=1)
    address = url("detail", project)
    few = _count(manager_client, address)
    for _ in range(5):
        PaymentFactory(project=project, amount=Decimal("1.00"))
        Amendment.objects.create(
            project=project,
            kind="end_date",
            reason="r",
            new_end_date=dt.date(2027, 1, 1),
            requested_by=programme_manager,
            requested_at=project.created_at,
        )
    project_with_consortium(partners=4)
    assert _count(manager_client, address) == few


def test_the_grant_screens_speak_french(client, programme_manager, preparing):
    client.force_login(programme_manager)
    with translation.override("fr"):
        page = client.get(url("preparation", preparing)).content.decode()
        assert "Entité juridique et compte bancaire de chaque bénéficiaire" in page
        participant = signing_participants(preparing)[0]
        refused = client.post(
            url("account", preparing, participant=participant.pk),
            {"registration_number": "X", "account_holder": "Y", "iban": "BE71096123456768"},
        ).content.decode()
        assert "IBAN" in refused and "Not a valid IBAN." not in refused
