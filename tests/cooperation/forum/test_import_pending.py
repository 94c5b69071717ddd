"""The stakeholder import matches registry organisations only: a pending organisation (typed
into a consortium by an applicant, seen only through that proposal until it registers) is
never updated, made a stakeholder or named by an import; a row whose PIC, or whose name and
country, are only a pending one's is refused with a row-level message that says so."""

import pytest
from django.utils import translation

from cooperation.forum.services import stakeholder_import
from cooperation.models import Organisation, Stakeholder
from tests.cooperation.factories import OrganisationFactory
from tests.cooperation.forum.test_forum import _xlsx

pytestmark = pytest.mark.django_db


def row(name, country, pic="", category="research"):
    return [name, "", country, category, pic, "", "", "", "", "", ""]


@pytest.fixture
def pending():
    return OrganisationFactory(
        legal_name="Typed Into A Consortium", country="BE", pic="987654321", is_pending=True
    )


def unchanged(organisation):
    organisation.refresh_from_db()
    return (
        organisation.is_pending
        and organisation.legal_name == "Typed Into A Consortium"
        and not Stakeholder.objects.filter(organisation=organisation).exists()
    )


def test_a_pic_that_only_a_pending_organisation_holds_is_not_matched(secretariat, pending):
    report = stakeholder_import(
        user=secretariat, file=_xlsx([row("Hotline Foundation", "NL", pic="987654321")])
    )
    assert not report.ok
    [error] = report.errors
    assert (error.row, error.column) == (2, "PIC")
    assert "not registered yet" in error.problem
    # The message names nothing of the pending organisation (seen only in its proposal).
    assert "Typed Into A Consortium" not in error.problem
    assert unchanged(pending)
    assert not Organisation.objects.filter(legal_name="Hotline Foundation").exists()


def test_a_name_and_country_that_only_a_pending_organisation_holds_is_not_matched(
    secretariat, pending
):
    report = stakeholder_import(
        user=secretariat, file=_xlsx([row("typed into a consortium", "BE")])
    )
    assert not report.ok
    [error] = report.errors
    assert (error.row, error.column) == (2, "Name")
    assert "not registered yet" in error.problem
    assert unchanged(pending)


def test_a_registered_organisation_is_still_matched_by_pic(secretariat, pending):
    registered = OrganisationFactory(legal_name="Registered NGO", country="NL", pic="123123123")
    report = stakeholder_import(
        user=secretariat, file=_xlsx([row("Registered NGO (renamed)", "NL", pic="123123123")])
    )
    assert report.ok, report.errors
    assert (report.created, report.updated) == (0, 1)
    registered.refresh_from_db()
    assert registered.legal_name == "Registered NGO (renamed)"
    assert Stakeholder.objects.filter(organisation=registered).exists()
    assert unchanged(pending)


def test_the_row_message_in_french(secretariat, pending):
    with translation.override("fr"):
        report = stakeholder_import(
            user=secretariat, file=_xlsx([row("Hotline Foundation", "NL", pic="987654321")])
        )
    assert "pas encore inscrite" in report.errors[0].problem
