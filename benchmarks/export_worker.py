"""Runs in its own process so that its peak memory is its own.

    python -m benchmarks.export_worker export OUT.xlsx    # the product's portfolio export
    python -m benchmarks.export_worker baseline IN.xlsx OUT.xlsx [formats|values]
        # bare openpyxl, write-only mode: the export's cells (read back from IN.xlsx) with
        # their number formats, fonts and fills (formats, the default), or their values alone

Prints one line of JSON: wall-clock and CPU seconds of the writing (time.perf_counter,
time.process_time), this process's own peak resident memory (MB) and the rows written.

The peak is the high-water mark of this process's own memory (VmHWM in /proc/self/status),
not getrusage's ru_maxrss: Linux carries the parent's peak over into a child's ru_maxrss
when the child is forked (or vforked) and execs, so a worker started by a large parent
(the benchmark, after the page measurements) reported the parent's peak, not its own.
"""

import json
import resource
import sys
import time


def _peak_mb() -> float:
    """The peak resident memory of this process since its exec, in MB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def export(out: str) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from funding.portfolio.models.projects import FundedProject
    from funding.portfolio.workbook import write_portfolio_workbook

    connection.ensure_connection()
    before = _peak_mb()
    start, cpu = time.perf_counter(), time.process_time()
    today = timezone.localdate()
    # What the portfolio's export view hands over for the whole portfolio.
    projects = write_portfolio_workbook(
        FundedProject.objects.for_table(today=today), out, today=today
    )
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": _peak_mb(),
        "peak_mb_before": before,
        "rows": projects,
    }


def _read_cells(source: str) -> list:
    """Each sheet of `source` as rows of cells: a plain value, or (value, number format,
    font, fill) for a cell with a style of its own (each None where it is the default)."""
    from openpyxl import load_workbook

    book = load_workbook(source, read_only=True)
    sheets = []
    for ws in book:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for cell in row:
                if not getattr(cell, "has_style", False):
                    cells.append(cell.value)
                    continue
                style = cell.style_array
                cells.append(
                    (
                        cell.value,
                        cell.number_format if style.numFmtId else None,
                        cell.font if style.fontId else None,
                        cell.fill if style.fillId else None,
                    )
                )
            rows.append(cells)
        sheets.append((ws.title, rows))
    book.close()
    return sheets


def baseline(source: str, out: str, formats: str = "named") -> dict:
    """Bare openpyxl writing the export's cells: write-only mode, `ws.append`.

    - "named" (what the benchmark compares with): each distinct style of the export (number
      format, font, fill) is registered once as a `NamedStyle`, and each cell the export
      styled is a `WriteOnlyCell` given it by name (`cell.style = name`), openpyxl's
      documented way of reusing a style;
    - "formats": each such cell is given its number format, font and fill one by one
      through openpyxl's cell attributes;
    - "values": the values alone (dates still get openpyxl's default date format).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import NamedStyle

    sheets = _read_cells(source)
    rows = sum(len(values) for _title, values in sheets)
    start, cpu = time.perf_counter(), time.process_time()
    workbook = Workbook(write_only=True)
    names = {}

    def named(number_format, font, fill):
        key = (number_format, id(font), id(fill))
        if (name := names.get(key)) is None:
            name = names[key] = f"Baseline {len(names)}"
            style = NamedStyle(name=name)
            if number_format is not None:
                style.number_format = number_format
            if font is not None:
                style.font = font
            if fill is not None:
                style.fill = fill
            workbook.add_named_style(style)
        return name

    for title, values in sheets:
        ws = workbook.create_sheet(title)
        for row in values:
            cells = []
            for item in row:
                if type(item) is not tuple:
                    cells.append(item)
                    continue
                value, number_format, font, fill = item
                if formats == "values":
                    cells.append(value)
                    continue
                cell = WriteOnlyCell(ws, value=value)
                if formats == "named":
                    cell.style = named(number_format, font, fill)
                else:
                    if number_format is not None:
                        cell.number_format = number_format
                    if font is not None:
                        cell.font = font
                    if fill is not None:
                        cell.fill = fill
                cells.append(cell)
            ws.append(cells)
    workbook.save(out)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": _peak_mb(), "rows": rows}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    result = export(*args) if command == "export" else baseline(*args)
    print(json.dumps(result))
