import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill

from core.brussels import BRUSSELS
from core.sheets import (
    HEADER_FONT,
    Column,
    Formula,
    Kind,
    Row,
    SheetWriter,
    add_sheet,
    new_workbook,
    save_workbook,
    workbook_bytes,
    write_csv,
)

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "#N/A"]

UTC = dt.UTC
COLUMNS = [
    Column("Name", 30),
    Column("Amount", 18, Kind.MONEY),
    Column("Due", 12, Kind.DATE),
    Column("Stamped", 20, Kind.DATETIME),
    Column("Rate", 10, Kind.PERCENT),
    Column("Count", 8, Kind.INTEGER),
]


def read(build):
    """Build a write-only workbook with `build(workbook)` and read it back."""
    workbook = new_workbook()
    build(workbook)
    return load_workbook(io.BytesIO(workbook_bytes(workbook)))


def one_sheet(columns, rows, **options):
    return read(lambda workbook: add_sheet(workbook, "Data", columns, rows, **options))["Data"]


def test_header_is_bold_frozen_filtered_and_sized():
    sheet = one_sheet(COLUMNS, [["a", Decimal("1"), None, None, None, 1]] * 3)
    assert [cell.value for cell in sheet[1]] == [c.header for c in COLUMNS]
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F4"
    assert sheet.column_dimensions["A"].width == 30
    assert sheet.column_dimensions["D"].width == 20
    assert sheet.column_dimensions["F"].width == 8


def test_header_fill_and_lines_above_the_header():
    fill = PatternFill("solid", fgColor="DCE6F2")
    sheet = one_sheet(
        COLUMNS[:2], [["x", Decimal("2")]], above=[["Topic T-1", "A title"]], header_fill=fill
    )
    assert sheet["A1"].value == "Topic T-1" and not sheet["A1"].font.b
    assert sheet["A2"].value == "Name" and sheet["A2"].font.b
    assert sheet["B2"].fill.fgColor.rgb.endswith("DCE6F2")
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:B3"


def test_empty_sheet_and_no_filter():
    assert one_sheet(COLUMNS, []).auto_filter.ref == "A1:F1"
    assert one_sheet(COLUMNS, [["a"]], auto_filter=False).auto_filter.ref is None


def test_number_formats_by_kind():
    sheet = one_sheet(
        COLUMNS,
        [
            [
                "Grant",
                Decimal("1234.5"),
                dt.date(2025, 3, 1),
                dt.datetime(2025, 3, 1, 9, 0, tzinfo=UTC),
                Decimal("75.5"),
                3,
            ]
        ],
    )
    name, amount, due, stamped, rate, count = sheet[2]
    assert amount.value == 1234.5 and amount.number_format == "#,##0.00"
    assert due.value == dt.datetime(2025, 3, 1) and due.number_format == "yyyy-mm-dd"
    assert stamped.number_format == "yyyy-mm-dd hh:mm:ss"
    assert rate.value == 75.5 and rate.number_format == '0.00"%"'
    assert count.value == 3 and count.number_format == "General"
    assert name.number_format == "General"


def test_money_is_rounded_to_the_cent_and_a_column_may_name_its_format():
    columns = [Column("EU contribution", 18, Kind.MONEY, '#,##0.00 "EUR"')]
    sheet = one_sheet(columns, [[Decimal("1.005")], [Decimal("2.994")], ["a label"], [None]])
    assert [sheet.cell(row=r, column=1).value for r in (2, 3)] == [1.01, 2.99]
    assert sheet["A2"].number_format == '#,##0.00 "EUR"'
    assert sheet["A4"].value == "a label" and sheet["A4"].number_format == "General"
    assert sheet["A5"].value is None


