import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cooperation.accounts.roles import Role
from funding.models import Programme
from funding.portfolio.models.projects import ProjectStatus, ProjectStatusChange
from tests.funding.factories import ProgrammeFactory
from tests.funding.factories_portfolio import (
    DeliverableFactory,
    MilestoneFactory,
    PaymentFactory,
    ReportingPeriodFactory,
    project_with_consortium,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = project_with_consortium(
        acronym="GRACE", grant_number="883341", end_date=dt.date(2099, 12, 31)
    )
    DeliverableFactory(
        project=project,
        code="D1.1",
        due_date=dt.date(2024, 3, 31),
        submitted_date=dt.date(2024, 3, 1),
    )
    MilestoneFactory(project=project, code="MS1")
    ReportingPeriodFactory(project=project, number=1, report_due_date=dt.date(2099, 1, 31))
    DeliverableFactory(project=project, code="D1.2", due_date=dt.date(2099, 3, 31))
    PaymentFactory(project=project, amount=Decimal("2000000.00"))
    return project


def staff_urls(project):
    return [
        reverse("portfolio:list"),
        reverse("portfolio:dashboard"),
        reverse("portfolio:detail", args=[project.grant_number]),
        reverse("portfolio:export"),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, project):
    for url in staff_urls(project):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


@pytest.mark.parametrize(
    "role,expected",
    [
        (Role.APPLICANT, 403),
        (Role.EXPERT, 403),
        (Role.FORUM_SECRETARIAT, 403),
        (Role.EDITOR, 403),
        (Role.PROGRAMME_MANAGER, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_only_programme_managers_and_administrators_get_in(
    client, make_user, project, role, expected
):
    client.force_login(make_user(role))
    for url in staff_urls(project):
        response = client.get(url)
        assert response.status_code == expected, url
    if expected == 403:
        assert "for programme managers" in response.content.decode()


def test_list_filters_by_programme_and_health(client, programme_manager, project):
    other = project_with_consortium(
        acronym="AVIATOR",
        programme=ProgrammeFactory(code="ISFP", name="ISF-Police"),
        end_date=dt.date(2099, 12, 31),
    )
    client.force_login(programme_manager)
    response = client.get(reverse("portfolio:list"), {"programme": other.programme_id})
    assert [p.acronym for p in response.context["projects"]] == ["AVIATOR"]
    late = project_with_consortium(acronym="LATE", end_date=dt.date(2099, 12, 31))
    ReportingPeriodFactory(project=late, number=1, report_due_date=dt.date(2020, 1, 31))
    response = client.get(reverse("portfolio:list"), {"health": "red"})
    assert [p.acronym for p in response.context["projects"]] == ["LATE"]


def test_list_query_count_does_not_grow_with_rows(
    client, programme_manager, django_assert_max_num_queries
):
    client.force_login(programme_manager)
    for _ in range(3):
        project_with_consortium()
    with django_assert_max_num_queries(12) as small:
        assert client.get(reverse("portfolio:list")).status_code == 200
    for _ in range(27):
        project_with_consortium()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("portfolio:list"))
    assert len(response.context["projects"]) == 25


def test_detail_shows_a_dated_timeline(client, programme_manager, project):
    client.force_login(programme_manager)
    response = client.get(reverse("portfolio:detail", args=[project.grant_number]))
    timeline = response.context["timeline"]
    assert [event.date for event in timeline] == sorted(event.date for event in timeline)
    kinds = {event.kind for event in timeline}
    assert {"Deliverable", "Milestone", "Report", "Payment"} <= kinds
    assert "10.3030/883341" in response.content.decode()


def test_status_change_through_the_page_records_history(client, programme_manager, project):
    client.force_login(programme_manager)
    url = reverse("portfolio:change_status", args=[project.grant_number])
    response = client.post(url, {"to_status": ProjectStatus.SUSPENDED, "reason": ""})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.ONGOING  # refused: no reason
    client.post(url, {"to_status": ProjectStatus.SUSPENDED, "reason": "Audit."})
    project.refresh_from_db()
    assert project.status == ProjectStatus.SUSPENDED
    assert ProjectStatusChange.objects.get().changed_by == programme_manager


def test_applicants_cannot_change_a_status(client, applicant, project):
    client.force_login(applicant)
    url = reverse("portfolio:change_status", args=[project.grant_number])
    assert client.post(url, {"to_status": "suspended", "reason": "x"}).status_code == 403


def test_dashboard_totals_and_bars(client, programme_manager, project):
    project_with_consortium(eu_contribution=Decimal("1000000.00"))
    client.force_login(programme_manager)
    response = client.get(reverse("portfolio:dashboard"))
    assert response.context["totals"][:2] == (2, Decimal("3000000.00"))
    body = response.content.decode()
    assert "<svg" in body and "<script" not in body


def test_the_dashboard_names_programmes_in_the_readers_language(client, programme_manager, project):
    Programme.objects.filter(pk=project.programme_id).update(
        name="Internal Security Fund – Police", name_fr="Fonds pour la sécurité intérieure"
    )
    client.force_login(programme_manager)
    with translation.override("fr"):
        french = client.get(reverse("portfolio:dashboard")).content.decode()
    assert "Fonds pour la sécurité intérieure" in french
    assert "Internal Security Fund" not in french
    english = client.get(reverse("portfolio:dashboard")).content.decode()
    assert "Internal Security Fund – Police" in english


def test_the_dashboard_is_one_query_of_the_projects_own_rows(client, programme_manager, project):
    """Every figure of the dashboard (totals, programmes, years, health) comes from one
    grouped query of the projects' rows: health is judged from the facts stored on each
    project, so no deliverable, period, report or payment is read, however many there are."""
    project_with_consortium(eu_contribution=Decimal("1000000.00"))
    client.force_login(programme_manager)
    url = reverse("portfolio:dashboard")
    client.get(url)
    for query in ({}, {"health": "green"}):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, query).status_code == 200
        sql = [q["sql"] for q in captured.captured_queries]
        assert len([q for q in sql if "funding_fundedproject" in q]) == 1, sql
        for table in ("funding_deliverable", "funding_reportingperiod", "funding_payment"):
            assert not [q for q in sql if table in q], table
