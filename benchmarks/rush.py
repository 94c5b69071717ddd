"""The deadline rush: many applicants submitting over HTTP in the last seconds before a
deadline, and a few just after it, against gunicorn on loopback.

Each client is a thread with its own keep-alive connection, its own account (signed in by
a session made beforehand) and its own complete draft proposals (`rush_fixture`). It
submits them at times spread over the rush, the last ones after the deadline, follows each
receipt redirect like a browser would, and stops when its proposals are done. The database
is then asked whether every receipt is a stored submission and whether any submission came
in late.
"""

import datetime as dt
import http.client
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.utils import timezone

from benchmarks.bulk import COUNTRIES, bulk
from benchmarks.pages import TRIVIAL_URL, p95
from cooperation.accounts.roles import Role
from cooperation.models import Membership, Organisation, User
from cooperation.organisations.models import MembershipRole, OrganisationType
from funding.calls.models.calls import ActionType
from funding.models import Call, Partner, Programme, Proposal, ProposalSubmission, Topic
from funding.proposals.models import Attachment, AttachmentKind, PartnerRole

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30


def rush_fixture(*, clients: int, per_client: int, opening_at, deadline_at) -> dict:
    """A topic closing at `deadline_at`, and per client an account and organisation with
    `per_client` complete draft proposals ready to submit."""
    programme = Programme.objects.get(code="HORIZON")
    stamp = deadline_at.strftime("%H%M%S")
    applicant_group = Group.objects.get(name=Role.APPLICANT)
    with transaction.atomic():
        call = Call.objects.create(
            programme=programme,
            identifier=f"RUSH-{stamp}-CALL",
            title="Deadline rush",
            published_at=opening_at,
        )
        topic = Topic.objects.create(
            call=call,
            identifier=f"RUSH-{stamp}-TOPIC",
            title="Deadline rush",
            action_type=ActionType.RIA,
            opening_at=opening_at,
            deadline_at=deadline_at,
            budget=Decimal("100000000.00"),
        )
        organisations = bulk(
            Organisation,
            [
                Organisation(
                    legal_name=f"Rush organisation {stamp} {c:03d}",
                    country=COUNTRIES[c % len(COUNTRIES)],
                    organisation_type=OrganisationType.PUBLIC_BODY,
                )
                for c in range(clients)
            ],
        )
        organisations = list(
            Organisation.objects.filter(
                legal_name__startswith=f"Rush organisation {stamp} "
            ).order_by("legal_name")
        )
        users = bulk(
            User,
            [
                User(
                    email=f"rush{c:03d}.{stamp}@bench.example.eu",
                    password="!",  # never signs in with a password: sessions are made for it
                    email_confirmed_at=opening_at,
                )
                for c in range(clients)
            ],
        )
        users = list(
            User.objects.filter(email__endswith=f".{stamp}@bench.example.eu").order_by("email")
        )
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=applicant_group.pk) for u in users]
        )
        bulk(
            Membership,
            [
                Membership(user=u, organisation=o, role=MembershipRole.CONTACT)
                for u, o in zip(users, organisations, strict=True)
            ],
        )
        bulk(
            Proposal,
            [
                Proposal(
                    topic=topic,
                    number=f"R-{stamp}-{c:03d}-{k:03d}",
                    acronym=f"RUSH{c}X{k}",
                    title="Last-minute proposal",
                    abstract="Submitted in the last minute before the deadline.",
                    duration_months=24,
                    coordinator=organisations[c],
                    created_by=users[c],
                    updated_by=users[c],
                    updated_at=opening_at,
                )
                for c in range(clients)
                for k in range(per_client)
            ],
        )
        proposals = list(Proposal.objects.filter(topic=topic).order_by("number"))
        bulk(
            Partner,
            [
                Partner(
                    proposal=p,
                    organisation_id=p.coordinator_id,
                    role=PartnerRole.COORDINATOR,
                    personnel_costs=Decimal("300000.00"),
                    purchase_costs=Decimal("20000.00"),
                )
                for p in proposals
            ],
        )
        bulk(
            Attachment,
            [
                Attachment(
                    proposal=p,
                    kind=AttachmentKind.PART_B,
                    file=f"bench/{p.number}-part-b.pdf",
                    original_name="part-b.pdf",
                    content_type="application/pdf",
                    size=123456,
                    sha256="a" * 64,
                    uploaded_at=opening_at,
                )
                for p in proposals
            ],
        )
    plan = {u.pk: [] for u in users}
    by_org = {o.pk: u for u, o in zip(users, organisations, strict=True)}
    for p in proposals:
        plan[by_org[p.coordinator_id].pk].append(p.pk)
    return {"topic": topic, "users": users, "plan": plan}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _session_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that signs people in (the first, django-axes's, only counts failures).
    session[BACKEND_SESSION_KEY] = "cooperation.accounts.auth.EmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def start_server(port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",
        "--timeout=60",
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


class Client(threading.Thread):
    def __init__(self, *, port, session_key, proposals, start_at, span, rng, deadline):
        super().__init__(daemon=True)
        self.port, self.proposals = port, proposals
        self.start_at, self.span, self.rng, self.deadline = start_at, span, rng, deadline
        self.token = secrets.token_hex(16)  # a 32-character CSRF secret, as the cookie holds
        self.cookie = f"sessionid={session_key}; csrftoken={self.token}"
        self.latencies, self.errors, self.accepted, self.refused = [], [], [], []
        self.early_refusals, self.late_acceptances = [], []

    def _request(self, connection, method, path, body=None):
        headers = {"Cookie": self.cookie, "Host": f"127.0.0.1:{self.port}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.token
        started = time.time()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        finished = time.time()
        self.latencies.append(finished - started)
        return response, started, finished

    def run(self):
        count = len(self.proposals)
        for k, pk in enumerate(self.proposals):
            when = self.start_at + self.span * (k + self.rng.random()) / count
            time.sleep(max(0.0, when - time.time()))
            # A new connection per submission, as a browser opens one after a pause: an idle
            # keep-alive connection may have been closed by the server in the meantime.
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
            try:
                self._submit(connection, pk)
            except (OSError, http.client.HTTPException) as error:
                self.errors.append(type(error).__name__)
            finally:
                connection.close()

    def _submit(self, connection, pk):
        response, started, finished = self._request(
            connection,
            "POST",
            f"/applicant/proposals/{pk}/submit/",
            urlencode({"csrfmiddlewaretoken": self.token}),
        )
        location = response.getheader("Location", "")
        if response.status == 302 and "/receipts/" in location:
            self.accepted.append(pk)
            if started >= self.deadline:
                self.late_acceptances.append(pk)
            receipt, _started, _finished = self._request(connection, "GET", location)
            if receipt.status != 200:
                self.errors.append(f"receipt {receipt.status}")
        elif response.status == 302 and location.rstrip("/").endswith(f"/{pk}"):
            self.refused.append(pk)
            if finished < self.deadline:
                self.early_refusals.append(pk)
        else:
            self.errors.append(f"submit {response.status}")


def run_rush(
    *,
    clients: int,
    per_client: int,
    rush_seconds: float,
    late_seconds: float,
    workers: int,
    threads: int,
    results_dir: Path,
) -> dict:
    now = timezone.now()
    fixture = rush_fixture(
        clients=clients,
        per_client=per_client,
        opening_at=now - dt.timedelta(days=30),
        deadline_at=now + dt.timedelta(hours=1),  # moved to the real deadline below
    )
    topic = fixture["topic"]
    sessions = {user.pk: _session_for(user) for user in fixture["users"]}
    port = _free_port()
    server = start_server(port, workers, threads, results_dir / "gunicorn.log")
    try:
        start_at = time.time() + 1.0
        deadline = start_at + rush_seconds
        deadline_at = dt.datetime.fromtimestamp(deadline, tz=dt.UTC)
        Topic.objects.filter(pk=topic.pk).update(deadline_at=deadline_at)
        rng = random.Random(2026)
        threads_ = [
            Client(
                port=port,
                session_key=sessions[user_pk],
                proposals=pks,
                start_at=start_at,
                span=rush_seconds + late_seconds,
                rng=random.Random(rng.random()),
                deadline=deadline,
            )
            for user_pk, pks in fixture["plan"].items()
        ]
        for thread in threads_:
            thread.start()
        for thread in threads_:
            thread.join(timeout=rush_seconds + late_seconds + 4 * TIMEOUT)
        wall = time.time() - start_at
    finally:
        stop_server(server)
    latencies = [v for t in threads_ for v in t.latencies]
    accepted = {pk for t in threads_ for pk in t.accepted}
    refused = {pk for t in threads_ for pk in t.refused}
    stored = ProposalSubmission.objects.filter(proposal__topic=topic)
    stored_ids = set(stored.values_list("proposal_id", flat=True))
    late_in_db = stored.filter(submitted_at__gte=deadline_at).count()
    return {
        "clients": clients,
        "proposals": clients * per_client,
        "gunicorn": f"{workers} workers x {threads} threads (gthread)",
        "rush_seconds": rush_seconds,
        "late_seconds": late_seconds,
        "wall_seconds": wall,
        "requests": len(latencies),
        "errors": sum(len(t.errors) for t in threads_),
        "error_kinds": sorted({e for t in threads_ for e in t.errors}),
        "median_ms": statistics.median(latencies) * 1000 if latencies else None,
        "p95_ms": p95(latencies) * 1000 if latencies else None,
        "max_ms": max(latencies) * 1000 if latencies else None,
        "accepted_receipts": len(accepted),
        "refused_after_deadline": len(refused),
        "refused_before_deadline": sum(len(t.early_refusals) for t in threads_),
        "submissions_in_database": len(stored_ids),
        "lost": len(accepted - stored_ids) + len(stored_ids - accepted),
        "late_in_database": late_in_db,
        "late_acceptances_seen_by_clients": sum(len(t.late_acceptances) for t in threads_),
        "refused_but_stored": len(refused & stored_ids),
    }