def test_aware_datetimes_are_shown_on_the_brussels_clock_across_dst_changes():
    instants = [
        dt.datetime(2025, 3, 30, 0, 30, tzinfo=UTC),  # 01:30 CET, before the spring change
        dt.datetime(2025, 3, 30, 1, 30, tzinfo=UTC),  # 03:30 CEST, after it
        dt.datetime(2025, 10, 26, 0, 30, tzinfo=UTC),  # 02:30 CEST, before the autumn change
        dt.datetime(2025, 10, 26, 1, 30, tzinfo=UTC),  # 02:30 CET again, an hour later
        dt.datetime(2025, 6, 1, 17, 0, tzinfo=BRUSSELS),  # already in Brussels time
    ]
    columns = [Column("Stamped", 20, Kind.DATETIME), Column("Day", 12, Kind.DATE)]
    sheet = one_sheet(columns, [[instant, instant] for instant in instants])
    shown = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [stamped for stamped, _day in shown] == [
        dt.datetime(2025, 3, 30, 1, 30),
        dt.datetime(2025, 3, 30, 3, 30),
        dt.datetime(2025, 10, 26, 2, 30),
        dt.datetime(2025, 10, 26, 2, 30),
        dt.datetime(2025, 6, 1, 17, 0),
    ]
    assert [day.date() for _stamped, day in shown] == [
        dt.date(2025, 3, 30),
        dt.date(2025, 3, 30),
        dt.date(2025, 10, 26),
        dt.date(2025, 10, 26),
        dt.date(2025, 6, 1),
    ]
    late = one_sheet(columns, [[None, dt.datetime(2025, 3, 30, 22, 30, tzinfo=UTC)]])
    assert late["B2"].value == dt.datetime(2025, 3, 31)  # 00:30 in Brussels, the next day
    assert late["B2"].number_format == "yyyy-mm-dd"


def test_rows_are_written_one_at_a_time_from_a_generator():
    """Each row is written before the next is asked for: a row changed after it was
    handed over stays in the file as it was."""
    asked = []

    def rows():
        for number in range(1, 2001):
            row = [f"row {number}", Decimal(number)]
            asked.append(number)
            yield row
            row[0] = "changed after it was written"

    workbook = new_workbook()
    count = add_sheet(workbook, "Data", COLUMNS[:2], rows())
    content = load_workbook(io.BytesIO(workbook_bytes(workbook)))["Data"]
    assert count == 2000 and asked == list(range(1, 2001))
    names = [name for name, _amount in content.iter_rows(min_row=2, values_only=True)]
    assert names == [f"row {number}" for number in range(1, 2001)]


def test_a_row_with_a_font_styles_all_its_cells():
    red = Font(bold=True, color="9C0006")
    sheet = one_sheet(COLUMNS[:3], [Row(["late", None, dt.date(2024, 6, 1)], font=red), ["ok"]])
    assert all(cell.font.color.rgb.endswith("9C0006") for cell in sheet[2])
    assert sheet["C2"].number_format == "yyyy-mm-dd"
    assert not sheet["A3"].font.b  # the next row is plain


def test_lazy_translations_are_text_and_long_titles_are_cut():
    workbook = read(
        lambda wb: add_sheet(
            wb, "A sheet title longer than Excel allows", COLUMNS[:1], [[gettext_lazy("Yes")]]
        )
    )
    assert workbook.sheetnames == ["A sheet title longer than Excel"]
    assert workbook.worksheets[0]["A2"].value == "Yes"


def test_more_values_than_columns_is_refused():
    workbook = new_workbook()
    with pytest.raises(ValueError, match="3 values for 2 columns"):
        add_sheet(workbook, "Data", COLUMNS[:2], [["a", Decimal(1), "extra"]])
    save_workbook(workbook, io.BytesIO())  # the sheet written so far is closed


def test_sheet_writer_rows_and_save_to_a_file(tmp_path):
    workbook = new_workbook()
    sheet = SheetWriter(workbook, "Summary", [Column("", 20), Column("", 12, Kind.MONEY)])
    assert sheet.append(["Title"], font=Font(bold=True, size=14)) == 1
    assert sheet.append([]) == 2
    assert sheet.append(["Total", Decimal("10")]) == 3
    path = tmp_path / "summary.xlsx"
    with path.open("wb") as output:
        save_workbook(workbook, output)
    summary = load_workbook(path)["Summary"]
    assert summary["A1"].font.sz == 14 and summary.freeze_panes is None
    assert summary["B3"].value == 10 and summary["B3"].number_format == "#,##0.00"


