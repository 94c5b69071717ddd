"""Optional error reporting to Sentry, started by production settings only when SENTRY_DSN is
set. Nothing that could name a person leaves: the SDK's own personal-data collection is off,
and every event (errors and performance traces alike) passes through scrub_event first.

What is sent: the exception type, message and stack (file, function, line, source lines),
the logger and level, the request's method, URL path (tokens masked) and a few harmless
headers, the user's numeric id, the release, environment and server name. What is never
sent: cookies, the session, Authorization and other headers, query strings, request bodies,
frame variables, the user's e-mail, name or IP address; e-mail addresses in any remaining
text are replaced by [e-mail].
"""

import contextlib
import weakref
from urllib.parse import urlsplit, urlunsplit

import sentry_sdk
from django.urls import Resolver404, resolve

from config.logs import current_request_id
from config.security import redact_emails_in

# Headers that help to read an error and say nothing about the person.
_KEPT_HEADERS = {"host", "content-type", "content-length", "accept", "accept-language"}
_KEPT_ENVIRON = {"SERVER_NAME", "SERVER_PORT"}
# URL parts that are credentials (confirmation, reset and invitation links).
_SECRET_URL_KWARGS = ("uidb64", "token")


def sentry_start(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
    )


class SentryRequestMiddleware:
    """Tag the request's events with its id and the signed-in user's numeric id, the one
    fact about the user that is sent (send_default_pii stays off). Installed only when
    SENTRY_DSN is set, after config.logs.RequestIdMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = sentry_sdk.get_isolation_scope()  # one per request (the WSGI integration)
        scope.set_tag("request_id", current_request_id())
        scope.add_event_processor(_user_id_processor(weakref.ref(request)))
        return self.get_response(request)


def _user_id_processor(weak_request):
    def add_user_id(event, hint):
        request = weak_request()
        user = getattr(request, "user", None)
        with contextlib.suppress(Exception):  # a broken database must not lose the event
            if user is not None and user.is_authenticated:
                event["user"] = {"id": str(user.pk)}
        return event

    return add_user_id


def _scrub_url(url: str) -> str:
    """The URL without query or fragment, tokens in its path masked."""
    parts = urlsplit(url)
    path = parts.path
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is not None:
        for name in _SECRET_URL_KWARGS:
            value = match.kwargs.get(name)
            if value:
                path = path.replace(f"/{value}/", f"/[{name}]/")
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _scrub_request(request: dict) -> None:
    for key in ("cookies", "data", "query_string"):
        request.pop(key, None)
    if isinstance(request.get("headers"), dict):
        request["headers"] = {
            name: value
            for name, value in request["headers"].items()
            if name.lower() in _KEPT_HEADERS
        }
    if isinstance(request.get("env"), dict):
        request["env"] = {k: v for k, v in request["env"].items() if k in _KEPT_ENVIRON}
    if isinstance(request.get("url"), str):
        request["url"] = _scrub_url(request["url"])


def _frames(event: dict):
    for section in ("exception", "threads"):
        for value in (event.get(section) or {}).get("values") or []:
            yield from (value.get("stacktrace") or {}).get("frames") or []


def scrub_event(event: dict, hint: dict) -> dict:
    """Sentry's before_send: keep what debugs, drop what could name a person."""
    if isinstance(event.get("request"), dict):
        _scrub_request(event["request"])
    user = event.pop("user", None)
    if isinstance(user, dict) and user.get("id") is not None:
        event["user"] = {"id": user["id"]}
    for frame in _frames(event):
        frame.pop("vars", None)
    return redact_emails_in(event)
