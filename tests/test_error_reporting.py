"""Errors are seen without sending personal data: Sentry only when SENTRY_DSN is set, every
event scrubbed before it leaves; production logs one JSON object per line, e-mails masked."""

import copy
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.http import HttpResponse
from django.test import RequestFactory

from config.logs import JsonLogFormatter, RequestIdMiddleware
from config.security import RedactPersonalData
from config.sentry import scrub_event

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x-very-long-random-secret-key-for-the-error-reporting-test-0123456789",
    "ALLOWED_HOSTS": "testserver",
    "LOG_LEVEL": "INFO",
}

# An event as sentry-sdk's Django integration builds it for a failed POST by a signed-in
# user (request, user, exception with frame variables, a logging breadcrumb).
DJANGO_EVENT = {
    "level": "error",
    "platform": "python",
    "transaction": "/accounts/confirm/{uidb64}/{token}/",
    "request": {
        "url": "https://csa.example.eu/accounts/confirm/MTI/cz6bq4-3a5f0e2b9c/",
        "method": "POST",
        "query_string": "email=anna.devries%40example.eu&next=/profile/",
        "cookies": {"sessionid": "k3l9a0s8d7f6", "csrftoken": "Zx81"},
        "headers": {
            "Host": "csa.example.eu",
            "Cookie": "sessionid=k3l9a0s8d7f6; csrftoken=Zx81",
            "Authorization": "Bearer eyJhbGciOi",
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64)",
            "Referer": "https://csa.example.eu/accounts/login/?email=anna.devries@example.eu",
            "X-Forwarded-For": "203.0.113.7",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        "data": {"email": "anna.devries@example.eu", "first_name": "Anna"},
        "env": {"REMOTE_ADDR": "203.0.113.7", "SERVER_NAME": "csa.example.eu"},
    },
    "user": {
        "id": "12",
        "email": "anna.devries@example.eu",
        "username": "anna.devries@example.eu",
        "ip_address": "203.0.113.7",
    },
    "exception": {
        "values": [
            {
                "type": "IntegrityError",
                "value": "duplicate key: Key (email)=(anna.devries@example.eu) already exists.",
                "stacktrace": {
                    "frames": [
                        {
                            "module": "cooperation.accounts.services",
                            "function": "user_sign_up",
                            "lineno": 40,
                            "vars": {"email": "'anna.devries@example.eu'", "password": "'s3cret'"},
                        }
                    ]
                },
            }
        ]
    },
    "breadcrumbs": {
        "values": [
            {
                "category": "cooperation",
                "level": "warning",
                "message": "Sign-in refused for anna.devries@example.eu",
            }
        ]
    },
    "logentry": {"message": "Sign-up failed for %s", "params": ["anna.devries@example.eu"]},
    "extra": {"sys.argv": ["gunicorn", "config.wsgi"]},
}


def test_scrubbing_removes_what_could_name_a_person_and_keeps_what_debugs():
    event = scrub_event(copy.deepcopy(DJANGO_EVENT), {})
    request = event["request"]
    assert "cookies" not in request and "data" not in request and "query_string" not in request
    assert set(request["headers"]) == {"Host", "Content-Type"}
    assert request["env"] == {"SERVER_NAME": "csa.example.eu"}
    # The one-time token and the account key in the path are credentials: masked.
    assert request["url"] == "https://csa.example.eu/accounts/confirm/[uidb64]/[token]/"
    assert event["user"] == {"id": "12"}
    frame = event["exception"]["values"][0]["stacktrace"]["frames"][0]
    assert "vars" not in frame and frame["function"] == "user_sign_up"
    assert event["exception"]["values"][0]["type"] == "IntegrityError"
    sent = json.dumps(event)
    for personal in ("anna.devries", "203.0.113.7", "k3l9a0s8d7f6", "Bearer", "s3cret"):
        assert personal not in sent, personal
    assert "[e-mail]" in event["exception"]["values"][0]["value"]
    assert event["breadcrumbs"]["values"][0]["message"] == "Sign-in refused for [e-mail]"
    assert event["extra"] == {"sys.argv": ["gunicorn", "config.wsgi"]}
    assert event["transaction"] == "/accounts/confirm/{uidb64}/{token}/"


def test_scrubbing_leaves_an_event_without_request_or_user_alone():
    event = {"level": "error", "message": "Task export_portfolio failed", "tags": {"q": "x"}}
    assert scrub_event(copy.deepcopy(event), {}) == event


def _run_production(script: str, **environment) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SENTRY_", "DJANGO_"))},
        **PRODUCTION,
        **environment,
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


_NO_DSN = """
import json, logging
import django
django.setup()
import sentry_sdk
logging.getLogger("cooperation.accounts").warning("Sign-in refused for anna@example.eu")
print(json.dumps({"active": sentry_sdk.get_client().is_active()}))
"""