def test_csv_header_rows_and_empty_values():
    output = io.StringIO()
    rows = (row for row in [[1, "a, b", None], [2, Decimal("3.50"), ""]])
    count = write_csv(output, [Column("Rank"), "Label", Column(gettext_lazy("No"))], rows)
    assert count == 2
    assert output.getvalue() == 'Rank,Label,No\r\n1,"a, b",\r\n2,3.50,\r\n'


# -- No formulas from users ------------------------------------------------------------------


def test_text_is_stored_as_text_in_every_kind_of_column_the_header_and_styled_rows():
    """openpyxl reads a str starting with "=" as a formula and "#N/A" as an error: the
    writer gives every text the string type, whatever the column and the row's font."""
    columns = [Column(text, kind=kind) for text, kind in zip(HOSTILE, Kind, strict=False)]
    rows = [HOSTILE, Row(HOSTILE, font=Font(bold=True)), [gettext_lazy(HOSTILE[0])]]
    sheet = one_sheet(columns, rows, above=[HOSTILE])
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert len(cells) == 4 * len(HOSTILE) + 1
    assert {cell.data_type for cell in cells} == {"s"}
    for row in (1, 2, 3, 4):
        assert [cell.value for cell in sheet[row]] == HOSTILE
    assert sheet["A5"].value == HOSTILE[0]
    assert sheet["A2"].font.b and sheet["A4"].font.b  # the header and the styled row


def test_numbers_dates_and_money_stay_numbers_and_dashes_stay_text():
    columns = [
        Column("Amount", kind=Kind.MONEY),
        Column("Count", kind=Kind.INTEGER),
        Column("Due", kind=Kind.DATE),
        Column("Label"),
        Column("Other"),
    ]
    sheet = one_sheet(columns, [[Decimal("-1500.25"), -3, dt.date(2025, 1, 2), "-", "—"]])
    amount, count, due, dash, em_dash = sheet[2]
    assert (amount.value, amount.data_type, amount.number_format) == (-1500.25, "n", "#,##0.00")
    assert (count.value, count.data_type) == (-3, "n")
    assert due.value == dt.datetime(2025, 1, 2) and due.is_date
    assert (dash.value, dash.data_type) == ("-", "s")
    assert (em_dash.value, em_dash.data_type) == ("—", "s")


def test_a_formula_is_written_only_when_asked_for():
    sheet = one_sheet(
        [Column("Amount", kind=Kind.MONEY), Column("Total")],
        [[Decimal("1"), "=A2*2"], [Decimal("2"), Formula("=SUM(A2:A3)")]],
    )
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("=A2*2", "s")
    assert (sheet["B3"].value, sheet["B3"].data_type) == ("=SUM(A2:A3)", "f")
    with pytest.raises(ValueError, match="starts with '='"):
        Formula("SUM(A1)")


def test_csv_neutralises_text_that_a_spreadsheet_would_run_and_keeps_numbers():
    output = io.StringIO()
    hostile = [*HOSTILE[:-1], "\r=1"]
    write_csv(
        output,
        ["=Header", "Plain"],
        [hostile, [Decimal("-5.00"), -2, dt.date(2025, 1, 2), "-", "—", gettext_lazy("@x")]],
    )
    rows = list(csv.reader(io.StringIO(output.getvalue())))
    assert rows[0] == ["'=Header", "Plain"]
    assert rows[1] == ["'" + text for text in hostile]
    assert rows[2] == ["-5.00", "-2", "2025-01-02", "'-", "—", "'@x"]


