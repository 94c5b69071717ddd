"""No formulas from users, in any export. Text a user typed that starts with =, +, -, @, a
tab or a carriage return is stored in every workbook as text (never a formula, never an
error value) and, in every CSV, behind a single quote, so a spreadsheet shows it and runs
nothing. Numbers, dates and money stay numbers.

Every export is built from hostile records and read back: the portfolio workbook, the
ranking (XLSX and CSV), the call statistics, the commitments, the MNR matrix, the
360Giving CSV and the stakeholder import template."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cooperation.forum.exports import export_commitments, export_mnr_matrix
from cooperation.forum.imports import stakeholder_import_template
from cooperation.models import Commitment, MNRAssessment
from funding.evaluation.exports import (
    write_ranking_csv,
    write_ranking_xlsx,
    write_statistics_xlsx,
)
from funding.evaluation.ranking.loading import topic_ranking
from funding.models import FundedProject
from funding.portfolio.giving360 import write_grants_csv
from funding.portfolio.workbook import write_portfolio_workbook
from tests.cooperation.factories import OrganisationFactory
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    ContactPersonFactory,
    MilestoneFactory,
    MNRAssessmentFactory,
    ProgressUpdateFactory,
    StakeholderFactory,
)
from tests.funding.factories import CallFactory, ProgrammeFactory
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    submitted,
)
from tests.funding.factories_portfolio import (
    DeliverableFactory,
    FundedProjectFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 1, 1)

HYPERLINK = '=HYPERLINK("http://evil.example","x")'
HOSTILE = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
# A proposal's acronym holds at most 30 characters.
SHORT_HYPERLINK = '=HYPERLINK("http://e.eu","x")'
SHORT = [SHORT_HYPERLINK, *HOSTILE[1:]]
# What makes a spreadsheet read a CSV field as a formula (OWASP, CSV injection).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def as_read(text: str) -> str:
    """What a workbook gives back for `text`: XML turns a carriage return into a line feed
    (XML 1.0, end-of-line handling), whatever the cell's type."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def workbook_cells(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from (cell for cell in row if cell.value is not None)


def assert_text_only(content: bytes, typed: list[str]) -> list:
    """No cell of the workbook is a formula or an error value, and each `typed` text is a
    cell of its own, as text, exactly."""
    cells = list(workbook_cells(content))
    formulas = [(cell.coordinate, cell.value) for cell in cells if cell.data_type in ("f", "e")]
    assert formulas == []
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    for text in typed:
        assert as_read(text) in texts, text
    return cells


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def assert_neutralised(text: str, typed: list[str]) -> list[list[str]]:
    """No field starts with a formula character, and each `typed` text is a field of its
    own behind a single quote."""
    rows = csv_rows(text)
    fields = [field for row in rows for field in row]
    assert [field for field in fields if field.startswith(TRIGGERS)] == []
    for value in typed:
        assert "'" + value in fields, value
    return rows


# -- Funding ---------------------------------------------------------------------------------


def hostile_projects():
    programme = ProgrammeFactory(name="@Programme")
    projects = []
    for index, text in enumerate(HOSTILE):
        project = FundedProjectFactory(
            acronym=text, title=text, objective=text, programme=programme
        )
        coordinator = OrganisationFactory(legal_name=text, short_name=text, pic="")
        ParticipantFactory(project=project, organisation=coordinator, role="coordinator")
        DeliverableFactory(project=project, code=f"D{index}", title=text)
        projects.append(project)
    return projects


def test_the_portfolio_workbook_stores_hostile_text_as_text():
    hostile_projects()
    output = io.BytesIO()
    write_portfolio_workbook(
        FundedProject.objects.for_table(today=TODAY),
        output,
        today=TODAY,
        filters_text="=1+1",
    )
    cells = assert_text_only(output.getvalue(), [*HOSTILE, "@Programme", "=1+1"])
    by_sheet = {}
    for cell in cells:
        by_sheet.setdefault(cell.parent.title, []).append(cell)
    for sheet in ("Projects", "Participants", "Deliverables"):
        assert {as_read(t) for t in HOSTILE} <= {c.value for c in by_sheet[sheet]}, sheet
    # Money stays a number with its format; the Summary's figures are numbers.
    money = [c for c in by_sheet["Projects"] if c.number_format == '#,##0.00 "EUR"']
    assert money and all(c.data_type == "n" for c in money)
    assert any(c.data_type == "n" and c.value == 6 for c in by_sheet["Summary"])


