"""gunicorn's threaded worker, stamping the instant each request reached the server.

`gunicorn config.wsgi --worker-class config.gunicorn_worker.ArrivalThreadWorker`

Under a deadline rush more requests arrive than the threads can take at once, and gthread
keeps the ones waiting in its own queue: a request that reached the server before the
deadline may only reach Django after it. This worker reads the clock in its main thread,
the moment a request's bytes are on the socket (a kept-alive or deferred connection that
became readable, or a new connection whose request is already there) and before it waits
for a thread, and hands that instant to the application in the WSGI environ under
`core.middleware.ARRIVAL_ENVIRON_KEY`. A client cannot set that key (request headers
become HTTP_* keys). A new connection whose bytes are not there yet waits in the poller, not
in the threads' queue, until they are. Bytes read ahead on a kept-alive connection leave
no stamp: Django's middleware then reads the clock itself, later, never earlier than the
request arrived.
"""

import select
import selectors
import threading
import time
from functools import partial

from gunicorn.workers.gthread import ThreadWorker

from core.middleware import ARRIVAL_ENVIRON_KEY

_current = threading.local()


def _readable_now(sock) -> bool:
    try:
        readable, _w, _x = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return bool(readable)


class ArrivalThreadWorker(ThreadWorker):
    def enqueue_req(self, conn):
        """Stamp a connection whose request is on the socket, then queue it for a thread.
        A new connection whose request is not there yet waits in the poller instead (as
        gunicorn's own deferred connections do, for the keep-alive time) and comes back
        here, stamped, once it is readable."""
        if _readable_now(conn.sock):
            conn.csa_arrived_at = time.time()
        elif not conn.initialized and not conn.data_ready:
            conn.sock.setblocking(False)
            conn.timeout = time.monotonic() + self.cfg.keepalive
            self.pending_conns.append(conn)
            self.poller.register(
                conn.sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn)
            )
            return
        else:
            conn.csa_arrived_at = None  # bytes already read ahead: the middleware's clock
        super().enqueue_req(conn)

    def handle_request(self, req, conn):
        # One request per hand-over to a thread: the stamp is used once, then forgotten.
        _current.arrived_at, conn.csa_arrived_at = getattr(conn, "csa_arrived_at", None), None
        try:
            return super().handle_request(req, conn)
        finally:
            _current.arrived_at = None

    def load_wsgi(self):
        super().load_wsgi()
        application = self.wsgi

        def stamped(environ, start_response):
            arrived_at = getattr(_current, "arrived_at", None)
            environ.pop(ARRIVAL_ENVIRON_KEY, None)
            if arrived_at is not None:
                environ[ARRIVAL_ENVIRON_KEY] = arrived_at
            return application(environ, start_response)

        self.wsgi = stamped
