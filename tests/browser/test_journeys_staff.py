"""Journeys of the staff: (4) the forum secretariat records a progress update and exports
the commitments; (3, first part) a programme manager filters the portfolio and downloads
its workbook. Scoring and ranking steps join journey (3) with the evaluation pages."""

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from cooperation.models import Commitment, ProgressUpdate
from funding.models import FundedProject
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.browser


def open_workbook(download, tmp_path):
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.suffix == ".xlsx"
    return openpyxl.load_workbook(path, read_only=True)


def test_the_secretariat_records_progress_and_exports_commitments(page, demo, tmp_path):
    sign_in(page, "secretariat@demo.example.eu")
    page.goto("/forum/")
    page.get_by_role("navigation").get_by_role("link", name="Commitments").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    commitment = Commitment.objects.order_by("pk").first()
    before = ProgressUpdate.objects.filter(commitment=commitment).count()

    page.goto(f"/forum/commitments/{commitment.pk}/")
    page.get_by_label("Completion level").select_option("substantial")
    page.get_by_label("Early results").select_option("major")
    page.get_by_label("Narrative").fill("Two hotlines now share hashes every day.")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert ProgressUpdate.objects.filter(commitment=commitment).count() == before + 1
    expect(page.get_by_text("Two hotlines now share hashes every day.")).to_be_visible()

    page.goto("/forum/commitments/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export these commitments to Excel").click()
    workbook = open_workbook(download.value, tmp_path)
    cells = [
        str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    ]
    assert commitment.title in cells


def test_a_programme_manager_filters_the_portfolio_and_downloads_it(page, demo, tmp_path):
    sign_in(page, "manager@demo.example.eu")
    page.goto("/staff/portfolio/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_label("Status").select_option("ongoing")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"status=ongoing"))
    shown = page.locator("table tbody tr").count()
    assert shown >= 1

    with page.expect_download() as download:
        page.get_by_role("link", name="Export these projects to Excel").click()
    workbook = open_workbook(download.value, tmp_path)
    cells = {str(cell) for row in workbook["Projects"].iter_rows(values_only=True) for cell in row}
    ongoing = set(
        FundedProject.objects.filter(status="ongoing").values_list("grant_number", flat=True)
    )
    others = set(
        FundedProject.objects.exclude(status="ongoing").values_list("grant_number", flat=True)
    )
    assert ongoing and ongoing <= cells
    assert not others & cells