def hostile_ranking():
    boss = manager()
    topic = evaluation_topic(
        experts_per_proposal=2, budget=Decimal("100000000"), max_grant=None, title="-Topic"
    )
    proposals = [submitted(topic, acronym=text, title=HYPERLINK) for text in SHORT]
    close(topic)
    experts = [expert(), expert()]
    for proposal in proposals:
        admit(proposal, boss)
        evaluate(proposal, boss, experts, ["4", "4", "4"])
    return topic


def test_the_ranking_xlsx_and_csv_keep_hostile_acronyms_inert():
    topic = hostile_ranking()
    criteria, ranked = topic_ranking(topic)
    output = io.BytesIO()
    write_ranking_xlsx(output, topic, criteria, ranked)
    cells = assert_text_only(output.getvalue(), [*SHORT, "-Topic"])
    assert [c.value for c in cells if c.column == 1 and c.data_type == "n"] == [1, 2, 3, 4, 5, 6]
    stream = io.StringIO()
    write_ranking_csv(stream, criteria, ranked)
    rows = assert_neutralised(stream.getvalue(), SHORT)
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert {Decimal(row[-5]) for row in rows[1:]} == {Decimal(12)}  # totals are numbers


def test_the_call_statistics_keep_a_hostile_call_title_inert():
    for text in HOSTILE:
        CallFactory(title=text)
    output = io.BytesIO()
    write_statistics_xlsx(output)
    cells = assert_text_only(output.getvalue(), HOSTILE)
    assert {c.value for c in cells if c.column == 3 and c.row > 1} == {0}


def test_the_360giving_csv_neutralises_hostile_text():
    hostile_projects()
    stream = io.StringIO()
    write_grants_csv(stream)
    rows = assert_neutralised(stream.getvalue(), HOSTILE)
    header = rows[0]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert {r["Recipient Org:Name"] for r in records} == {"'" + t for t in HOSTILE}
    assert {r["Description"] for r in records} == {"'" + t for t in HOSTILE}
    assert {r["Amount Awarded"] for r in records} == {"2000000.00"}


# -- Cooperation -----------------------------------------------------------------------------


def test_the_commitment_export_keeps_hostile_titles_and_narratives_inert():
    for text in HOSTILE:
        contact = ContactPersonFactory(name=text, role=text)
        commitment = CommitmentFactory(owner=contact.stakeholder, title=text, due_date=TODAY)
        MilestoneFactory(commitment=commitment, title=text, due_date=TODAY)
        ProgressUpdateFactory(commitment=commitment, narrative=text)
    content = export_commitments(Commitment.objects.all(), today=TODAY, include_contacts=True)
    cells = assert_text_only(content, HOSTILE)
    sheets = {}
    for cell in cells:
        sheets.setdefault(cell.parent.title, set()).add(cell.value)
    typed = {as_read(text) for text in HOSTILE}
    assert typed <= sheets["Commitments"]  # titles and latest narratives
    assert typed <= sheets["Milestones"]
    assert typed <= sheets["Contacts"]
    ids = [c for c in cells if c.parent.title == "Commitments" and c.column == 1 and c.row > 1]
    assert ids and all(c.data_type == "n" for c in ids)


def test_the_mnr_export_keeps_hostile_evidence_inert():
    for capability, text in enumerate(HOSTILE, start=1):
        MNRAssessmentFactory(capability=capability, evidence=text)
    assert_text_only(export_mnr_matrix(MNRAssessment.objects.all()), HOSTILE)


def test_the_stakeholder_import_template_echoes_no_data_and_holds_no_formula():
    StakeholderFactory(organisation=OrganisationFactory(legal_name=HYPERLINK))
    cells = assert_text_only(stakeholder_import_template(), [])
    assert HYPERLINK not in {cell.value for cell in cells}
