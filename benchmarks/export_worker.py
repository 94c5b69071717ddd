"""Runs in its own process so that its peak memory is its own.

    python -m benchmarks.export_worker export OUT.xlsx    # the product's portfolio export
    python -m benchmarks.export_worker baseline IN.xlsx OUT.xlsx
        # bare openpyxl: the same cell values, written in write-only mode, nothing else

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


def baseline(source: str, out: str) -> dict:
    from openpyxl import Workbook, load_workbook

    book = load_workbook(source, read_only=True)
    sheets = [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in book]
    book.close()
    rows = sum(len(values) for _title, values in sheets)
    start, cpu = time.perf_counter(), time.process_time()
    workbook = Workbook(write_only=True)
    for title, values in sheets:
        ws = workbook.create_sheet(title)
        for row in values:
            ws.append(row)
    workbook.save(out)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": _peak_mb(), "rows": rows}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    result = export(*args) if command == "export" else baseline(*args)
    print(json.dumps(result))
