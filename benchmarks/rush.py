"""The deadline rush: applicants submitting over HTTP in the last seconds before a deadline,
bunched towards it, and a tail after it, against gunicorn on loopback.

1. Capacity: a closed loop of as many clients as the server has threads submits to a topic
   that stays open for `calibrate_seconds`; accepted submissions per second is the
   capacity, and the gunicorn processes' CPU time (/proc) divided by them the CPU per
   submission.
2. The rush, open loop: every request is sent at its time in `rush_plan.arrival_schedule`
   (rising to `overload` × the capacity at the deadline, then a tail), whatever the
   earlier ones are doing; each on a new connection, as a browser after a pause.
3. Each request is judged by when it was SENT (`rush_plan.classify`), the server's recorded
   arrival checked against the client's clock (same machine); the database is asked for
   the stored submissions and their receipt mails; `rush_plan.rush_verdict` says why the
   run fails, if it does.
"""

import datetime as dt
import http.client
import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from benchmarks import rush_plan
from benchmarks.pages import TRIVIAL_URL, p95
from benchmarks.rush_data import rush_accounts, rush_proposals, rush_topic, session_for
from core.models import OutgoingMail
from funding.models import ProposalSubmission, Topic

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60
WORKER_CLASS = "config.gunicorn_worker.ArrivalThreadWorker"
MAX_IN_FLIGHT = 600  # client threads: enough that a send is never held back by answers
WARM_UP_SECONDS = 3.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--worker-class={WORKER_CLASS}",
        "--backlog=4096",
        f"--timeout={TIMEOUT}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start; see {log}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", TRIVIAL_URL)
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError("gunicorn did not answer within a minute")


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """User + system CPU time of gunicorn's master and its live workers (/proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if pid == server.pid or ppid == server.pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


class Sender:
    """Sends one submission per call, each on a new connection, and records its outcome."""

    def __init__(self, *, port: int, sessions: dict):
        self.port, self.sessions = port, sessions
        self.outcomes: dict[int, rush_plan.Outcome] = {}
        self.receipts: dict[int, str] = {}
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def submit(self, proposal_pk: int, user_pk: int) -> str:
        session_key, token = self.sessions[user_pk]
        headers = {
            "Cookie": f"sessionid={session_key}; csrftoken={token}",
            "Host": f"127.0.0.1:{self.port}",
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": token,
        }
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        sent = time.time()
        try:
            connection.request(
                "POST",
                f"/applicant/proposals/{proposal_pk}/submit/",
                body=urlencode({"csrfmiddlewaretoken": token}),
                headers=headers,
            )
            response = connection.getresponse()
            response.read()
            location = response.getheader("Location", "")
            if response.status == 302 and "/receipts/" in location:
                answer = rush_plan.ACCEPTED
            elif response.status == 302 and location.rstrip("/").endswith(f"/{proposal_pk}"):
                answer = rush_plan.REFUSED
            else:
                answer = f"submit {response.status}"
        except (OSError, http.client.HTTPException) as error:
            answer, location = type(error).__name__, ""
        finally:
            connection.close()
        answered = time.time()
        with self.lock:
            self.outcomes[proposal_pk] = rush_plan.Outcome(sent, answered, answer)
            self.latencies.append(answered - sent)
            if answer == rush_plan.ACCEPTED:
                self.receipts[proposal_pk] = location
            elif answer != rush_plan.REFUSED:
                self.errors.append(answer)
        return answer

    def receipt_status(self, path: str, user_pk: int) -> int:
        session_key, token = self.sessions[user_pk]
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request(
                "GET", path, headers={"Cookie": f"sessionid={session_key}; csrftoken={token}"}
            )
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()


def measure_capacity(sender, server, plan, *, clients: int, seconds: float) -> dict:
    """Closed loop: `clients` threads submit one after another for `seconds`."""
    work = queue.SimpleQueue()
    for item in plan:
        work.put(item)
    stop_at = time.monotonic() + seconds
    accepted = []

    def client():
        while time.monotonic() < stop_at:
            try:
                proposal_pk, user_pk = work.get_nowait()
            except queue.Empty:
                return
            if sender.submit(proposal_pk, user_pk) == rush_plan.ACCEPTED:
                accepted.append(proposal_pk)

    cpu_before, started = server_cpu_seconds(server), time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 2 * TIMEOUT)
    elapsed, cpu = time.monotonic() - started, server_cpu_seconds(server) - cpu_before
    return {
        "clients": clients,
        "seconds": elapsed,
        "accepted": len(accepted),
        "per_second": len(accepted) / elapsed,
        "cpu_ms_per_submission": cpu * 1000 / max(1, len(accepted)),
        "ran_out_of_proposals": work.empty(),
    }


def _open_loop(sender, plan, offsets, *, deadline: float) -> float:
    """Send plan[k] at deadline + offsets[k], never waiting for an answer; the largest
    lateness of a send behind its schedule (seconds)."""
    lag = 0.0
    with ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT) as pool:
        for (proposal_pk, user_pk), offset in zip(plan, offsets, strict=True):
            when = deadline + offset
            pause = when - time.time()
            if pause > 0:
                time.sleep(pause)
            lag = max(lag, time.time() - when)
            pool.submit(sender.submit, proposal_pk, user_pk)
    return lag


def _receipt_mails_queued(submission_pks) -> tuple[int, int]:
    """Receipts recorded for these submissions, and receipts queued: the receipt tasks in
    the database queue (benchmarks.settings; no worker runs meanwhile, so none is written
    yet), or with another backend the receipt mails recorded."""
    submission_pks = list(submission_pks)
    recorded = OutgoingMail.objects.filter(
        key__in=[f"receipt:{pk}" for pk in submission_pks]
    ).count()
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return recorded, recorded
    queued = DBTaskResult.objects.filter(
        task_path__endswith="send_submission_receipt",
        args_kwargs__kwargs__submission_id__in=submission_pks,
    ).count()
    return recorded, queued


def _accepted_per_second(outcomes) -> float:
    """Accepted submissions over the time from the first send to the last acceptance."""
    outcomes = list(outcomes)
    accepted = [o.answered for o in outcomes if o.answer == rush_plan.ACCEPTED]
    if not accepted:
        return 0.0
    return len(accepted) / (max(accepted) - min(o.sent for o in outcomes))


def run_rush(
    *,
    clients: int,
    ramp_seconds: float,
    tail_seconds: float,
    overload: float,
    calibrate_seconds: float,
    boundary_ms: float,
    workers: int,
    threads: int,
    results_dir: Path,
) -> dict:
    now = timezone.now()
    opening_at, stamp = now - dt.timedelta(days=30), now.strftime("%H%M%S")
    accounts = rush_accounts(clients=clients, opening_at=opening_at, stamp=stamp)
    sessions = {user.pk: (session_for(user), os.urandom(16).hex()) for user, _org in accounts}
    calibration = rush_topic(
        label=f"{stamp}-CAL", opening_at=opening_at, deadline_at=now + dt.timedelta(days=1)
    )
    calibration_plan = rush_proposals(
        topic=calibration,
        accounts=accounts,
        count=int((calibrate_seconds + WARM_UP_SECONDS) * 200),
        opening_at=opening_at,
    )
    port = _free_port()
    server = start_server(port, workers, threads, results_dir / "gunicorn.log")
    try:
        sender = Sender(port=port, sessions=sessions)
        # Every worker imports, compiles its templates and connects on its first requests:
        # a warm-up that is not counted, as a server that has run for a while is.
        warm_up = measure_capacity(
            sender, server, calibration_plan, clients=workers * threads, seconds=WARM_UP_SECONDS
        )
        rest = calibration_plan[len(sender.outcomes) :]
        capacity = measure_capacity(
            sender, server, rest, clients=workers * threads, seconds=calibrate_seconds
        )
        capacity["warm_up_accepted"] = warm_up["accepted"]
        offsets = rush_plan.arrival_schedule(
            peak_rate=overload * capacity["per_second"],
            ramp_seconds=ramp_seconds,
            tail_seconds=tail_seconds,
        )
        topic = rush_topic(
            label=f"{stamp}-RUSH", opening_at=opening_at, deadline_at=now + dt.timedelta(days=1)
        )
        plan = rush_proposals(
            topic=topic, accounts=accounts, count=len(offsets), opening_at=opening_at
        )
        sender = Sender(port=port, sessions=sessions)
        deadline = time.time() + 2.0 + ramp_seconds
        deadline_at = dt.datetime.fromtimestamp(deadline, tz=dt.UTC)
        Topic.objects.filter(pk=topic.pk).update(deadline_at=deadline_at)
        cpu_before = server_cpu_seconds(server)
        send_lag = _open_loop(sender, plan, offsets, deadline=deadline)
        rush_cpu = server_cpu_seconds(server) - cpu_before
        wall = time.time() - (deadline - ramp_seconds)
        receipt_pages = [
            sender.receipt_status(path, dict(plan)[pk])
            for pk, path in list(sender.receipts.items())[:20]
        ]
    finally:
        stop_server(server)
    stored = dict(
        ProposalSubmission.objects.filter(proposal__topic=topic).values_list(
            "proposal_id", "submitted_at"
        )
    )
    submission_pks = ProposalSubmission.objects.filter(proposal__topic=topic).values_list(
        "pk", flat=True
    )
    outcomes = [
        rush_plan.Outcome(o.sent, o.answered, o.answer, stored[pk].timestamp())
        if pk in stored and o.answer == rush_plan.ACCEPTED
        else o
        for pk, o in sender.outcomes.items()
    ]
    counts = rush_plan.tally(outcomes, deadline=deadline, boundary=boundary_ms / 1000, skew=0.001)
    counts[rush_plan.ERROR] += sum(1 for status in receipt_pages if status != 200)
    mails_recorded, mails_queued = _receipt_mails_queued(submission_pks)
    accepted = set(sender.receipts)
    refused = {pk for pk, o in sender.outcomes.items() if o.answer == rush_plan.REFUSED}
    late_stored = sum(1 for when in stored.values() if when >= deadline_at)
    problems = rush_plan.rush_verdict(
        counts=counts,
        receipts=len(accepted),
        stored=len(stored),
        mails_queued=mails_queued,
        late_stored=late_stored,
        refused_but_stored=len(refused & set(stored)),
    )
    if len(sender.outcomes) != len(plan):
        problems.append(f"{len(plan) - len(sender.outcomes)} requests never answered")
    if accepted != set(stored):
        problems.append("the accepted proposals are not the stored ones")
    latencies = sender.latencies
    return {
        "clients": clients,
        "gunicorn": f"{workers} workers x {threads} threads ({WORKER_CLASS})",
        "capacity": capacity,
        "overload": overload,
        "peak_rate": overload * capacity["per_second"],
        "ramp_seconds": ramp_seconds,
        "tail_seconds": tail_seconds,
        "boundary_ms": boundary_ms,
        "requests": len(plan),
        "sent_before_deadline": sum(1 for offset in offsets if offset < 0),
        "max_send_lag_ms": send_lag * 1000,
        "wall_seconds": wall,
        "classes": dict(counts),
        "errors": counts[rush_plan.ERROR],
        "error_kinds": sorted(set(sender.errors)),
        "median_ms": statistics.median(latencies) * 1000 if latencies else None,
        "p95_ms": p95(latencies) * 1000 if latencies else None,
        "max_ms": max(latencies) * 1000 if latencies else None,
        "accepted_receipts": len(accepted),
        "submissions_in_database": len(stored),
        "receipt_mails_recorded": mails_recorded,
        "receipt_mails_queued": mails_queued,
        "late_in_database": late_stored,
        "accepted_per_second": _accepted_per_second(sender.outcomes.values()),
        "rush_cpu_ms_per_accepted": rush_cpu * 1000 / max(1, len(accepted)),
        "problems": problems,
        "ok": not problems,
    }
