"""Runs in its own process so that its peak memory is its own.

    python -m benchmarks.export_worker export OUT.xlsx    # the product's portfolio export
    python -m benchmarks.export_worker baseline IN.xlsx OUT.xlsx
        # bare openpyxl: the same cell values, written in write-only mode, nothing else

Prints one line of JSON: seconds, peak resident memory (MB) and the rows written.
"""

import json
import resource
import sys
import time


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export(out: str) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from funding.portfolio.models.projects import FundedProject
    from funding.portfolio.workbook import write_portfolio_workbook

    connection.ensure_connection()
    before = _peak_mb()
    start = time.perf_counter()
    today = timezone.localdate()
    # What the portfolio's export view hands over for the whole portfolio.
    projects = write_portfolio_workbook(
        FundedProject.objects.for_table(today=today), out, today=today
    )
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "peak_mb_before": before, "rows": projects}


def baseline(source: str, out: str) -> dict:
    from openpyxl import Workbook, load_workbook

    book = load_workbook(source, read_only=True)
    sheets = [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in book]
    book.close()
    rows = sum(len(values) for _title, values in sheets)
    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    for title, values in sheets:
        ws = workbook.create_sheet(title)
        for row in values:
            ws.append(row)
    workbook.save(out)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "rows": rows}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    result = export(*args) if command == "export" else baseline(*args)
    print(json.dumps(result))
