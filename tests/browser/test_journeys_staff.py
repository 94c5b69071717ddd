"""Journeys of the staff: (4) the forum secretariat records a progress update and exports
the commitments; (3) a programme manager follows a topic's evaluation, reads the ranking
(and which rule broke a tie), freezes it, publishes the results and selects the top
proposal, each through its confirmation page, and finds the new project in the portfolio
workbook; another filters the portfolio and downloads it. Every evaluation page passes
axe-core."""

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from cooperation.models import Commitment, ProgressUpdate, User
from funding.evaluation.models import TopicEvaluation
from funding.models import FundedProject
from funding.proposals.statuses import ProposalStatus
from tests.browser.helpers import assert_accessible, sign_in
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    submitted,
)

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


@pytest.fixture
def evaluated(demo):
    """A closed topic whose three proposals all have a closed consensus report, results not
    yet published. TIED-A and TIED-B total 12 each: Excellence, the first tie-break
    criterion, puts TIED-B above TIED-A; LOWER totals 9."""
    manager = User.objects.get(email="manager@demo.example.eu")
    topic = evaluation_topic(experts_per_proposal=1)
    scores = {
        "TIED-A": ("4", "4.5", "3.5"),
        "TIED-B": ("4.5", "4", "3.5"),
        "LOWER": ("3", "3", "3"),
    }
    proposals = {acronym: submitted(topic, acronym=acronym) for acronym in scores}
    close(topic)
    for acronym, proposal in proposals.items():
        admit(proposal, manager)
        evaluate(proposal, manager, [expert()], scores[acronym])
    return topic, proposals


def test_a_programme_manager_ranks_publishes_and_funds(page, evaluated, tmp_path):
    topic, proposals = evaluated
    sign_in(page, "manager@demo.example.eu")

    page.goto("/staff/evaluation/")
    expect(page.get_by_role("heading", level=1, name="Evaluation")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=topic.identifier).click()

    # The topic's dashboard: every proposal has its report and a closed consensus.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Evaluation of {topic.identifier}")
    assert_accessible(page)
    table = page.get_by_role("table", name="Proposals", exact=True)
    for proposal in proposals.values():
        row = table.get_by_role("row").filter(has_text=proposal.acronym)
        expect(row.get_by_role("cell").nth(3)).to_have_text("1")  # reports submitted
        expect(row.get_by_role("cell").nth(4)).to_have_text("Closed")
    progress = page.get_by_role("table", name="Progress per expert")
    expect(progress.locator("tbody tr")).to_have_count(3)

    page.get_by_role("navigation", name="Evaluation").get_by_role(
        "link", name="Ranking and lists"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ranking of {topic.identifier}")
    assert_accessible(page)
    ranking = page.get_by_role("table", name=re.compile("in rank order"))
    rows = ranking.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("TIED-B")
    expect(rows.nth(1)).to_contain_text("TIED-A")
    expect(rows.nth(2)).to_contain_text("LOWER")
    # The tie between the first two is broken by Excellence, and the page says so.
    expect(rows.nth(0)).to_contain_text("Tie broken by:")
    expect(rows.nth(0).get_by_role("cell").last).to_contain_text("Excellence")

    # Each step that cannot be undone goes through a page that says so.
    page.get_by_role("link", name="Freeze the ranking and make the lists").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Freeze the ranking of {topic.identifier}?"
    )
    expect(page.get_by_text("This cannot be undone.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, freeze the ranking and make the lists").click()
    expect(page.get_by_role("status")).to_contain_text("The ranking is frozen")
    assert_accessible(page)
    page.get_by_role("link", name="Publish the results to the applicants").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Publish the results of {topic.identifier}?"
    )
    assert_accessible(page)
    assert TopicEvaluation.objects.get(topic=topic).results_published_at is None
    page.get_by_role("button", name="Yes, publish the results").click()
    expect(page.get_by_role("status")).to_contain_text("Results published")
    expect(page.get_by_text(re.compile("^Results published on"))).to_be_visible()
    assert TopicEvaluation.objects.get(topic=topic).results_published_at is not None

    # The top proposal is selected for funding from its evaluation page.
    rows.nth(0).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Funding decision")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Select for funding").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("for funding?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, select for funding").click()
    expect(page.get_by_role("status")).to_contain_text("is in grant preparation")
    top = proposals["TIED-B"]
    top.refresh_from_db()
    assert top.status == ProposalStatus.SELECTED
    project = FundedProject.objects.get(proposal=top)

    # The new project is in the portfolio's workbook.
    page.goto("/staff/portfolio/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export these projects to Excel").click()
    workbook = open_workbook(download.value, tmp_path)
    cells = {str(cell) for row in workbook["Projects"].iter_rows(values_only=True) for cell in row}
    assert project.grant_number in cells
