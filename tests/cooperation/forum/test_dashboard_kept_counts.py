"""The secretariat dashboard's counts are computed once for each state of the rows they count
and kept (cooperation.forum.dashboard_counts): a second view runs no count, and after every
kind of write of a counted row the dashboard shows the counts computed afresh, also under
the production cache (the database's table), as a second process sees it."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperation.forum.dashboard_counts import COUNTRIES, dashboard_counts
from cooperation.forum.models.commitments import Completion, UpdateKind
from cooperation.forum.selectors import commitment_counts, stakeholder_counts
from cooperation.forum.services import commitment_record_progress
from cooperation.models import Commitment, DashboardCountsState, Organisation, Stakeholder
from tests.cooperation.factories import OrganisationFactory
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    ProgressUpdateFactory,
    StakeholderFactory,
    WorkstreamFactory,
    move_commitment,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _afresh():
    return (*commitment_counts(), *stakeholder_counts(countries=COUNTRIES))


def _counting(sql: str) -> bool:
    return "COUNT(" in sql and ("cooperation_commitment" in sql or "cooperation_stakeholder" in sql)


def _dashboard_counts_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("forum:dashboard"))
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if _counting(q["sql"])]


def test_a_second_view_of_the_dashboard_runs_no_count(client, secretariat):
    """Fails on the dashboard that counted the commitments and stakeholders on every view."""
    CommitmentFactory.create_batch(3)
    client.force_login(secretariat)
    assert len(_dashboard_counts_queries(client)) == 2, "the first view counts"
    assert _dashboard_counts_queries(client) == []
    CommitmentFactory()
    assert len(_dashboard_counts_queries(client)) == 2, "a new commitment: counted again"


def _writes(secretariat):
    """Each kind of write of a counted row, in turn (each changes the counts)."""
    prevention, reporting = (
        WorkstreamFactory(name="Prevention"),
        WorkstreamFactory(name="Reporting"),
    )
    first = StakeholderFactory(category="government", organisation__country="BE")
    commitments = []

    def create():
        commitments.append(CommitmentFactory(owner=first, workstream=prevention))
        commitments.append(CommitmentFactory(workstream=reporting))

    def record_progress():
        commitment_record_progress(
            commitment=commitments[0],
            user=secretariat,
            kind=UpdateKind.ASSESSMENT,
            date=TODAY,
            completion=Completion.SUBSTANTIAL,
            narrative="Seen.",
        )

    def factory_progress():
        ProgressUpdateFactory(commitment=commitments[1], completion=Completion.COMPLETE)

    def move():
        moved = commitments[1]
        move_commitment(moved, workstream=prevention, user=secretariat)

    def rename_workstream():
        prevention.name = "Prevention and awareness"
        prevention.save()

    def new_stakeholder():
        StakeholderFactory(category="research", organisation__country="FR")

    def recategorise():
        first.category = "law_enforcement"
        first.save()

    def move_country():
        organisation = Organisation.objects.get(pk=first.organisation_id)
        organisation.country = "AT"
        organisation.save()

    def delete_commitment():
        Commitment.objects.filter(pk=commitments[0].pk).delete()

    def delete_stakeholder():
        Stakeholder.objects.filter(category="research").delete()

    return [
        create,
        record_progress,
        factory_progress,
        move,
        rename_workstream,
        new_stakeholder,
        recategorise,
        move_country,
        delete_commitment,
        delete_stakeholder,
    ]


def _every_write_shows_the_counts_afresh(secretariat):
    for write in _writes(secretariat):
        before = dashboard_counts()
        assert dashboard_counts() == before == _afresh(), write.__name__
        write()
        assert _afresh() != before, f"{write.__name__} changes the counts"
        assert dashboard_counts() == _afresh(), write.__name__


def test_after_every_kind_of_write_the_dashboard_shows_the_counts_afresh(secretariat):
    _every_write_shows_the_counts_afresh(secretariat)


def test_the_same_under_the_production_cache(production_cache, secretariat):
    _every_write_shows_the_counts_afresh(secretariat)


def test_without_a_token_the_counts_are_computed_each_time_and_not_kept(client, secretariat):
    DashboardCountsState.objects.all().delete()
    CommitmentFactory()
    client.force_login(secretariat)
    assert len(_dashboard_counts_queries(client)) == 2
    assert len(_dashboard_counts_queries(client)) == 2
    CommitmentFactory()
    assert dashboard_counts() == _afresh()


def test_a_writer_renews_the_token_in_its_own_transaction():
    token = DashboardCountsState.objects.token()
    assert token
    CommitmentFactory()
    assert DashboardCountsState.objects.token() not in (None, token)


def test_the_migration_gives_the_dashboard_its_token():
    DashboardCountsState.objects.all().delete()
    migration = importlib.import_module("cooperation.migrations.0019_dashboard_counts_state")
    migration.start(django_apps, SimpleNamespace(connection=connection))
    assert DashboardCountsState.objects.token()


def test_an_organisation_that_is_no_stakeholder_leaves_the_token_alone():
    """The counts read an organisation only through its stakeholder: an applicant editing
    their own organisation does not make every other writer of counted rows queue on the
    dashboard's one row. Fails on the signal that renewed on every organisation save."""
    applicant_organisation = OrganisationFactory(country="BE")
    token = DashboardCountsState.objects.token()
    applicant_organisation.country = "FR"
    applicant_organisation.save()
    applicant_organisation.legal_name = "Another name"
    applicant_organisation.save(update_fields=["legal_name"])
    assert DashboardCountsState.objects.token() == token


def test_a_stakeholder_organisation_renews_the_token_unless_its_country_is_left_out():
    stakeholder = StakeholderFactory(organisation__country="BE")
    organisation = Organisation.objects.get(pk=stakeholder.organisation_id)
    token = DashboardCountsState.objects.token()
    organisation.legal_name = "Renamed"
    organisation.save(update_fields=["legal_name", "updated_at"])
    assert DashboardCountsState.objects.token() == token, "the country was not written"
    organisation.country = "FR"
    organisation.save()
    assert DashboardCountsState.objects.token() != token
    assert dashboard_counts() == _afresh()
