import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core.languages import localized_path
from funding.models import ExportJob, ExportJobStatus, FundedProject
from funding.portfolio.models.projects import Participant
from funding.portfolio.workbook import write_portfolio_workbook
from tests.funding.factories import ProgrammeFactory
from tests.funding.factories_portfolio import DeliverableFactory, project_with_consortium

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 1, 1)


def build(n, **fields):
    projects = []
    for i in range(n):
        project = project_with_consortium(
            eu_contribution=Decimal("1000000.00") + i,
            total_cost=Decimal("1200000.00") + i,
            **fields,
        )
        DeliverableFactory(project=project, code="D1.1", due_date=dt.date(2024, 6, 1))
        DeliverableFactory(
            project=project,
            code="D1.2",
            due_date=dt.date(2024, 6, 1),
            submitted_date=dt.date(2024, 5, 30),
        )
        projects.append(project)
    return projects


def export(queryset=None):
    output = io.BytesIO()
    queryset = queryset if queryset is not None else FundedProject.objects.for_table(today=TODAY)
    write_portfolio_workbook(queryset, output, today=TODAY)
    output.seek(0)
    return load_workbook(output)


def test_workbook_sheets_headers_types_and_totals():
    build(3)
    workbook = export()
    assert workbook.sheetnames == [
        "Summary",
        "Projects",
        "Participants",
        "Deliverables",
        "Reporting periods",
        "Periodic reports",
        "Payments",
    ]
    projects = workbook["Projects"]
    header = [cell.value for cell in projects[1]]
    assert header[:3] == ["Grant number", "Acronym", "Title"]
    assert projects.freeze_panes == "A2" and projects.auto_filter.ref == "A1:W4"
    row = dict(zip(header, projects[2], strict=True))
    assert isinstance(row["Start date"].value, dt.datetime)
    assert row["Start date"].number_format == "yyyy-mm-dd"
    assert isinstance(row["EU contribution (EUR)"].value, (int, float))
    assert "EUR" in row["EU contribution (EUR)"].number_format
    database = FundedProject.objects.aggregate(eu=Sum("eu_contribution"), cost=Sum("total_cost"))
    summary = workbook["Summary"]
    totals = next(r for r in summary.iter_rows(values_only=True) if r[0] == "All projects")
    assert totals[1] == 3
    assert Decimal(str(totals[2])) == database["eu"]
    assert Decimal(str(totals[3])) == database["cost"]
    exported_eu = sum(Decimal(str(r[11])) for r in projects.iter_rows(min_row=2, values_only=True))
    assert exported_eu == database["eu"]
    participants = workbook["Participants"]
    assert participants.max_row == 1 + Participant.objects.count()
    assert (
        sum(Decimal(str(r[8])) for r in participants.iter_rows(min_row=2, values_only=True))
        == Participant.objects.aggregate(s=Sum("eu_contribution"))["s"]
    )
    assert workbook.properties.title.startswith("Funded portfolio summary")
    assert workbook.properties.created is not None


def test_deliverables_flag_overdue():
    build(1)
    rows = list(export()["Deliverables"].iter_rows(min_row=2, values_only=True))
    assert sorted((r[2], r[-1]) for r in rows) == [("D1.1", "Yes"), ("D1.2", "No")]


def test_summary_has_native_charts():
    build(2)
    summary = export()["Summary"]
    kinds = sorted(type(chart).__name__ for chart in summary._charts)
    assert kinds == ["BarChart", "BarChart", "PieChart"]


def test_empty_selection_gives_headers_and_zero_totals():
    build(2)
    workbook = export(FundedProject.objects.for_table(today=TODAY).filter(acronym="nothing"))
    assert workbook["Projects"].max_row == 1
    assert [c.value for c in workbook["Deliverables"][1]][:3] == ["Grant number", "Acronym", "Code"]
    totals = next(
        r for r in workbook["Summary"].iter_rows(values_only=True) if r[0] == "All projects"
    )
    assert totals[1:4] == (0, 0, 0)


def test_export_queries_do_not_grow_with_rows():
    build(3)
    with CaptureQueriesContext(connection) as small:
        export()
    build(30)
    with CaptureQueriesContext(connection) as large:
        export()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_staff_export_carries_the_list_filters(client, programme_manager):
    build(2)
    isf = build(1, programme=ProgrammeFactory(code="ISFP", name="ISF-Police"))[0]
    client.force_login(programme_manager)
    response = client.get(reverse("portfolio:export"), {"programme": isf.programme_id})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook["Projects"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [isf.grant_number]
    assert "ISF-Police" in workbook["Summary"]["B2"].value


def test_large_exports_run_in_the_background(client, programme_manager, applicant, settings):
    settings.PORTFOLIO_EXPORT_ASYNC_ROWS = 2
    build(3)
    client.force_login(programme_manager)
    response = client.get(reverse("portfolio:export"))
    job = ExportJob.objects.get()
    assert response.url == reverse("portfolio:export_job", args=[job.pk])
    assert job.status == ExportJobStatus.DONE and job.progress == 100 and job.row_count == 3
    page = client.get(response.url)
    assert page.context["download_url"] == reverse("portfolio:export_download", args=[job.pk])
    download = client.get(page.context["download_url"])
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook["Projects"].max_row == 4
    assert str(settings.PRIVATE_MEDIA_ROOT) in job.file.path
    client.force_login(applicant)  # neither the requester nor a manager
    assert client.get(page.context["download_url"]).status_code == 404
    client.logout()
    assert client.get(page.context["download_url"]).status_code == 302


def test_an_export_being_written_offers_a_refresh_link_and_never_refreshes_by_itself(
    client, programme_manager
):
    """WCAG 2.2.1 (axe-core's meta-refresh rule): a page that reloads itself on a timer
    takes the reader's place away; the manager refreshes when they choose."""
    job = ExportJob.objects.create(requested_by=programme_manager, row_count=3)
    client.force_login(programme_manager)
    url = reverse("portfolio:export_job", args=[job.pk])
    for language in ("en", "fr"):
        with translation.override(language):
            body = client.get(localized_path(url, language)).content.decode()
        assert 'http-equiv="refresh"' not in body
        assert f'href="{localized_path(url, language)}"' in body
    assert "Actualiser maintenant" in body


def test_no_page_refreshes_itself_on_a_timer():
    templates = Path(settings.BASE_DIR, "templates").rglob("*.html")
    assert not [t for t in templates if 'http-equiv="refresh"' in t.read_text()]


def test_management_command_applies_the_same_filters(tmp_path):
    build(2)
    isf = build(1, programme=ProgrammeFactory(code="ISFP", name="ISF-Police"))[0]
    output = tmp_path / "portfolio.xlsx"
    call_command("export_portfolio", str(output), "--programme", "ISFP", stdout=io.StringIO())
    rows = list(load_workbook(output)["Projects"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [isf.grant_number]
