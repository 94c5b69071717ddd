"""`python -m benchmarks.cluster` (as root; `make cluster-rush`): build the hosts, run the
rush through the balancer, kill an application host and restart the worker halfway, print
the figures, remove everything, and exit 1 unless receipts = stored = mails, none late,
none lost."""

import argparse
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.cluster import hosts
from benchmarks.cluster.network import HOSTS, Network, in_namespace
from benchmarks.cluster.verdict import Outcome, failures, figures, receipt_mails

RESULTS = Path(__file__).resolve().parents[1] / "results"


def _health_through_balancer() -> bool:
    probe = (
        "import http.client,sys; c=http.client.HTTPConnection(sys.argv[1],80,timeout=3); "
        "c.request('GET','/healthz/',headers={'Host':sys.argv[1]}); "
        "sys.exit(0 if c.getresponse().status==200 else 1)"
    )
    command = in_namespace(HOSTS["client"], [sys.executable, "-c", probe, hosts.SITE])
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def _s3_up() -> bool:
    url = f"http://{HOSTS['s3'].address}:{hosts.S3_PORT}/"
    probe = f"import urllib.request; urllib.request.urlopen({url!r}, timeout=2)"
    command = in_namespace(HOSTS["client"], [sys.executable, "-c", probe])
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def _interrupted(signum, frame):
    raise KeyboardInterrupt(signal.strsignal(signum))


def run(arguments, run_dir: Path) -> dict:
    env = hosts.app_environment(run_dir)
    (run_dir / "mail").mkdir()
    (run_dir / "static").mkdir()
    log = run_dir / "steps.log"
    client = HOSTS["client"]
    python = sys.executable
    processes = {}
    worker_was = ""
    try:
        print("-- hosts: PostgreSQL, S3 (moto), migrations", flush=True)
        processes["db"] = hosts.start_database(run_dir)
        processes["s3"] = hosts.start_storage(run_dir)
        hosts.wait_for(_s3_up, what="the S3 server", seconds=60)
        hosts.run_on(client, [python, "manage.py", "migrate", "--noinput", "-v0"], env=env,
                     log=log)  # fmt: skip
        hosts.run_on(client, [python, "manage.py", "createcachetable"], env=env, log=log)
        print("-- hosts: two application hosts, the worker, the balancer", flush=True)
        for name in ("app1", "app2"):
            processes[name] = hosts.start_app(
                name, run_dir, workers=arguments.workers, threads=arguments.threads
            )
        processes["worker"] = hosts.start_worker(run_dir)
        processes["lb"] = hosts.start_balancer(run_dir)
        hosts.wait_for(_health_through_balancer, what="the balancer's /healthz/", seconds=90)
        print(f"-- data: {arguments.clients} applicants and proposals", flush=True)
        plan_path = run_dir / "plan.json"
        hosts.run_on(
            client,
            [python, "-m", "benchmarks.cluster.fixture", str(plan_path),
             f"--clients={arguments.clients}", f"--rush-seconds={arguments.rush_seconds}",
             f"--late-seconds={arguments.late_seconds}"],
            env=env, log=log,
        )  # fmt: skip
        plan = json.loads(plan_path.read_text())
        print(
            f"-- rush: {arguments.rush_seconds:.0f} s to the deadline, "
            f"{arguments.late_seconds:.0f} s after it",
            flush=True,
        )
        load_out = run_dir / "load.json"
        load = subprocess.Popen(
            in_namespace(client, [python, "-m", "benchmarks.cluster.load", str(plan_path),
                                  str(load_out)]),
            cwd=hosts.ROOT, env=env, stderr=log.open("a"),
        )  # fmt: skip
        halfway = (plan["start_at"] + plan["end_at"]) / 2
        interrupt = subprocess.Popen(
            in_namespace(client, [python, "-m", "benchmarks.cluster.interrupt",
                                  str(processes["worker"].popen.pid), str(halfway)]),
            cwd=hosts.ROOT, env=env, stdout=subprocess.PIPE, stderr=log.open("a"), text=True,
        )  # fmt: skip
        time.sleep(max(0.0, halfway - time.time()))
        processes["app1"].kill()
        worker_was, _ = interrupt.communicate(timeout=60)
        processes["worker"].kill()  # killed already; reaped here
        processes["worker"] = hosts.start_worker(run_dir)
        print(
            f"-- halfway: app1 killed (SIGKILL); the worker killed ({worker_was.strip()}) and "
            "started again",
            flush=True,
        )
        load.wait(timeout=plan["end_at"] - time.time() + 600)
        tally_out = run_dir / "tally.json"
        hosts.run_on(
            client,
            [python, "-m", "benchmarks.cluster.tally", str(tally_out), "--wait=180"],
            env=env, log=log,
        )  # fmt: skip
    finally:
        for process in reversed(list(processes.values())):  # the database last
            process.stop()
    loaded = json.loads(load_out.read_text())
    tally = json.loads(tally_out.read_text())
    result = figures(
        outcomes=[Outcome(**o) for o in loaded["outcomes"]],
        latencies=loaded["latencies"],
        deadline=plan["deadline"],
        stored={int(pk): at for pk, at in tally["stored"].items()},
        mails=receipt_mails(tally["mail_texts"]),
    )
    result.update(
        recorded_mails=tally["recorded_mails"],
        unsent_mails=tally["unsent_mails"],
        worker_killed=worker_was.strip(),
        tasks_taken_again=tally["tasks_taken_again"],
        tasks_not_done=tally["tasks_not_done"],
        rush_seconds=arguments.rush_seconds,
        late_seconds=arguments.late_seconds,
        gunicorn=f"2 hosts x {arguments.workers} workers x {arguments.threads} threads",
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cluster")
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--rush-seconds", type=float, default=60)
    parser.add_argument("--late-seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the run's folder (logs)")
    arguments = parser.parse_args()
    if not shutil.which("haproxy"):
        print("haproxy is missing: apt-get install -y haproxy (make cluster-rush does it)")
        return 2
    signal.signal(signal.SIGTERM, _interrupted)
    started = time.monotonic()
    run_dir = Path(tempfile.mkdtemp(prefix="csa-cluster-"))
    network = Network()
    try:
        print("-- network: namespaces, bridge, veth links", flush=True)
        network.build()
        result = run(arguments, run_dir)
    except KeyboardInterrupt as interruption:
        print(f"-- interrupted ({interruption or 'SIGINT'}): stopping hosts, removing network")
        return 130
    finally:
        network.remove()
        if arguments.keep:
            print(f"-- logs kept in {run_dir}")
        else:
            shutil.rmtree(run_dir, ignore_errors=True)
    result["wall_seconds"] = round(time.monotonic() - started, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "cluster.json").write_text(json.dumps(result, indent=2) + "\n")
    for key, value in result.items():
        print(f"{key:>24}: {value}")
    reasons = failures(result)
    print("PASS" if not reasons else "FAIL: " + "; ".join(reasons))
    return 1 if reasons else 0


if __name__ == "__main__":
    sys.exit(main())
