"""Journey (6): a beneficiary (the demo applicant, Politie Nederland, in ORBIT-AEGIS6)
looks at the project's amendments (read-only: it is not the coordinator), uploads a
deliverable and submits a financial statement; the programme manager requests a
change to the report, the beneficiary reads why and resubmits, the manager accepts both;
the project's health and the portfolio workbook show it. Every page passes axe-core."""

import re

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from funding.models import FundedProject
from funding.reporting.models import DeliverableSubmission, PeriodicReport, ReviewStatus
from tests.browser.helpers import assert_accessible, sign_in, small_pdf

pytestmark = pytest.mark.browser

PROJECT = "ORBIT-AEGIS6"
REASON = "Travel costs need the mission reports; add them to the technical part."


def health_line(page, grant_number):
    page.goto(f"/staff/portfolio/{grant_number}/")
    return page.get_by_role("definition").filter(has_text="overdue deliverable").inner_text()


def test_a_beneficiary_reports_and_the_manager_reviews(page, context, demo, tmp_path):
    project = FundedProject.objects.get(acronym=PROJECT)
    pdf = tmp_path / "deliverable.pdf"
    pdf.write_bytes(small_pdf())
    deliverable = (
        project.deliverables.filter(submitted_date__isnull=True, due_date__lt=timezone.localdate())
        .order_by("due_date")
        .first()
    )

    sign_in(page, "manager@demo.example.eu")
    before = health_line(page, project.grant_number)
    context.clear_cookies()

    sign_in(page, "applicant@demo.example.eu")
    page.goto("/applicant/")
    page.get_by_role("link", name="Your funded projects").click()
    assert_accessible(page)
    page.get_by_role("link", name=PROJECT).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PROJECT)
    assert_accessible(page)
    # Politie NL is a beneficiary, not the coordinator: its amendments page is read-only.
    page.get_by_role("link", name="The project's amendments and their outcome").click()
    expect(
        page.get_by_text("Amendments are requested by the project's coordinator")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Send the request")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name=PROJECT).click()
    page.get_by_role("link", name=f"Submit {deliverable.code}").click()
    assert_accessible(page)
    page.get_by_label("Deliverable file").set_input_files(str(pdf))
    page.get_by_label("Note to the programme manager").fill("Our pilot results.")
    page.get_by_role("button", name="Submit the deliverable").click()
    expect(page.get_by_role("status")).to_contain_text(f"Version 1 of {deliverable.code}")

    period = project.reporting_periods.filter(report_approved_date__isnull=True).first()
    page.get_by_role("link", name=f"Submit the report for period {period.number}").click()
    assert_accessible(page)
    page.get_by_label("Technical part").set_input_files(str(pdf))
    page.get_by_label("Personnel costs (EUR)").fill("12500.00")
    page.get_by_label(re.compile("^Purchase costs")).fill("1830.45")
    page.get_by_label("Indirect costs (EUR)").fill("3582.61")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("status")).to_contain_text("Version 1 of your report")
    context.clear_cookies()

    sign_in(page, "manager@demo.example.eu")
    page.goto("/staff/portfolio/reviews/reports/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(f"^Period {period.number}, Politie NL")).click()
    assert_accessible(page)
    page.get_by_label("Request changes").check()
    page.get_by_label("Reason").fill(REASON)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("Changes requested")
    page.goto("/staff/portfolio/reviews/deliverables/")
    page.get_by_role("link", name=re.compile(f"^{re.escape(deliverable.code)} ")).click()
    page.get_by_label("Accept").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("Accepted")
    context.clear_cookies()

    sign_in(page, "applicant@demo.example.eu")
    page.goto(f"/applicant/projects/{project.grant_number}/")
    expect(page.get_by_text(REASON)).to_be_visible()
    page.get_by_role("link", name=f"Submit the report for period {period.number}").click()
    # The resubmission starts from the figures of the version sent back.
    expect(page.get_by_label("Personnel costs (EUR)")).to_have_value("12500.00")
    page.get_by_label("Technical part").set_input_files(str(pdf))
    page.get_by_label("Note to the programme manager").fill("Mission reports added.")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 of your report")
    context.clear_cookies()

    sign_in(page, "manager@demo.example.eu")
    page.goto("/staff/portfolio/reviews/reports/")
    page.get_by_role("link", name=re.compile(f"^Period {period.number}, Politie NL")).click()
    page.get_by_label("Accept").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("Accepted")

    report = PeriodicReport.objects.get(period=period, version=2)
    assert report.status == ReviewStatus.ACCEPTED and str(report.total) == "17913.06"
    assert DeliverableSubmission.objects.get(deliverable=deliverable).status == "accepted"
    after = health_line(page, project.grant_number)
    assert after != before  # one overdue deliverable fewer

    page.goto(f"/staff/portfolio/?q={project.grant_number}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export these projects to Excel").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = list(workbook["Periodic reports"].iter_rows(min_row=2, values_only=True))
    versions = [(r[4], r[6]) for r in rows if r[2] == period.number and "Politie" in r[3]]
    assert versions == [(1, "Changes requested"), (2, "Accepted")]
    (project_row,) = list(workbook["Projects"].iter_rows(min_row=2, values_only=True))
    header = [c.value for c in next(workbook["Projects"].iter_rows(max_row=1))]
    assert project_row[header.index("Accepted costs (EUR)")] == pytest.approx(17913.06)
    assert project_row[header.index("Overdue deliverables")] == int(
        re.search(r"(\d+) overdue deliverable", after).group(1)
    )
