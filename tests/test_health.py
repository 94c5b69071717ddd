"""The health check: 200 when the database and the file storage answer, 503 otherwise,
and nothing in its body but "ok" or "unavailable" for each."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from config import health

pytestmark = pytest.mark.django_db

SECRET = "password=hunter2 host=db.internal"


class Unreachable:
    def exists(self, name):
        raise OSError(f"Could not connect to the endpoint URL: {SECRET}")

    def cursor(self):
        raise OperationalError(f"connection refused: {SECRET}")


def test_healthy_host_answers_200_for_anyone(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "storage": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unreachable_storage_answers_503_without_the_reason(client, monkeypatch):
    monkeypatch.setattr(health, "private_storage", Unreachable)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "storage": "unavailable"}
    assert SECRET not in response.content.decode()


def test_unreachable_database_answers_503_without_the_reason(client, monkeypatch):
    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "storage": "ok"}
    assert SECRET not in response.content.decode()


def test_only_get(client):
    assert client.post(reverse("health")).status_code == 405
