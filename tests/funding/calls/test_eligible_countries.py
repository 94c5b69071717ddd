"""The countries each programme counts for geographical diversity: reference data with
validity dates, seeded with defaults, kept by programme managers in the Wagtail admin."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from core.brussels import BRUSSELS
from funding.calls.country_defaults import MEMBER_STATES
from funding.calls.services import programme_seed_eligible_countries
from funding.models import EligibleCountry, Programme
from tests.funding.factories import ProgrammeFactory, TopicFactory

pytestmark = pytest.mark.django_db

codes_for = EligibleCountry.objects.codes_for


def test_every_programme_counts_the_27_member_states_isf_police_without_denmark():
    assert len(MEMBER_STATES) == 27
    isf = ProgrammeFactory(code="ISFP", name="Internal Security Fund – Police")
    horizon = ProgrammeFactory(code="HORIZON")
    h2020 = ProgrammeFactory(code="H2020", name="Horizon 2020")
    today = dt.date(2026, 3, 1)
    assert codes_for(isf.pk, today) == frozenset(MEMBER_STATES) - {"DK"}
    assert codes_for(h2020.pk, today) == frozenset(MEMBER_STATES)
    assert frozenset(MEMBER_STATES) | {"NO", "IS", "UA", "GB", "CH"} <= codes_for(horizon.pk, today)
    assert not {"US", "CN"} & codes_for(horizon.pk, today)


def test_an_associated_country_counts_from_its_date_only():
    horizon = ProgrammeFactory(code="HORIZON")
    assert "GB" not in codes_for(horizon.pk, dt.date(2023, 12, 31))
    assert "GB" in codes_for(horizon.pk, dt.date(2024, 1, 1))
    ended = EligibleCountry.objects.get(programme=horizon, country="NO")
    ended.valid_to = dt.date(2025, 6, 30)
    ended.save()
    assert "NO" in codes_for(horizon.pk, dt.date(2025, 6, 30))
    assert "NO" not in codes_for(horizon.pk, dt.date(2025, 7, 1))


def test_the_topic_deadline_is_read_as_a_brussels_date():
    topic = TopicFactory()
    # 31 December 2023, 23:30 UTC is already 1 January 2024 in Brussels.
    topic.deadline_at = dt.datetime(2023, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert topic.deadline_at.astimezone(BRUSSELS).date() == dt.date(2024, 1, 1)
    assert "GB" in EligibleCountry.objects.codes_for_topic(topic)


def test_seeding_leaves_a_programme_with_rows_as_its_managers_left_it():
    horizon = ProgrammeFactory(code="HORIZON")
    EligibleCountry.objects.filter(programme=horizon, country="TR").delete()
    assert programme_seed_eligible_countries(programme=horizon) == 0
    assert not EligibleCountry.objects.filter(programme=horizon, country="TR").exists()


def test_the_migration_seeds_the_programmes_that_exist():
    bare = [Programme.objects.create(code=code, name=code) for code in ("ISFP", "HORIZON")]
    EligibleCountry.objects.filter(programme__in=bare).delete()
    migration = importlib.import_module("funding.migrations.0009_eligible_countries")
    migration.seed_eligible_countries(apps, None)
    isf, horizon = bare
    assert EligibleCountry.objects.filter(programme=isf).count() == 26
    assert EligibleCountry.objects.filter(programme=isf, country="DK").count() == 0
    associated = EligibleCountry.objects.filter(programme=horizon, kind="associated")
    assert associated.count() == 20
    assert all("Unverified" in row.note for row in associated)


def test_overlapping_periods_of_one_country_are_refused():
    from django.core.exceptions import ValidationError

    horizon = ProgrammeFactory(code="HORIZON")
    again = EligibleCountry(
        programme=horizon, country="GB", kind="associated", valid_from=dt.date(2025, 1, 1)
    )
    with pytest.raises(ValidationError, match="overlaps"):
        again.full_clean()
    before = EligibleCountry(
        programme=horizon,
        country="GB",
        kind="associated",
        valid_from=dt.date(2014, 1, 1),
        valid_to=dt.date(2020, 12, 31),
    )
    before.full_clean()  # an earlier, separate period is fine


# --- the admin ---------------------------------------------------------------------------


@pytest.fixture
def manager_client(client, programme_manager):
    client.force_login(programme_manager)
    return client


def test_programme_managers_list_and_filter_the_countries(manager_client):
    isf = ProgrammeFactory(code="ISFP", name="Internal Security Fund – Police")
    ProgrammeFactory(code="HORIZON")
    index = reverse("funding_eligiblecountry:index")
    response = manager_client.get(index, {"programme": isf.pk, "kind": "member_state"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Belgium" in body and "Denmark" not in body
    response = manager_client.get(index, {"kind": "associated"})
    assert "Ukraine" in response.content.decode()
    assert "Belgium" not in response.content.decode()


def test_programme_managers_add_and_end_an_associated_country(manager_client):
    horizon = ProgrammeFactory(code="HORIZON")
    data = {
        "programme": horizon.pk,
        "country": "JP",
        "kind": "associated",
        "valid_from": "2026-01-01",
        "valid_to": "",
        "note": "Association agreement.",
    }
    response = manager_client.post(reverse("funding_eligiblecountry:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    japan = EligibleCountry.objects.get(programme=horizon, country="JP")
    assert "JP" in codes_for(horizon.pk, dt.date(2026, 1, 1))
    data["valid_to"] = "2025-12-31"
    response = manager_client.post(reverse("funding_eligiblecountry:edit", args=[japan.pk]), data)
    assert response.status_code == 200
    assert "before its start" in response.content.decode()


def test_a_programme_made_in_the_admin_starts_with_the_member_states(manager_client):
    data = {"code": "CERV", "name": "Citizens, Equality, Rights and Values", "description": ""}
    data["managing_service"] = "DG JUST"
    data["redress_days"] = "30"  # the form's initial value
    response = manager_client.post(reverse("funding_programme:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    programme = Programme.objects.get(code="CERV")
    assert codes_for(programme.pk, dt.date(2026, 1, 1)) == frozenset(MEMBER_STATES)


def test_an_editor_cannot_change_the_countries(client, editor):
    client.force_login(editor)
    response = client.get(reverse("funding_eligiblecountry:index"))
    assert response.status_code in (302, 403)
