"""The instant a request reached the server: gunicorn's worker stamps it before the request
waits for a thread, and the middleware takes that stamp, never one a client could forge or
one later than its own clock."""

import datetime as dt
import selectors
import socket
import time
from collections import deque
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from gunicorn.workers.gthread import ThreadWorker

from config.gunicorn_worker import ArrivalThreadWorker
from core.middleware import ARRIVAL_ENVIRON_KEY, RequestArrivalMiddleware


def _arrival(**meta):
    request = RequestFactory().get("/", **meta)
    RequestArrivalMiddleware(lambda r: None)(request)
    return request.received_at


def test_the_servers_stamp_counts_when_it_is_earlier():
    earlier = time.time() - 3.5
    arrived = _arrival(**{ARRIVAL_ENVIRON_KEY: earlier})
    assert arrived == dt.datetime.fromtimestamp(earlier, tz=dt.UTC)


@pytest.mark.parametrize(
    "meta",
    [
        lambda: {ARRIVAL_ENVIRON_KEY: time.time() + 60},  # later than the clock: ignored
        lambda: {ARRIVAL_ENVIRON_KEY: "1.0"},  # not a number
        lambda: {ARRIVAL_ENVIRON_KEY: True},
        lambda: {"HTTP_CSA_ARRIVED_AT": "1.0"},  # a client's header is another key
    ],
)
def test_anything_else_leaves_the_middlewares_clock(meta):
    before = dt.datetime.now(dt.UTC)
    assert _arrival(**meta()) >= before


class _Pool:
    def __init__(self):
        self.submitted = []

    def submit(self, function, conn):
        self.submitted.append(conn)
        return SimpleNamespace(add_done_callback=lambda callback: None)


@pytest.fixture
def worker(monkeypatch):
    worker = ArrivalThreadWorker.__new__(ArrivalThreadWorker)
    worker.tpool, worker.poller = _Pool(), selectors.DefaultSelector()
    worker.pending_conns, worker.keepalived_conns = deque(), deque()
    worker.cfg = SimpleNamespace(keepalive=2)
    worker.method_queue = SimpleNamespace(defer=lambda *args: None)
    yield worker
    worker.poller.close()


def test_a_connection_is_stamped_once_its_request_is_there_not_at_accept(worker):
    server_side, client_side = socket.socketpair()
    conn = SimpleNamespace(sock=server_side, initialized=False, data_ready=False)
    worker.enqueue_req(conn)  # accepted, nothing sent yet: waits in the poller, no thread
    assert worker.tpool.submitted == [] and list(worker.pending_conns) == [conn]
    client_side.sendall(b"POST /submit/ HTTP/1.1\r\n\r\n")
    sent = time.time()
    worker.on_pending_socket_readable(conn, server_side)
    assert worker.tpool.submitted == [conn]
    assert sent <= conn.csa_arrived_at <= time.time()
    server_side.close(), client_side.close()


def test_the_stamp_reaches_the_application_once_and_replaces_a_forged_one(worker, monkeypatch):
    seen = []

    def application(environ, start_response):
        seen.append(environ.get(ARRIVAL_ENVIRON_KEY))
        return []

    def handle_request(self, req, conn):  # gunicorn's: builds the environ, calls the app
        return self.wsgi({ARRIVAL_ENVIRON_KEY: 1.0}, None)

    monkeypatch.setattr(ThreadWorker, "load_wsgi", lambda self: None)
    monkeypatch.setattr(ThreadWorker, "handle_request", handle_request)
    worker.wsgi = application
    worker.load_wsgi()
    conn = SimpleNamespace(csa_arrived_at=1234.5)
    worker.handle_request(None, conn)
    worker.handle_request(None, conn)  # the next request on the connection: no stale stamp
    assert seen == [1234.5, None]
