"""Benchmark the platform at scale and print where the time goes.

    python -m benchmarks.run --database postgres --scale full
    python -m benchmarks.run --database sqlite --scale small --only page,export

The benchmark makes its own database from scratch (PostgreSQL: the database named in
--database-url, dropped and created again with the role's CREATEDB; SQLite: a file in
benchmarks/results/), loads the demo and the bulk data, measures, prints a table and writes
benchmarks/results/<database>-<scale>-<time>.json. It never touches db.sqlite3.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_PG = "postgres://csa:csa@127.0.0.1:5432/csa_bench"
PARTS = ("page", "export", "ranking", "rush")

TARGETS = {
    "max_queries": 20,
    # A signed-in page: at most 4× the same user's empty page in the layout at full size,
    # and every page's full-size median within 1.3× its median at the probe size, each on
    # the scale of the same user's empty page timed alongside it (report.page_growth; issue 19;
    # it replaced the first round's 5× the trivial view, which the empty layout page alone,
    # about 20× the trivial view, could never meet: that ratio is reported, not judged).
    "page_layout_ratio": 4.0,
    "page_growth": 1.3,
    "export_ratio": 1.3,  # CPU time, export / bare openpyxl
    "export_peak_mb": 200,
    "ranking_seconds": 0.2,
    "ranking_page_ms": 60,
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG),
        help="PostgreSQL URL of the benchmark's own database (its name must contain "
        f"'bench'; it is dropped and made again). Default: {DEFAULT_PG}",
    )
    parser.add_argument("--scale", choices=("small", "full"), default="small")
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"comma-separated parts to run, of: {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--rush-clients", type=int, default=50, help="applicant accounts")
    parser.add_argument(
        "--rush-seconds",
        type=float,
        default=20.0,
        help="the rising rate before the deadline lasts this long (60 for the real last minute)",
    )
    parser.add_argument("--rush-late", type=float, default=4.0, help="tail after the deadline")
    parser.add_argument(
        "--rush-overload",
        type=float,
        default=2.0,
        help="the rate at the deadline, as a multiple of the measured capacity",
    )
    parser.add_argument(
        "--rush-calibrate", type=float, default=8.0, help="seconds measuring the capacity"
    )
    parser.add_argument(
        "--rush-boundary-ms",
        type=float,
        default=50.0,
        help="requests sent this close before the deadline may be answered either way",
    )
    parser.add_argument("--gunicorn-workers", type=int, default=3)
    parser.add_argument("--gunicorn-threads", type=int, default=8)
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when a target is missed"
    )
    parser.add_argument(
        "--latest",
        action="store_true",
        help="also record the figures under the database's key in benchmarks/latest.json",
    )
    args = parser.parse_args(argv)
    args.only = {part.strip() for part in args.only.split(",") if part.strip()}
    unknown = args.only - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    return args


def prepare_database(args) -> str:
    """Make the benchmark's database from nothing; return its URL."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.database == "sqlite":
        path = RESULTS / "bench.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(args.database_url)
    name = config["NAME"]
    if "bench" not in name:
        sys.exit(f"Refusing to drop and recreate {name!r}: its name must contain 'bench'.")
    connect = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
        "autocommit": True,
    }
    last_error = None
    for maintenance in ("postgres", config["USER"]):
        try:
            with psycopg.connect(dbname=maintenance, **connect) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return args.database_url
        except psycopg.OperationalError as error:
            last_error = error
    sys.exit(f"Cannot create the benchmark database {name!r}: {last_error}")


_CLOCK = time.monotonic()


def _step(title):
    print(f"[{time.monotonic() - _CLOCK:6.1f} s] {title}", flush=True)


EXPORT_REPEAT = 3


def measure_export(work: Path, repeat: int = EXPORT_REPEAT) -> dict:
    """The portfolio export and the bare openpyxl baseline, each in a fresh process of its
    own, `repeat` times, alternating (export then baseline, then baseline then export, …)
    so that both meet the same load of the moment. Compared on CPU time
    (time.process_time of each worker's writing, which a loaded machine disturbs far less
    than wall-clock time), median against median; the peak memory is the export worker's
    own high-water mark (benchmarks/export_worker.py), the largest of its runs.

    The baseline writes the export's cells with their number formats, fonts and fills
    (read back from the export; each distinct style a named style registered once), so
    that both write the same file. The same cells' values alone, without the styles the
    export gives them, are timed too (`values_ratio`, the comparison before 2026-12-01),
    for information: a styled cell costs openpyxl several times a bare value."""
    import statistics

    out = work / "portfolio.xlsx"
    plain, bare = work / "portfolio-baseline.xlsx", work / "portfolio-values.xlsx"

    def worker(*args):
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.export_worker", *args],
            cwd=ROOT,
            env=os.environ.copy(),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    def baseline():
        return worker("baseline", str(out), str(plain), "named")

    exports, baselines = [worker("export", str(out))], []  # the baseline reads its cells
    baselines.append(baseline())
    for n in range(1, repeat):
        if n % 2:
            baselines.append(baseline())
            exports.append(worker("export", str(out)))
        else:
            exports.append(worker("export", str(out)))
            baselines.append(baseline())
    values = [worker("baseline", str(out), str(bare), "values") for _n in range(repeat)]

    def median(runs, key):
        return statistics.median(run[key] for run in runs)

    return {
        "projects": exports[0]["rows"],
        "cells_rows": baselines[0]["rows"],
        "repeat": repeat,
        "baseline": "named",
        "seconds": median(exports, "seconds"),
        "baseline_seconds": median(baselines, "seconds"),
        "cpu_seconds": median(exports, "cpu_seconds"),
        "baseline_cpu_seconds": median(baselines, "cpu_seconds"),
        "ratio": median(exports, "cpu_seconds") / median(baselines, "cpu_seconds"),
        "wall_ratio": median(exports, "seconds") / median(baselines, "seconds"),
        "cpu_ratios": [
            e["cpu_seconds"] / b["cpu_seconds"] for e, b in zip(exports, baselines, strict=True)
        ],
        "values_cpu_seconds": median(values, "cpu_seconds"),
        "values_ratio": median(exports, "cpu_seconds") / median(values, "cpu_seconds"),
        "peak_mb": max(run["peak_mb"] for run in exports),
        "peak_mb_after_setup": max(run["peak_mb_before"] for run in exports),
        "baseline_peak_mb": max(run["peak_mb"] for run in baselines),
        "file_mb": out.stat().st_size / 1e6,
    }