def test_control_characters_typed_by_a_user_are_dropped_not_fatal():
    """XML 1.0 cannot hold most control characters: openpyxl refuses them, which would turn
    one pasted title into a failed export. The writer drops them and keeps the rest."""
    typed = "Victim\x01 identification\x08 \x1fplatform\ttab\nline"
    sheet = one_sheet([Column("Title")], [[typed], [f"={typed}"]], above=[[typed]])
    assert sheet["A1"].value == "Victim identification platform\ttab\nline"
    assert sheet["A3"].value == "Victim identification platform\ttab\nline"
    assert sheet["A4"].value == "=Victim identification platform\ttab\nline"
    assert sheet["A4"].data_type == "s"


# -- How cells are written (made once per column and style, given each row's value) ----------


def test_each_cell_keeps_its_own_value_type_and_number_format_row_after_row():
    """A styled cell is made once per column and style and given each row's value: every
    row still shows its own values, with the format and font of its column and row."""
    red = Font(bold=True, color="9C0006")
    columns = [
        Column("Name", 20),
        Column("Paid", 14, Kind.MONEY, '#,##0.00 "EUR"'),
        Column("Due", 12, Kind.MONEY, '#,##0.00 "EUR"'),
        Column("On", 12, Kind.DATE),
        Column("Rate", 10, Kind.PERCENT),
        Column("Count", 8, Kind.INTEGER),
    ]
    rows = [
        Row(["=late", Decimal("1.005"), Decimal("2"), dt.date(2024, 6, 1), None, 4], font=red),
        Row(["late 2", "n/a", Decimal("-3.10"), dt.date(2024, 7, 2), Decimal("50"), 5], font=red),
        ["on time", Decimal("10"), Decimal("20.5"), dt.date(2025, 1, 3), Decimal("75.25"), 6],
        ["#N/A", None, Decimal("0"), None, 12, None],
    ]
    sheet = one_sheet(columns, rows)
    shown = [
        [(c.value, c.data_type, c.number_format, bool(c.font.b)) for c in sheet[row]]
        for row in (2, 3, 4, 5)
    ]
    eur, day, pct = '#,##0.00 "EUR"', "yyyy-mm-dd", '0.00"%"'
    assert shown == [
        [
            ("=late", "s", "General", True),
            (1.01, "n", eur, True),
            (2, "n", eur, True),
            (dt.datetime(2024, 6, 1), "d", day, True),
            (None, "n", "General", True),
            (4, "n", "General", True),
        ],
        [
            ("late 2", "s", "General", True),
            ("n/a", "s", "General", True),
            (-3.1, "n", eur, True),
            (dt.datetime(2024, 7, 2), "d", day, True),
            (50, "n", pct, True),
            (5, "n", "General", True),
        ],
        [
            ("on time", "s", "General", False),
            (10, "n", eur, False),
            (20.5, "n", eur, False),
            (dt.datetime(2025, 1, 3), "d", day, False),
            (75.25, "n", pct, False),
            (6, "n", "General", False),
        ],
        [
            ("#N/A", "s", "General", False),
            (None, "n", "General", False),
            (0, "n", eur, False),
            (None, "n", "General", False),
            (12, "n", pct, False),
            (None, "n", "General", False),
        ],
    ]
    assert sheet["A2"].font.color.rgb.endswith("9C0006")


def test_headers_keep_their_fill_and_a_bold_row_below_does_not_take_it():
    fill = PatternFill("solid", fgColor="DCE6F2")
    workbook = new_workbook()
    sheet = SheetWriter(workbook, "Data", COLUMNS[:2], freeze="A2")
    sheet.append_header(fill=fill)
    sheet.append(["Total", Decimal("3")], font=HEADER_FONT)
    content = load_workbook(io.BytesIO(workbook_bytes(workbook)))["Data"]
    assert [c.fill.fgColor.rgb[-6:] for c in content[1]] == ["DCE6F2", "DCE6F2"]
    assert [c.font.b for c in content[2]] == [True, True]
    assert [c.fill.fill_type for c in content[2]] == [None, None]
    assert content["B2"].value == 3 and content["B2"].number_format == "#,##0.00"
