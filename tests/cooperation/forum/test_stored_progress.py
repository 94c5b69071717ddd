"""A commitment's progress is stored on its row (current level, results and source, the
latest assessment and self-report) by the service that records an update, and always says
what the updates say: the old per-request computation, kept here as the reference."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.generate_portfolio import generate_forum
from cooperation.forum.models.commitments import PROGRESS_FIELDS
from cooperation.forum.services import commitment_record_progress
from cooperation.models import Commitment, ProgressUpdate
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    ContactPersonFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
fill_migration = importlib.import_module(
    "cooperation.migrations.0017_commitment_current_completion"
)


def _latest(kind, field):
    return Subquery(
        ProgressUpdate.objects.filter(commitment=OuterRef("pk"), kind=kind)
        .order_by("-date", "-pk")
        .values(field)[:1]
    )


def _computed(queryset):
    """The computation the pages ran on every request before the values were stored."""
    return (
        queryset.annotate(
            old_assessed_completion=_latest("assessment", "completion"),
            old_assessed_results=_latest("assessment", "early_results"),
            old_assessed_on=_latest("assessment", "date"),
            old_reported_completion=_latest("self_report", "completion"),
            old_reported_results=_latest("self_report", "early_results"),
            old_reported_on=_latest("self_report", "date"),
        )
        .annotate(
            old_current_completion=Coalesce(
                F("old_assessed_completion"), F("old_reported_completion"), Value("")
            ),
            old_current_results=Case(
                When(old_assessed_completion__isnull=False, then=F("old_assessed_results")),
                default=F("old_reported_results"),
            ),
            old_current_source=Case(
                When(old_assessed_completion__isnull=False, then=Value("assessment")),
                When(old_reported_completion__isnull=False, then=Value("self_report")),
                default=Value(""),
            ),
        )
        .order_by("pk")
    )


def _mismatches(queryset=None):
    """(pk, field, stored, computed) wherever the stored value is not the computed one
    (a missing value was NULL in the computation and is "" when stored)."""
    wrong = []
    for row in _computed(queryset if queryset is not None else Commitment.objects.all()):
        for name in PROGRESS_FIELDS:
            stored, computed = getattr(row, name), getattr(row, f"old_{name}")
            missing = None if name.endswith("_on") else ""
            if stored != (computed or missing):
                wrong.append((row.pk, name, stored, computed or missing))
    return wrong


@pytest.fixture
def reporter(make_user):
    user = make_user()
    contact = ContactPersonFactory(user=user, stakeholder=StakeholderFactory())
    return user, contact.stakeholder


def _record(commitment, user, kind, days_ago, completion, results=""):
    commitment_record_progress(
        commitment=commitment,
        user=user,
        kind=kind,
        date=TODAY - dt.timedelta(days=days_ago),
        completion=completion,
        early_results=results,
        narrative=f"{kind} {days_ago} days ago",
        today=TODAY,
    )


def test_the_stored_progress_follows_every_update_whatever_the_order_of_dates(
    secretariat, reporter
):
    user, owner = reporter
    commitment = CommitmentFactory(owner=owner)
    other = CommitmentFactory(owner=owner)
    assert _mismatches() == []
    assert Commitment.objects.get(pk=commitment.pk).current_completion == ""
    steps = [
        (user, "self_report", 10, "limited", "marginal"),
        # Entered later, dated earlier: the one of 10 days ago stays the latest.
        (user, "self_report", 20, "not_started", ""),
        (secretariat, "assessment", 30, "substantial", "major"),
        # Same date as the assessment above: the later entry wins.
        (secretariat, "assessment", 30, "limited", "no_change"),
        (user, "self_report", 1, "complete", "outstanding"),
        (secretariat, "assessment", 40, "complete", "major"),
    ]
    for step in steps:
        _record(commitment, *step)
        assert _mismatches() == []
    stored = Commitment.objects.get(pk=commitment.pk)
    assert (stored.current_completion, stored.current_results, stored.current_source) == (
        "limited",
        "no_change",
        "assessment",
    )
    assert (stored.reported_completion, stored.reported_on) == (
        "complete",
        TODAY - dt.timedelta(days=1),
    )
    assert Commitment.objects.get(pk=other.pk).current_completion == ""


def test_the_service_leaves_the_callers_commitment_up_to_date(secretariat):
    commitment = CommitmentFactory()
    _record(commitment, secretariat, "assessment", 3, "substantial", "major")
    assert (commitment.current_completion, commitment.assessed_on) == (
        "substantial",
        TODAY - dt.timedelta(days=3),
    )


def test_a_deleted_update_is_forgotten_once_refreshed(secretariat, reporter):
    """Nothing in the product deletes an update (they are history; only a deleted commitment
    takes its own with it), but the refresh reads whatever rows exist."""
    user, owner = reporter
    commitment = CommitmentFactory(owner=owner)
    _record(commitment, user, "self_report", 5, "limited")
    _record(commitment, secretariat, "assessment", 2, "complete")
    ProgressUpdate.objects.filter(commitment=commitment, kind="assessment").delete()
    Commitment.objects.filter(pk=commitment.pk).refresh_progress()
    assert _mismatches() == []
    assert Commitment.objects.get(pk=commitment.pk).current_source == "self_report"


def test_the_migration_fills_what_the_updates_say(secretariat, reporter):
    user, owner = reporter
    commitments = [CommitmentFactory(owner=owner) for _ in range(3)]
    _record(commitments[0], user, "self_report", 5, "limited", "marginal")
    _record(commitments[1], secretariat, "assessment", 5, "complete", "major")
    _record(commitments[1], user, "self_report", 1, "substantial")
    blank = {name: "" for name in PROGRESS_FIELDS if not name.endswith("_on")}
    Commitment.objects.update(assessed_on=None, reported_on=None, **blank)
    assert _mismatches() != []
    fill_migration.fill_progress(apps, connection.schema_editor())
    assert _mismatches() == []


def test_the_benchmark_data_stores_its_progress():
    generate_forum(stakeholders=4, commitments=12, today=TODAY)
    generated = Commitment.objects.filter(title__startswith="Bench commitment ")
    assert generated.count() == 12
    assert set(generated.values_list("current_source", flat=True)) == {
        "assessment",
        "self_report",
    }
    assert _mismatches(generated) == []


def _level_counts_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("forum:dashboard"))
    assert response.status_code == 200
    return response, [
        q["sql"] for q in queries.captured_queries if "current_completion" in q["sql"]
    ]


def test_the_dashboard_counts_levels_in_one_group_by_on_the_stored_level(
    client, secretariat, reporter
):
    user, owner = reporter
    for n, level in enumerate(["limited", "limited", "complete"]):
        _record(CommitmentFactory(owner=owner), user, "self_report", n, level)
    CommitmentFactory(owner=owner)
    client.force_login(secretariat)
    response, level_queries = _level_counts_queries(client)
    counts = dict(response.context["by_level"])
    assert (counts["No update yet"], counts["Limited"], counts["Complete"]) == (1, 2, 1)
    grouped = [sql for sql in level_queries if "GROUP BY" in sql]
    assert len(grouped) == 1
    # Read from the commitment row: no progress update is looked at to count levels.
    assert "progressupdate" not in grouped[0].lower()


def test_the_dashboard_costs_the_same_queries_with_three_times_the_commitments(
    client, secretariat, reporter
):
    user, owner = reporter
    client.force_login(secretariat)

    def add(n):
        for i in range(n):
            commitment = CommitmentFactory(owner=owner, due_date=TODAY - dt.timedelta(days=i))
            _record(commitment, user, "self_report", i % 7, "limited")
            _record(commitment, secretariat, "assessment", i % 5, "substantial")

    add(5)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("forum:dashboard"))
    add(10)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("forum:dashboard"))
    assert len(many) == len(few)
    assert sum("progressupdate" in q["sql"].lower() for q in many.captured_queries) == 1
