"""The beneficiaries' pages and the managers' review pages, through the client: who sees
what, forms that keep what was typed, the reason shown to the beneficiary, downloads."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cooperation.accounts.roles import Role
from funding.reporting.models import DeliverableSubmission, PeriodicReport, ReviewStatus
from funding.reporting.services import deliverable_submit, report_submit
from tests.cooperation.factories import MembershipFactory
from tests.funding.factories_portfolio import (
    DeliverableFactory,
    PaymentFactory,
    ReportingPeriodFactory,
    project_with_consortium,
)
from tests.funding.reporting.conftest import PDF, costs, pdf

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2025, 7, 10, 9, 0, tzinfo=dt.UTC)


def report_form(**changes):
    data = {
        "personnel": "1000.00",
        "subcontracting": "0.00",
        "purchase": "250.50",
        "other": "0.00",
        "indirect": "312.63",
        "note": "First period.",
    }
    data.update(changes)
    return data


def test_members_see_their_projects_and_payments(client, project):
    PaymentFactory(project=project, amount="400000.00")
    client.force_login(project.beneficiary_member)
    listed = client.get(reverse("projects:list"))
    assert listed.status_code == 200
    assert list(listed.context["projects"]) == [project]
    page = client.get(reverse("projects:detail", args=[project.grant_number]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "D1.1" in body and "400,000.00" in body and "Period 1" in body


def test_another_organisation_sees_nothing_of_the_project(client, project):
    submission = deliverable_submit(
        deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf(), now=NOW
    )
    client.force_login(project.outsider)
    assert list(client.get(reverse("projects:list")).context["projects"]) == []
    grant = project.grant_number
    for url in (
        reverse("projects:detail", args=[grant]),
        reverse("projects:deliverable", args=[grant, project.deliverable.pk]),
        reverse("projects:report", args=[grant, 1]),
        reverse("projects:deliverable_file", args=[grant, submission.pk]),
    ):
        assert client.get(url).status_code == 404, url
    posted = client.post(
        reverse("projects:deliverable", args=[grant, project.deliverable.pk]), {"file": pdf()}
    )
    assert posted.status_code == 404
    assert DeliverableSubmission.objects.count() == 1


def test_a_member_uploads_a_deliverable_and_downloads_it_back(client, project):
    client.force_login(project.coordinator_member)
    url = reverse("projects:deliverable", args=[project.grant_number, project.deliverable.pk])
    response = client.post(url, {"file": pdf("D1.1 handbook.pdf"), "note": "Final text."})
    assert response.status_code == 302
    submission = DeliverableSubmission.objects.get()
    assert (
        submission.note == "Final text." and submission.submitted_by == project.coordinator_member
    )
    download = client.get(
        reverse("projects:deliverable_file", args=[project.grant_number, submission.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "D1.1 handbook.pdf" in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"


def test_a_refused_statement_keeps_what_was_typed(client, project):
    client.force_login(project.beneficiary_member)
    url = reverse("projects:report", args=[project.grant_number, 1])
    response = client.post(
        url,
        {
            **report_form(personnel="400000.00"),
            "participant": project.beneficiary.pk,
            "file": pdf(),
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "above" in body and "budget of 400000.00 EUR" in body
    assert response.context["form"]["personnel"].value() == "400000.00"
    assert response.context["form"]["note"].value() == "First period."
    assert not PeriodicReport.objects.exists()


def test_a_member_submits_a_statement(client, project):
    client.force_login(project.beneficiary_member)
    url = reverse("projects:report", args=[project.grant_number, 1])
    response = client.post(
        url, {**report_form(), "participant": project.beneficiary.pk, "file": pdf()}
    )
    assert response.status_code == 302, response.context["form"].errors
    report = PeriodicReport.objects.get()
    assert str(report.total) == "1563.13" and report.participant == project.beneficiary


def test_the_manager_requests_changes_and_the_beneficiary_reads_why(
    client, project, programme_manager
):
    submission = deliverable_submit(
        deliverable=project.deliverable, user=project.beneficiary_member, upload=pdf(), now=NOW
    )
    client.force_login(programme_manager)
    waiting = client.get(reverse("portfolio:review_deliverables"))
    assert list(waiting.context["versions"]) == [submission]
    url = reverse("portfolio:review_deliverable", args=[submission.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"action": "request_changes", "reason": ""})
    assert refused.status_code == 200 and "Say what should change" in refused.content.decode()
    assert (
        client.post(
            url, {"action": "request_changes", "reason": "Add the pilot results."}
        ).status_code
        == 302
    )
    submission.refresh_from_db()
    assert submission.status == ReviewStatus.CHANGES_REQUESTED
    file_url = reverse("portfolio:review_deliverable_file", args=[submission.pk])
    assert client.get(file_url).status_code == 200
    client.force_login(project.beneficiary_member)
    page = client.get(reverse("projects:detail", args=[project.grant_number]))
    body = page.content.decode()
    assert "Add the pilot results." in body and "Resubmit D1.1" in body


def test_beneficiaries_and_anonymous_visitors_do_not_review(client, project):
    report = report_submit(
        period=project.period,
        participant=project.beneficiary,
        user=project.beneficiary_member,
        upload=pdf(),
        costs=costs(),
        now=NOW,
    )
    url = reverse("portfolio:review_report", args=[report.pk])
    client.force_login(project.beneficiary_member)
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "accept"}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    report.refresh_from_db()
    assert report.status == ReviewStatus.SUBMITTED


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def _grow(member, n):
    """n more projects of the member's organisation, each with deliverables, periods,
    payments and a submitted version of each kind."""
    for _ in range(n):
        project = project_with_consortium(partners=2)
        participant = project.participants.get(role="coordinator")
        MembershipFactory(user=member, organisation=participant.organisation)
        deliverable = DeliverableFactory(project=project, code="D2.1")
        DeliverableFactory(project=project, code="D2.2")
        period = ReportingPeriodFactory(project=project, number=1)
        PaymentFactory(project=project)
        deliverable_submit(deliverable=deliverable, user=member, upload=pdf(), now=NOW)
        report_submit(
            period=period,
            participant=participant,
            user=member,
            upload=pdf(),
            costs=costs("100.00"),
            now=NOW,
        )
        member._reporting_organisation_ids = None
        del member._reporting_organisation_ids
    return project


def test_list_and_review_pages_queries_do_not_grow(client, make_user, programme_manager):
    member = make_user(Role.APPLICANT)
    last = _grow(member, 2)
    urls = [reverse("projects:list"), reverse("projects:detail", args=[last.grant_number])]
    staff_urls = [reverse("portfolio:review_deliverables"), reverse("portfolio:review_reports")]
    client.force_login(member)
    few = [count_queries(client, url) for url in urls]
    client.force_login(programme_manager)
    few_staff = [count_queries(client, url) for url in staff_urls]
    last = _grow(member, 8)
    # The project page of a project with as many rows again.
    for _ in range(3):
        DeliverableFactory(project=last)
        ReportingPeriodFactory(project=last)
        PaymentFactory(project=last)
    urls[1] = reverse("projects:detail", args=[last.grant_number])
    client.force_login(member)
    assert [count_queries(client, url) for url in urls] == few
    client.force_login(programme_manager)
    assert [count_queries(client, url) for url in staff_urls] == few_staff
    assert max(few + few_staff) <= 20


def test_the_beneficiaries_area_speaks_french(client, project, settings):
    client.force_login(project.beneficiary_member)
    with translation.override("fr"):
        listed = client.get(reverse("projects:list")).content.decode()
        assert "Vos projets financés" in listed
        url = reverse("projects:report", args=[project.grant_number, 1])
        page = client.get(url).content.decode()
        assert "Partie technique" in page and "Soumettre le rapport" in page
