"""The one writer of the platform's Excel and CSV exports.

Every workbook is written in openpyxl's write-only mode: rows go to disk as they are
appended, so memory stays flat however many rows an export holds. Callers pass rows as an
iterable (`queryset.iterator()`, a generator) and the writer takes them one at a time.

A sheet is described by its `Column`s (header, width, kind, number format). The kind decides
how a value is written, in one place for every export:

- money: a Decimal rounded to the cent, format `#,##0.00` unless the column names another;
- date: a real Excel date, format `yyyy-mm-dd`; an aware datetime in a date column gives
  its Brussels date;
- datetime: Excel has no time zones, so an aware datetime is shown on a Brussels wall clock
  (CET or CEST, whichever was in force at that instant) and written without its zone;
- percent: a number of percent (75.5 for three quarters and a half), format `0.00"%"`;
- text, integer, number: written as they are, in Excel's general format.

A number format is given to numbers and dates only: a label in a money column (a section
header of a summary) stays plain text. Lazy translations are written as text.

No formulas from users. Every text is stored as text: openpyxl would read a str starting
with "=" as a formula and "#N/A" as an error value, so such a cell gets the string type
explicitly (text starting with +, -, @, a tab or a carriage return is a string for openpyxl
already, and a string cell is never evaluated). In CSV, which has no types, a text starting
with one of `FORMULA_TRIGGERS` is prefixed with a single quote, as OWASP recommends against
CSV injection. Numbers, dates and money are written as numbers: a negative amount stays a
number. The only way to write a formula is to pass a `Formula` on purpose.

Write-only sheets take column widths and frozen panes only before their first row, and
support charts (`SheetWriter.worksheet.add_chart`), drawn when the workbook is saved.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter

from core.brussels import brussels
from core.money import money

HEADER_FONT = Font(bold=True)
TITLE_LIMIT = 31  # Excel refuses longer sheet titles
# What makes a spreadsheet read the start of a CSV field as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What openpyxl reads a str starting with as a formula ("=") or an error value ("#N/A").
_TYPED_BY_OPENPYXL = ("=", "#")


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"
    MONEY = "money"
    PERCENT = "percent"


NUMBER_FORMATS = {
    Kind.DATE: "yyyy-mm-dd",
    Kind.DATETIME: "yyyy-mm-dd hh:mm:ss",
    Kind.MONEY: "#,##0.00",
    Kind.PERCENT: '0.00"%"',
}


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    width: float | None = None  # None: Excel's default width
    kind: Kind = Kind.TEXT
    number_format: str | None = None  # instead of the kind's own

    @property
    def format(self) -> str | None:
        return self.number_format or NUMBER_FORMATS.get(self.kind)


@dataclass(frozen=True, slots=True)
class Row:
    """A row whose cells all take `font` (a late deliverable in dark red)."""

    values: Sequence
    font: Font | None = None


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula the platform writes on purpose (`Formula("=SUM(B2:B9)")`): the one way a
    cell becomes a formula. Never build one from text a user typed."""

    text: str

    def __post_init__(self):
        if not self.text.startswith("="):
            raise ValueError(f"A formula starts with '=': {self.text!r}")


def excel_value(value, kind: Kind = Kind.TEXT):
    """The value as the sheet shows it, for a column of `kind`."""
    if value is None:
        return None
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = brussels(value).replace(tzinfo=None)
        return value.date() if kind == Kind.DATE else value
    if kind == Kind.MONEY and isinstance(value, Decimal | int) and not isinstance(value, bool):
        return money(value)
    return value


def _xml_text(value: str) -> str:
    """The text without the control characters XML cannot hold (pasted from other
    programs): openpyxl would refuse the whole export for one of them. A printable text
    has none, and is not searched."""
    return value if value.isprintable() else ILLEGAL_CHARACTERS_RE.sub("", value)


# Written as they are in a column without a number format (bool is not among them).
_NUMBERS = frozenset({int, float, Decimal})


def _formatted(value) -> bool:
    return isinstance(value, Decimal | int | float | dt.date) and not isinstance(value, bool)


