import logging

import pytest
from django.urls import reverse

from config.security import RedactPersonalData

pytestmark = pytest.mark.django_db


def test_public_pages_forbid_inline_and_foreign_scripts(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert script_src.strip() == "script-src 'self'"
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_carry_no_inline_scripts_or_cdn(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "<script>" not in body
    assert "cdn" not in body.lower()
    assert "//fonts.googleapis" not in body


def test_logs_do_not_keep_email_addresses():
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "Sign-in failed for %s", ("anna@politie.nl",), None
    )
    RedactPersonalData().filter(record)
    assert record.getMessage() == "Sign-in failed for [e-mail]"


def test_confirmation_does_not_put_the_address_in_the_url(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:sign_up"),
            {
                "first_name": "A",
                "last_name": "B",
                "email": "someone@example.eu",
                "password1": "Stronger-passphrase-42",
                "password2": "Stronger-passphrase-42",
            },
        )
    link = mail.outbox[0].body.split("http://testserver")[1].split()[0]
    response = client.get(link)
    assert "@" not in response.url
    assert 'value="someone@example.eu"' in client.get(response.url).content.decode()
