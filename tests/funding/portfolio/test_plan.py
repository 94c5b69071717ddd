"""A project's plan kept in the site: deliverables and reporting periods added and corrected
by a programme manager (funding.portfolio.records), refused when they would rewrite what
was submitted or accepted, and the portfolio-wide lists of both."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from funding.portfolio.models.delivery import Deliverable, ReportingPeriod
from funding.portfolio.records import (
    RecordRefused,
    deliverable_create,
    deliverable_update,
    reporting_period_create,
    reporting_period_update,
)
from tests.funding.factories_portfolio import (
    DeliverableFactory,
    FundedProjectFactory,
    ReportingPeriodFactory,
)
from tests.funding.portfolio.test_grant_views import _count

pytestmark = pytest.mark.django_db

DELIVERABLE = {
    "code": "D2.1",
    "title": "Hash list interoperability report",
    "work_package": 2,
    "deliverable_type": "R",
    "dissemination_level": "PU",
    "due_date": dt.date(2025, 3, 31),
}
PERIOD = {
    "number": 1,
    "start_date": dt.date(2024, 1, 1),
    "end_date": dt.date(2025, 6, 30),
    "report_due_date": dt.date(2025, 8, 29),
}


@pytest.fixture
def project():
    return FundedProjectFactory(acronym="PLAN")


@pytest.fixture
def manager_client(client, programme_manager):
    client.force_login(programme_manager)
    return client


def url(name, project, **kwargs):
    return reverse(f"portfolio:{name}", kwargs={"grant_number": project.grant_number, **kwargs})


def as_post(values):
    return {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name, value in values.items()
    }


# --- services ------------------------------------------------------------------------------


def test_a_deliverable_is_added_and_its_code_is_unique_in_the_project(project, programme_manager):
    deliverable = deliverable_create(project=project, user=programme_manager, **DELIVERABLE)
    assert deliverable.code == "D2.1" and deliverable.project == project
    with pytest.raises(Exception) as refusal:
        deliverable_create(project=project, user=programme_manager, **DELIVERABLE)
    assert "Another deliverable of this project has the code D2.1." in str(refusal.value)
    # Another project may use the same code.
    deliverable_create(project=FundedProjectFactory(), user=programme_manager, **DELIVERABLE)
    assert Deliverable.objects.filter(project=project).count() == 1


def test_only_programme_managers_change_the_plan(project, make_user):
    with pytest.raises(RecordRefused, match="programme managers"):
        deliverable_create(project=project, user=make_user(), **DELIVERABLE)
    with pytest.raises(RecordRefused):
        reporting_period_create(project=project, user=AnonymousUser(), **PERIOD)
    assert not project.deliverables.exists() and not project.reporting_periods.exists()


def test_a_submitted_deliverable_keeps_what_was_submitted_but_its_title(project, programme_manager):
    deliverable = DeliverableFactory(
        project=project, code="D1.1", submitted_date=dt.date(2024, 6, 1)
    )
    fields = {**DELIVERABLE, "code": "D1.1", "due_date": deliverable.due_date, "work_package": 1}
    fields["title"] = "Corrected title"
    assert deliverable_update(deliverable=deliverable, user=programme_manager, **fields).title == (
        "Corrected title"
    )
    with pytest.raises(RecordRefused, match="has been submitted; its due date"):
        deliverable_update(
            deliverable=deliverable,
            user=programme_manager,
            **{**fields, "due_date": dt.date(2026, 1, 1)},
        )
    deliverable.refresh_from_db()
    assert deliverable.due_date == dt.date(2024, 6, 30)


def test_an_accepted_deliverable_is_closed(project, programme_manager):
    deliverable = DeliverableFactory(
        project=project,
        code="D1.1",
        submitted_date=dt.date(2024, 6, 1),
        approved_date=dt.date(2024, 7, 1),
    )
    fields = {**DELIVERABLE, "code": "D1.1", "due_date": deliverable.due_date}
    with pytest.raises(RecordRefused, match="was accepted on 2024-07-01"):
        deliverable_update(deliverable=deliverable, user=programme_manager, **fields)
    deliverable.refresh_from_db()
    assert deliverable.title != DELIVERABLE["title"]


def test_periods_stay_in_the_project_in_order_and_never_overlap(project, programme_manager):
    reporting_period_create(project=project, user=programme_manager, **PERIOD)
    refusals = [
        ({**PERIOD, "number": 2, "start_date": dt.date(2025, 6, 1)}, "overlap reporting period 1"),
        (
            {
                **PERIOD,
                "start_date": dt.date(2025, 7, 1),
                "end_date": dt.date(2026, 1, 1),
                "report_due_date": dt.date(2026, 2, 1),
            },
            "already",
        ),
        (
            {
                **PERIOD,
                "number": 2,
                "start_date": dt.date(2025, 7, 1),
                "end_date": dt.date(2025, 7, 1),
            },
            "The end date must come after the start date.",
        ),
        (
            {
                **PERIOD,
                "number": 2,
                "start_date": dt.date(2025, 7, 1),
                "end_date": dt.date(2026, 1, 1),
                "report_due_date": dt.date(2025, 12, 1),
            },
            "The report falls due after the period ends.",
        ),
        (
            {
                **PERIOD,
                "number": 2,
                "start_date": dt.date(2025, 7, 1),
                "end_date": dt.date(2027, 3, 1),
                "report_due_date": dt.date(2027, 4, 1),
            },
            "cannot end after the project (2026-12-31)",
        ),
        (
            {
                **PERIOD,
                "number": 0,
                "start_date": dt.date(2023, 7, 1),
                "end_date": dt.date(2023, 12, 1),
            },
            "cannot start before the project (2024-01-01)",
        ),
    ]
    for fields, message in refusals:
        with pytest.raises(Exception) as refusal:
            reporting_period_create(project=project, user=programme_manager, **fields)
        assert message in str(refusal.value), fields
    assert project.reporting_periods.count() == 1
    second = reporting_period_create(
        project=project,
        user=programme_manager,
        number=2,
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2026, 12, 31),
        report_due_date=dt.date(2027, 2, 28),
    )
    assert second.number == 2


def test_a_period_reported_on_or_accepted_cannot_change(project, programme_manager):
    period = ReportingPeriodFactory(
        project=project, number=1, report_submitted_date=dt.date(2025, 8, 1)
    )
    moved = {**PERIOD, "end_date": dt.date(2025, 5, 31)}
    with pytest.raises(
        RecordRefused, match="Beneficiaries have reported on period 1; its end date"
    ):
        reporting_period_update(period=period, user=programme_manager, **moved)
    period.report_approved_date = dt.date(2025, 9, 1)
    period.save()
    with pytest.raises(RecordRefused, match="was accepted on 2025-09-01"):
        reporting_period_update(period=period, user=programme_manager, **moved)
    period.refresh_from_db()
    assert period.end_date == dt.date(2025, 6, 30)
    # Saving it unchanged is no rewrite.
    reporting_period_update(period=period, user=programme_manager, **PERIOD)


def test_a_period_not_reported_on_is_corrected(project, programme_manager):
    period = ReportingPeriodFactory(project=project, number=1)
    reporting_period_update(
        period=period, user=programme_manager, **{**PERIOD, "end_date": dt.date(2025, 5, 31)}
    )
    period.refresh_from_db()
    assert period.end_date == dt.date(2025, 5, 31)


# --- the project's screens ---------------------------------------------------------------------


def test_a_manager_adds_a_deliverable_on_the_projects_page(manager_client, project):
    assert (
        "add or correct deliverables" in manager_client.get(url("detail", project)).content.decode()
    )
    response = manager_client.post(url("deliverables", project), as_post(DELIVERABLE))
    assert response.status_code == 302
    assert project.deliverables.get().title == DELIVERABLE["title"]
    page = manager_client.get(url("deliverables", project)).content.decode()
    assert "D2.1" in page and "Saved: D2.1" in page


def test_a_refused_deliverable_keeps_what_was_typed(manager_client, project):
    DeliverableFactory(project=project, code="D2.1")
    response = manager_client.post(
        url("deliverables", project), as_post({**DELIVERABLE, "title": "Typed title kept"})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Another deliverable of this project has the code D2.1." in page
    assert 'value="Typed title kept"' in page
    assert project.deliverables.count() == 1


def test_a_refused_period_edit_says_why_and_keeps_what_was_typed(manager_client, project):
    period = ReportingPeriodFactory(
        project=project,
        number=1,
        report_approved_date=dt.date(2025, 9, 1),
        report_submitted_date=dt.date(2025, 8, 1),
    )
    response = manager_client.post(
        url("period", project, pk=period.pk), as_post({**PERIOD, "end_date": dt.date(2025, 5, 31)})
    )
    page = response.content.decode()
    assert "the period can no longer change" in page
    assert 'value="2025-05-31"' in page
    period.refresh_from_db()
    assert period.end_date == dt.date(2025, 6, 30)


def test_a_manager_corrects_a_period(manager_client, project):
    period = ReportingPeriodFactory(project=project, number=1)
    response = manager_client.post(
        url("period", project, pk=period.pk),
        as_post({**PERIOD, "report_due_date": dt.date(2025, 9, 30)}),
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.report_due_date == dt.date(2025, 9, 30)


def test_another_projects_record_answers_404(manager_client, project):
    other = DeliverableFactory()
    assert manager_client.get(url("deliverable", project, pk=other.pk)).status_code == 404
    period = ReportingPeriodFactory()
    assert (
        manager_client.post(url("period", project, pk=period.pk), as_post(PERIOD)).status_code
        == 404
    )


def test_the_screens_speak_french(manager_client, project):
    with translation.override("fr"):
        page = manager_client.get(url("deliverables", project)).content.decode()
        assert "Ajouter un livrable" in page
        page = manager_client.get(url("periods", project)).content.decode()
        assert "Ajouter une période de rapport" in page
        page = manager_client.get(
            reverse("portfolio:deliverable_list"), {"overdue": "true"}
        ).content.decode()
        assert "En retard" in page
        page = manager_client.get(reverse("portfolio:period_list")).content.decode()
        assert "Périodes de rapport" in page


# --- the portfolio-wide lists ----------------------------------------------------------------


def test_the_deliverable_list_filters_by_status_dates_and_overdue(manager_client):
    late = DeliverableFactory(due_date=dt.date(2020, 1, 31), title="Late one")
    DeliverableFactory(due_date=dt.date(2099, 1, 31), title="Far one")
    DeliverableFactory(
        due_date=dt.date(2020, 1, 31), submitted_date=dt.date(2020, 1, 30), title="Sent one"
    )
    address = reverse("portfolio:deliverable_list")
    page = manager_client.get(address, {"overdue": "true"}).content.decode()
    assert "Late one" in page and "Far one" not in page and "Sent one" not in page
    page = manager_client.get(address, {"overdue": "false"}).content.decode()
    assert "Late one" not in page and "Far one" in page and "Sent one" in page
    page = manager_client.get(address, {"status": "submitted"}).content.decode()
    assert "Sent one" in page and "Late one" not in page
    page = manager_client.get(
        address, {"due_from": "2090-01-01", "due_to": "2100-01-01"}
    ).content.decode()
    assert "Far one" in page and "Late one" not in page
    page = manager_client.get(address, {"q": late.project.acronym}).content.decode()
    assert "Late one" in page and "Far one" not in page
    page = manager_client.get(address, {"o": "-due"}).content.decode()
    assert page.index("Far one") < page.index("Late one")
    assert manager_client.get(address, {"o": "nonsense"}).status_code == 200


def test_the_period_list_filters_late_reports(manager_client):
    ReportingPeriodFactory(
        project=FundedProjectFactory(acronym="LATEP"),
        report_due_date=dt.date(2020, 1, 1),
        end_date=dt.date(2019, 12, 31),
        start_date=dt.date(2019, 1, 1),
    )
    ReportingPeriodFactory(
        project=FundedProjectFactory(acronym="FUTUREP"),
        report_due_date=dt.date(2099, 1, 1),
        end_date=dt.date(2098, 12, 31),
    )
    address = reverse("portfolio:period_list")
    page = manager_client.get(address, {"late": "true"}).content.decode()
    assert "LATEP" in page and "FUTUREP" not in page
    page = manager_client.get(address, {"status": "not_due"}).content.decode()
    assert "FUTUREP" in page and "LATEP" not in page


@pytest.mark.parametrize("name", ["deliverable_list", "period_list"])
def test_the_lists_query_count_does_not_grow(manager_client, name):
    def add(n):
        for _ in range(n):
            project = FundedProjectFactory()
            DeliverableFactory(project=project)
            ReportingPeriodFactory(project=project)

    address = reverse(f"portfolio:{name}")
    add(2)
    few = _count(manager_client, address)
    add(18)
    assert _count(manager_client, address) == few
    assert ReportingPeriod.objects.count() == Deliverable.objects.count() == 20
