"""The instant each request reached the application.

`RequestArrivalMiddleware` comes first in MIDDLEWARE, so it reads the clock before
sessions, sign-in, any row lock or any queue inside the application: a deadline-bound
action (submitting a proposal, reopening it) is judged by `request.received_at`, the
moment the applicant's request arrived, not by when it got its turn.
"""

import datetime as dt

from django.utils import timezone


class RequestArrivalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.received_at = timezone.now()
        return self.get_response(request)


def received_at(request) -> dt.datetime:
    """When `request` reached the application (the clock now for a request built without
    the middleware, say by a test's RequestFactory: still before any lock)."""
    return getattr(request, "received_at", None) or timezone.now()
