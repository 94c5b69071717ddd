"""The instant each request reached the application.

`RequestArrivalMiddleware` comes first in MIDDLEWARE, so it reads the clock before
sessions, sign-in, any row lock or any queue inside the application: a deadline-bound
action (submitting a proposal, reopening it) is judged by `request.received_at`, the
moment the applicant's request arrived, not by when it got its turn.

The server in front may have read that instant earlier, before the request waited for one
of its threads: gunicorn's `config.gunicorn_worker.ArrivalThreadWorker` puts it in the WSGI
environ under ARRIVAL_ENVIRON_KEY (epoch seconds), a key no client can set (their headers
become HTTP_* keys). It is taken when it is a number no later than the middleware's own
clock; anything else is ignored and the clock read here.
"""

import datetime as dt

from django.utils import timezone

ARRIVAL_ENVIRON_KEY = "csa.arrived_at"


def _server_arrival(environ, now: dt.datetime) -> dt.datetime | None:
    stamp = environ.get(ARRIVAL_ENVIRON_KEY)
    if not isinstance(stamp, float | int) or isinstance(stamp, bool):
        return None
    arrived = dt.datetime.fromtimestamp(stamp, tz=dt.UTC)
    return arrived if arrived <= now else None


class RequestArrivalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = timezone.now()
        request.received_at = _server_arrival(request.META, now) or now
        return self.get_response(request)


def received_at(request) -> dt.datetime:
    """When `request` reached the application (the clock now for a request built without
    the middleware, say by a test's RequestFactory: still before any lock)."""
    return getattr(request, "received_at", None) or timezone.now()