class SheetWriter:
    """One sheet of a write-only workbook, its cells typed by their column.

    What it costs is openpyxl's writing of each cell, most of all of each styled cell (a
    number format or a font): a cell object to hand over, which openpyxl first tries to
    bind as a value, its style looked up when it is written. The writer keeps its own share
    small. Text, integers and plain numbers go to openpyxl as bare values. A styled cell is
    made once per column and style and given each row's value: openpyxl writes a row's
    cells to the sheet's XML before `append` returns (a write-only sheet sends the row
    straight to its writer), so the next row can reuse it; each style's array is made once
    per sheet, as a named style of the workbook."""

    def __init__(self, workbook: Workbook, title: str, columns: Sequence[Column], *, freeze=None):
        self.worksheet = workbook.create_sheet(str(title)[:TITLE_LIMIT])
        self.columns = list(columns)
        for index, column in enumerate(self.columns, start=1):
            if column.width is not None:
                self.worksheet.column_dimensions[get_column_letter(index)].width = column.width
        if freeze:
            self.worksheet.freeze_panes = freeze
        self._plan = [(column.kind, column.format) for column in self.columns]
        # Columns without a number format take a number as it is.
        self._bare = [column.format is None for column in self.columns]
        self._styles: dict[tuple, tuple] = {}  # (format, id(font)) -> (font, style array)
        self._cells: dict[tuple, tuple] = {}  # (column, format, id(font)) -> (font, cell)
        self.rows = 0

    def _style_array(self, number_format: str | None, font: Font | None):
        """The style array of a number format and a font, made once per sheet as a named
        style of the workbook: giving each cell its font and format one by one costs
        openpyxl a look-up of the font (hashed field by field) and of the format."""
        key = (number_format, id(font))
        if (found := self._styles.get(key)) is None:
            workbook = self.worksheet.parent
            style = NamedStyle(name=f"Export {len(workbook.named_styles)}")
            if number_format is not None:
                style.number_format = number_format
            if font is not None:
                style.font = font
            workbook.add_named_style(style)
            # The font is kept with the array so that its id is not reused while cached.
            found = self._styles[key] = (font, style.as_tuple())
        return found[1]

    def _styled(self, index: int, value, number_format: str | None, font: Font | None):
        """The styled cell of column `index` for this style, holding `value` now."""
        key = (index, number_format, id(font))
        if (found := self._cells.get(key)) is None:
            style = self._style_array(number_format, font)
            cell = Cell(self.worksheet, row=1, column=1, style_array=style)
            found = self._cells[key] = (font, cell)
        cell = found[1]
        cell.value = value
        return cell

    def _text(self, index: int, value: str, font: Font | None):
        """A text cell: plain, or given the string type where openpyxl would guess another."""
        value = _xml_text(value)
        if font is None and not value.startswith(_TYPED_BY_OPENPYXL):
            return value
        cell = self._styled(index, value, None, font)
        cell.data_type = "s"  # stored as text, never as a formula or an error value
        return cell

    def _cell(self, index: int, value, font: Font | None):
        if isinstance(value, Formula):
            cell = WriteOnlyCell(self.worksheet, value=value.text)
            if font is not None:
                cell.font = font
            return cell
        kind, number_format = self._plan[index]
        value = excel_value(value, kind)
        if isinstance(value, str):
            return self._text(index, value, font)
        if number_format is not None and not _formatted(value):
            number_format = None
        if number_format is None and font is None:
            return value
        return self._styled(index, value, number_format, font)

    def append(self, values: Sequence, *, font: Font | None = None) -> int:
        """Write one row (it may be shorter than the columns); returns its row number."""
        if len(values) > len(self._plan):
            raise ValueError(f"{len(values)} values for {len(self._plan)} columns")
        cells = []
        bare = self._bare
        for index, value in enumerate(values):
            kind = type(value)
            if kind is str:
                cells.append(self._text(index, value, font))  # most cells: plain text
            elif font is None and (value is None or (kind in _NUMBERS and bare[index])):
                cells.append(value)
            else:
                cells.append(self._cell(index, value, font))
        self.worksheet.append(cells)
        self.rows += 1
        return self.rows

    def append_header(self, *, fill: PatternFill | None = None) -> int:
        """The bold header row: cells of their own, as the fill is set on each."""
        style = self._style_array(None, HEADER_FONT)
        cells = []
        for column in self.columns:
            text = _xml_text(str(column.header))
            cell = Cell(self.worksheet, row=1, column=1, value=text, style_array=style)
            cell.data_type = "s"  # stored as text, never as a formula or an error value
            if fill is not None:
                cell.fill = fill
            cells.append(cell)
        self.worksheet.append(cells)
        self.rows += 1
        return self.rows


def add_sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence | Row],
    *,
    above: Iterable[Sequence] = (),
    header_fill: PatternFill | None = None,
    auto_filter: bool = True,
) -> int:
    """Add a table sheet: the `above` lines (a title, say), the bold header row, frozen in
    place, then `rows`, taken one at a time; an auto-filter spans the header and the rows.
    A row is a sequence of values or a `Row` with a font. Returns the number of rows."""
    above = list(above)
    header_row = len(above) + 1
    sheet = SheetWriter(workbook, title, columns, freeze=f"A{header_row + 1}")
    for line in above:
        sheet.append(line)
    sheet.append_header(fill=header_fill)
    count = 0
    for row in rows:
        if isinstance(row, Row):
            sheet.append(row.values, font=row.font)
        else:
            sheet.append(row)
        count += 1
    if auto_filter:
        last = get_column_letter(len(sheet.columns))
        sheet.worksheet.auto_filter.ref = f"A{header_row}:{last}{header_row + count}"
    return count


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def save_workbook(workbook: Workbook, output) -> None:
    """Write the workbook to `output`, a path or a binary file object. A write-only
    workbook can be saved once."""
    workbook.save(output)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    save_workbook(workbook, buffer)
    return buffer.getvalue()


def csv_value(value):
    """A CSV field: a text starting with one of `FORMULA_TRIGGERS` behind a single quote, so
    a spreadsheet shows it as text; numbers, dates and None as the csv module writes them."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_csv(output, header: Sequence[Column | str], rows: Iterable[Sequence]) -> int:
    """The CSV counterpart, on a text stream: the header, then `rows` taken one at a time.
    Values are written as the csv module writes them (None as an empty field), a text that
    a spreadsheet would take for a formula neutralised (`csv_value`). Returns the number of
    rows."""
    writer = csv.writer(output)
    writer.writerow(
        [csv_value(str(item.header if isinstance(item, Column) else item)) for item in header]
    )
    count = 0
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
        count += 1
    return count