def cpu_calibration_ms() -> float:
    """What this machine's CPU is worth: a fixed pure-Python loop (two million additions),
    the fastest of three runs, in ms. Absolute figures taken on two machines compare only
    through it (the ratios to the trivial and empty pages do not need it)."""
    runs = []
    for _ in range(3):
        start, total = time.perf_counter(), 0
        for n in range(2_000_000):
            total += n
        runs.append((time.perf_counter() - start) * 1000)
    return min(runs)


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    _step(f"Preparing the {args.database} database")
    os.environ["BENCH_DATABASE_URL"] = prepare_database(args)

    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks import generate, pages, report
    from benchmarks.bulk import PROBE, SCALES

    call_command("migrate", verbosity=0)
    _step("Loading the demo (site, pages, accounts)")
    generate.seed_demo()
    results = {
        "database": args.database,
        "scale": args.scale,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "cpu_calibration_ms": cpu_calibration_ms(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "targets": TARGETS,
        "database_settings": generate.database_settings(),
    }
    _step("Adding the probe data (100 proposals)")
    data = generate.populate(PROBE)
    generate.settle()
    specs = pages.main_pages(data)
    probe = {}
    if "page" in args.only:
        _step("Pages at the probe size: queries and median time")
        for spec in specs:
            # Timed as at full size, alongside the same user's empty page (see page_growth).
            probe[spec.key] = pages.measure(spec, args.repeat)
    results["probe_rows"] = generate.row_counts()

    _step(f"Growing the data to the {args.scale} scale (bulk inserts)")
    t = time.perf_counter()
    data = generate.populate(SCALES[args.scale])
    generate.settle()
    results["generate_seconds"] = time.perf_counter() - t
    results["rows"] = generate.row_counts()
    _step(f"  {results['rows']['proposals']} proposals in {results['generate_seconds']:.1f} s")

    if "page" in args.only:
        results["pages"] = {}
        for spec in pages.main_pages(data):
            _step(f"Page: {spec.label}")
            measured = pages.measure(spec, args.repeat)
            at_probe = probe[spec.key]
            measured["queries_at_probe"] = at_probe["queries"]
            measured["median_ms_at_probe"] = at_probe["median_ms"]
            measured["layout_median_ms_at_probe"] = at_probe["layout_median_ms"]
            results["pages"][spec.key] = measured
    if "export" in args.only:
        _step("Excel portfolio export (and the bare openpyxl baseline)")
        results["export"] = measure_export(RESULTS)
    if "ranking" in args.only:
        from benchmarks.ranking import measure_ranking

        _step("Ranking of the ranking topic: computation, freeze, frozen page")
        results["ranking"] = measure_ranking(data["ranking_topic"], data["manager"], args.repeat)
    if "rush" in args.only:
        if args.database != "postgres":
            results["rush"] = {"skipped": "the rush runs against PostgreSQL only"}
        else:
            from benchmarks.rush import run_rush

            _step(f"Deadline rush: capacity, then {args.rush_overload}x it at the deadline")
            results["rush"] = run_rush(
                clients=args.rush_clients,
                ramp_seconds=args.rush_seconds,
                tail_seconds=args.rush_late,
                overload=args.rush_overload,
                calibrate_seconds=args.rush_calibrate,
                boundary_ms=args.rush_boundary_ms,
                workers=args.gunicorn_workers,
                threads=args.gunicorn_threads,
                results_dir=RESULTS,
            )
    results["total_seconds"] = time.perf_counter() - started
    text = report.render(results)
    print(text)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{args.database}-{args.scale}-{stamp}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    (RESULTS / f"{args.database}-{args.scale}-{stamp}.md").write_text(text)
    if args.latest:
        latest_path = ROOT / "benchmarks" / "latest.json"
        latest = json.loads(latest_path.read_text()) if latest_path.exists() else {}
        latest[args.database] = results
        latest_path.write_text(json.dumps(latest, indent=2, default=str) + "\n")
    _step(f"Wrote {path.relative_to(ROOT)} ({results['total_seconds']:.0f} s in all)")
    if not results.get("rush", {}).get("ok", True):
        print("Deadline rush FAILED: " + "; ".join(results["rush"]["problems"]), flush=True)
        return 1
    return 1 if args.check and not report.all_met(results) else 0


if __name__ == "__main__":
    sys.exit(main())