def test_without_sentry_dsn_no_sdk_starts_and_logs_are_json_lines():
    run = _run_production(_NO_DSN)
    assert json.loads(run.stdout) == {"active": False}
    [line] = [line for line in run.stderr.splitlines() if "Sign-in refused" in line]
    record = json.loads(line)
    assert record["message"] == "Sign-in refused for [e-mail]"
    assert record["level"] == "WARNING" and record["logger"] == "cooperation.accounts"
    assert record["time"].endswith("+00:00") and "request_id" in record


# A real request through the WSGI application (the production middleware, sentry-sdk's
# Django integration and our scrubber); the events are kept by a transport of our own.
_WITH_DSN = """
import io, json, sys, types, wsgiref.util
from urllib.parse import urlencode
import django
django.setup()
import sentry_sdk
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from sentry_sdk.transport import Transport

class Capture(Transport):
    events = []
    def capture_envelope(self, envelope):
        event = envelope.get_event()
        if event is not None:
            self.events.append(event)

@csrf_exempt
def boom(request, token):
    request.user = types.SimpleNamespace(
        pk=12, email="anna@example.eu", is_authenticated=True,
        get_username=lambda: "anna@example.eu",
    )
    raise ValueError("could not notify anna@example.eu")

probe = types.ModuleType("probe_urls")
probe.urlpatterns = [path("boom/<token>/", boom)]
sys.modules["probe_urls"] = probe
settings.ROOT_URLCONF = "probe_urls"
settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"  # no database

client = sentry_sdk.get_client()
client.transport = Capture(client.options)
options = {k: client.options[k] for k in (
    "send_default_pii", "environment", "traces_sample_rate", "include_local_variables",
    "max_request_body_size")}
options["before_send"] = client.options["before_send"].__module__

body = urlencode({"email": "anna@example.eu", "first_name": "Anna"}).encode()
environ = {
    "REQUEST_METHOD": "POST", "PATH_INFO": "/boom/one-time-secret/",
    "QUERY_STRING": "email=anna@example.eu", "wsgi.url_scheme": "https",
    "HTTP_HOST": "testserver", "SERVER_NAME": "testserver", "SERVER_PORT": "443",
    "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
    "wsgi.input": io.BytesIO(body), "REMOTE_ADDR": "203.0.113.7",
    "HTTP_AUTHORIZATION": "Bearer abc", "HTTP_COOKIE": "sessionid=k3l9a0s8d7f6",
    "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64)", "HTTP_X_REQUEST_ID": "req-42",
}
wsgiref.util.setup_testing_defaults(environ)
statuses = []
response = get_wsgi_application()(environ, lambda status, headers: statuses.append(status))
b"".join(response)
sentry_sdk.flush()
print(json.dumps({"active": client.is_active(), "options": options, "status": statuses,
                  "events": Capture.events}, default=str))
"""


def test_with_sentry_dsn_events_leave_scrubbed():
    run = _run_production(
        _WITH_DSN,
        SENTRY_DSN="https://public@sentry.example.invalid/1",
        SENTRY_ENVIRONMENT="staging",
    )
    report = json.loads(run.stdout)
    assert report["active"] is True
    assert report["options"] == {
        "send_default_pii": False,
        "environment": "staging",
        "traces_sample_rate": 0.0,
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": "config.sentry",
    }
    assert report["status"] == ["500 Internal Server Error"]
    [event] = [e for e in report["events"] if e.get("exception")]
    assert event["exception"]["values"][-1]["type"] == "ValueError"
    assert event["user"] == {"id": "12"}
    assert event["tags"]["request_id"] == "req-42"
    assert event["request"]["url"] == "https://testserver/boom/[token]/"
    assert event["request"]["method"] == "POST"
    sent = json.dumps(event)
    for personal in (
        "anna@example.eu",
        "203.0.113.7",
        "k3l9a0s8d7f6",
        "Bearer abc",
        "one-time-secret",
        "Anna",
        "Mozilla",
    ):
        assert personal not in sent, personal


def test_json_log_lines_carry_time_level_logger_message_and_request_id():
    formatter = JsonLogFormatter()
    seen = []

    def view(request):
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Bad Request: %s", ("/x/",), None
        )
        record.request = request  # as Django's request logger does
        record.status_code = 400
        RedactPersonalData().filter(record)
        seen.append(json.loads(formatter.format(record)))
        return HttpResponse()

    request = RequestFactory().get("/x/?email=anna@example.eu", HTTP_X_REQUEST_ID="bad id\n")
    response = RequestIdMiddleware(view)(request)
    [line] = seen
    assert set(line) >= {"time", "level", "logger", "message", "request_id", "status_code"}
    assert "request" not in line and "anna@example.eu" not in json.dumps(line)
    # An incoming id that is not a plain token is replaced by one of ours.
    assert line["request_id"] == response["X-Request-ID"] and len(line["request_id"]) == 32


def test_e_mails_are_masked_in_the_whole_json_line_tracebacks_included():
    formatter = JsonLogFormatter()
    try:
        raise ValueError("no account for anna@example.eu")
    except ValueError:
        record = logging.LogRecord(
            "cooperation", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    line = formatter.format(record)
    assert "\n" not in line and "anna@example.eu" not in line and "[e-mail]" in line
