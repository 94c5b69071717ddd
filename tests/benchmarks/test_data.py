"""The benchmark's data measures what it claims: the applicant's dashboard shows the same
proposals at every size, and the figures carry the database settings they were measured on."""

import sqlite3

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from benchmarks.generate import APPLICANT_PROPOSALS, _proposals, database_settings
from funding.models import Partner, Proposal
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories import TopicFactory

pytestmark = pytest.mark.django_db


def _applicant_proposals(organisation) -> set[str]:
    return set(
        Proposal.objects.filter(
            Q(coordinator=organisation) | Q(partners__organisation=organisation)
        ).values_list("number", flat=True)
    )


def test_the_applicants_organisation_has_the_same_proposals_at_every_size():
    topics = [TopicFactory(), TopicFactory()]
    organisations = [OrganisationFactory() for _ in range(12)]
    now = timezone.now()
    _proposals(APPLICANT_PROPOSALS + 10, topics, organisations, now)
    at_probe = _applicant_proposals(organisations[0])
    _proposals(APPLICANT_PROPOSALS + 300, topics, organisations, now)  # grown
    assert _applicant_proposals(organisations[0]) == at_probe
    assert len(at_probe) == APPLICANT_PROPOSALS
    # Everyone else's proposals did grow, with partners from the other organisations.
    assert Proposal.objects.count() == APPLICANT_PROPOSALS + 300
    assert Partner.objects.exclude(organisation=organisations[0]).count() > 600


def test_the_figures_name_the_database_settings_they_were_measured_on():
    settings = database_settings()
    if connection.vendor == "postgresql":
        assert {"server_version", "jit", "shared_buffers", "work_mem"} <= settings.keys()
        assert settings["jit"] in {"on", "off"}
    else:
        assert settings == {"sqlite_version": sqlite3.sqlite_version}


@pytest.mark.django_db(transaction=True)
def test_the_data_is_settled_after_the_bulk_inserts():
    """`settle` runs outside any transaction (PostgreSQL refuses VACUUM inside one)."""
    from benchmarks.generate import settle

    TopicFactory()
    settle()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL "
                "FROM pg_stat_user_tables WHERE relname = 'funding_topic'"
            )
            assert cursor.fetchone() == (True,)
    else:
        with connection.cursor() as cursor:  # ANALYZE writes SQLite's statistics table
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'funding_topic'")
            assert cursor.fetchone()[0] >= 1
