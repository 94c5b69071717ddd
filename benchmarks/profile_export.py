"""Where the portfolio export's CPU time goes: the whole-portfolio export (what
`benchmarks.export_worker export` times) under cProfile, on the benchmark's database.

    BENCH_DATABASE_URL=postgres://csa:csa@127.0.0.1:5432/csa_bench \\
        python -m benchmarks.profile_export --top 40

Run it after `benchmarks.run` made the database. Prints the CPU time of one export without
the profiler (time.process_time), then the functions that take the most of it, and the CPU
time of each sheet's rows read from the database alone (no writing), so that reading and
writing can be told apart.
"""

import argparse
import cProfile
import io
import os
import pstats
import time


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_export")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from funding.portfolio import workbook, workbook_sheets
    from funding.portfolio.models.projects import FundedProject

    connection.ensure_connection()
    today = timezone.localdate()

    def export():
        queryset = FundedProject.objects.for_table(today=today)
        workbook.write_portfolio_workbook(queryset, io.BytesIO(), today=today)

    export()  # warm-up: translations, lazy imports, the connection
    cpu = time.process_time()
    export()
    print(f"One export: {time.process_time() - cpu:.2f} s CPU (no profiler)")
    queryset = FundedProject.objects.for_table(today=today)
    readers = {
        "Projects": lambda: workbook._project_rows(queryset, progress=None, total=0),
        "Participants": lambda: workbook._participant_rows(queryset),
        "Deliverables": lambda: workbook_sheets.deliverable_rows(queryset, today=today),
        "Reporting periods": lambda: workbook_sheets.period_rows(queryset, today=today),
        "Periodic reports": lambda: workbook_sheets.report_rows(queryset),
        "Payments": lambda: workbook_sheets.payment_rows(queryset),
    }
    for title, rows in readers.items():
        cpu = time.process_time()
        count = sum(1 for _row in rows())
        print(f"  {title}: {count} rows read in {time.process_time() - cpu:.2f} s CPU")
    profile = cProfile.Profile(time.process_time)  # CPU, not the wait for the database
    profile.enable()
    export()
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
