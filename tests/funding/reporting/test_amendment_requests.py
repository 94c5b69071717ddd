"""Amendments requested by the coordinator from the beneficiaries' area: the same service
and workflow as the managers' screen; the other beneficiaries see them read-only; bad input
is refused with nothing stored and the form keeps what was typed; the managers are told a
request waits, decide it, and the beneficiaries see the decision and its reason."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from funding.evaluation.waiting import manager_waiting
from funding.models import Amendment, AmendmentKind, AmendmentStatus
from funding.portfolio.amendments import AmendmentError, amendment_decide, amendment_request
from funding.portfolio.permissions import can_request_amendment

pytestmark = pytest.mark.django_db
WAITS = "Amendment requests to decide"


def url(project):
    return reverse("projects:amendments", args=[project.grant_number])


def test_only_the_coordinator_s_members_may_request(project, programme_manager, applicant):
    assert can_request_amendment(project.coordinator_member, project)
    assert can_request_amendment(programme_manager, project)
    for user in (project.beneficiary_member, project.outsider, applicant):
        verdict = can_request_amendment(user, project)
        assert not verdict and "coordinator" in verdict.reason
    with pytest.raises(AmendmentError, match="coordinator"):
        amendment_request(
            project=project,
            user=project.beneficiary_member,
            kind=AmendmentKind.END_DATE,
            reason="We need six more months.",
            new_end_date=dt.date(2027, 6, 30),
        )
    assert not Amendment.objects.exists()


def test_the_coordinator_requests_the_manager_approves_and_the_consortium_sees_it(
    client, project, programme_manager
):
    client.force_login(project.coordinator_member)
    page = client.get(url(project))
    assert page.status_code == 200 and page.context["form"] is not None
    response = client.post(
        url(project),
        {
            "kind": AmendmentKind.BUDGET_TRANSFER,
            "reason": "The beneficiary takes over the pilot.",
            "from_participant": project.coordinator.pk,
            "to_participant": project.beneficiary.pk,
            "amount": "50000.00",
        },
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.requested_by == project.coordinator_member
    assert amendment.status == AmendmentStatus.REQUESTED

    waiting = {group.label: group.items for group in manager_waiting()}
    assert [item.url for item in waiting[WAITS]] == [
        reverse("portfolio:amendment", args=[project.grant_number, amendment.pk])
    ]

    amendment_decide(
        amendment=amendment,
        user=programme_manager,
        approve=False,
        reason="Send the pilot's new work plan first.",
    )
    assert WAITS not in {group.label for group in manager_waiting()}

    client.force_login(project.beneficiary_member)
    seen = client.get(url(project))
    assert seen.status_code == 200 and seen.context["form"] is None
    body = seen.content.decode()
    assert "Refused" in body and "Send the pilot&#x27;s new work plan first." in body
    assert "The beneficiary takes over the pilot." in body
    assert '<form method="post"' not in body


def test_the_transfer_is_reflected_once_approved(client, project, programme_manager):
    client.force_login(project.coordinator_member)
    client.post(
        url(project),
        {
            "kind": AmendmentKind.END_DATE,
            "reason": "The pilot started late.",
            "new_end_date": "2027-06-30",
        },
    )
    amendment_decide(amendment=Amendment.objects.get(), user=programme_manager, approve=True)
    project.refresh_from_db()
    assert project.end_date == dt.date(2027, 6, 30)
    assert "Approved" in client.get(url(project)).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": AmendmentKind.END_DATE, "new_end_date": "2023-12-31"},
            "must come after the start date",
        ),
        (
            {
                "kind": AmendmentKind.BUDGET_TRANSFER,
                "amount": "600000.01",
                "from": "coordinator",
                "to": "beneficiary",
            },
            "cannot transfer more",
        ),
        (
            {"kind": AmendmentKind.END_DATE, "new_end_date": "2027-06-30", "reason": ""},
            "This field is required",
        ),
    ],
)
def test_bad_input_is_refused_nothing_stored_and_the_form_keeps_it(client, project, data, message):
    data = dict(data)
    for key, field in (("from", "from_participant"), ("to", "to_participant")):
        if key in data:
            data[field] = getattr(project, data.pop(key)).pk
    data.setdefault("reason", "Typed by the coordinator.")
    client.force_login(project.coordinator_member)
    response = client.post(url(project), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Amendment.objects.exists()
    form = response.context["form"]
    for field, value in data.items():
        assert str(form[field].value()) == str(value)


def test_a_non_coordinator_s_post_is_refused_and_keeps_what_was_typed(client, project):
    client.force_login(project.beneficiary_member)
    response = client.post(
        url(project),
        {
            "kind": AmendmentKind.END_DATE,
            "reason": "We would like more time.",
            "new_end_date": "2027-06-30",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "requested by the project&#x27;s coordinator" in body
    assert "We would like more time." in body
    assert not Amendment.objects.exists()


def test_another_organisation_gets_404(client, project):
    client.force_login(project.outsider)
    assert client.get(url(project)).status_code == 404
    response = client.post(
        url(project),
        {"kind": AmendmentKind.END_DATE, "reason": "x", "new_end_date": "2027-06-30"},
    )
    assert response.status_code == 404
    assert not Amendment.objects.exists()
    assert project.coordinator.eu_contribution == Decimal("600000.00")


def test_the_page_and_its_refusal_speak_french(client, project):
    with translation.override("fr"):
        client.force_login(project.coordinator_member)
        page = client.get(url(project)).content.decode()
        client.force_login(project.beneficiary_member)
        response = client.post(
            url(project),
            {"kind": AmendmentKind.END_DATE, "reason": "Plus.", "new_end_date": "2027-06-30"},
        )
    assert "Demander un avenant" in page
    assert "Les avenants sont demandés par le coordinateur du projet." in response.content.decode()
