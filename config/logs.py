"""Production logs: one JSON object per line (python-json-logger), with the request's id.

Each line holds time (UTC, ISO 8601), level, logger, message, request_id and whatever
`extra` the caller passed; e-mail addresses in any of them are masked. Django's request
object, which its request logger passes along, is left out: its text carries the query
string.
"""

import contextvars
import re
import uuid

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from config.security import redact_emails_in

_REQUEST_ID = contextvars.ContextVar("request_id", default=None)
# An id set by the reverse proxy is kept if it is a plain token; anything else is replaced.
_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def current_request_id() -> str | None:
    return _REQUEST_ID.get()


class RequestIdMiddleware:
    """Give every request an id: in its log lines, its Sentry events and the X-Request-ID
    response header, so that a person can quote it and staff can find the lines."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = _REQUEST_ID.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _REQUEST_ID.reset(token)
        response["X-Request-ID"] = request_id
        return response


class JsonLogFormatter(JsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["levelname", "name", "message"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "taskName"])
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data):
        log_data["request_id"] = current_request_id()
        return redact_emails_in(super().process_log_record(log_data))
