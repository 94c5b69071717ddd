"""The export benchmark's bare openpyxl baseline writes the cells the export wrote: the same
values with the same number formats, fonts and fills, so that the CPU ratio compares like
with like (issue 19: "bare openpyxl writing the same cells")."""

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill

from benchmarks.export_worker import baseline
from core.sheets import Column, Kind, Row, add_sheet, new_workbook, save_workbook

RED = Font(bold=True, color="9C0006")
COLUMNS = [
    Column("Grant", 14),
    Column("Amount", 18, Kind.MONEY, '#,##0.00 "EUR"'),
    Column("Due", 12, Kind.DATE),
    Column("Rate", 10, Kind.PERCENT),
    Column("Count", 8, Kind.INTEGER),
]
ROWS = [
    ["101", Decimal("1500.25"), dt.date(2025, 3, 1), Decimal("75.5"), 3],
    Row(["102", Decimal("-2.50"), dt.date(2024, 6, 1), None, 0], font=RED),
    ["103", None, None, Decimal("100"), 7],
]


def _export(path):
    workbook = new_workbook()
    add_sheet(workbook, "Data", COLUMNS, ROWS, header_fill=PatternFill("solid", fgColor="DCE6F2"))
    with path.open("wb") as output:
        save_workbook(workbook, output)


def _cells(path):
    """What a reader sees of each cell that holds a value or a style of its own."""
    sheet = load_workbook(path)["Data"]
    return {
        cell.coordinate: (
            cell.value,
            cell.number_format,
            bool(cell.font.b),
            cell.font.color.rgb if cell.font.color is not None else None,
            cell.fill.fgColor.rgb,
        )
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None or cell.has_style
    }


def test_the_baseline_writes_the_exports_values_number_formats_fonts_and_fills(tmp_path):
    source, copy = tmp_path / "export.xlsx", tmp_path / "baseline.xlsx"
    _export(source)
    expected = _cells(source)
    assert expected["B2"][1] == '#,##0.00 "EUR"' and expected["A3"][2:4] == (True, "009C0006")
    for formats in ("named", "formats"):
        result = baseline(str(source), str(copy), formats)
        assert result["rows"] == 1 + len(ROWS)
        assert _cells(copy) == expected, formats


def test_the_values_only_baseline_drops_the_euro_format_and_the_fonts(tmp_path):
    """What the benchmark compared with before: the values alone (for information now)."""
    source, copy = tmp_path / "export.xlsx", tmp_path / "values.xlsx"
    _export(source)
    baseline(str(source), str(copy), "values")
    cells = _cells(copy)
    assert cells["B2"][:2] == (1500.25, "General")
    assert cells["A3"][2] is False
    assert cells["C2"][0] == dt.datetime(2025, 3, 1)  # dates keep openpyxl's own format
