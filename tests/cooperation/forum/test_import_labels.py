"""The stakeholder import reads categories as people write them: the code, the English or
French label, any case, with or without the code; anything else is a row error and nothing
is imported."""

import pytest

from cooperation.forum.imports import parse_stakeholder_rows
from cooperation.forum.services import stakeholder_import
from cooperation.models import Organisation, Stakeholder
from tests.cooperation.forum.test_forum import _xlsx

pytestmark = pytest.mark.django_db


def _row(name, category, weprotect_category=""):
    return [name, "", "BE", category, "", "", "", weprotect_category, "", "", ""]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("law_enforcement", "law_enforcement"),
        ("Law enforcement", "law_enforcement"),
        ("LAW ENFORCEMENT", "law_enforcement"),
        ("  law   enforcement ", "law_enforcement"),
        ("Law enforcement (law_enforcement)", "law_enforcement"),
        ("law_enforcement - Law enforcement", "law_enforcement"),
        ("Services répressifs", "law_enforcement"),
        ("services repressifs", "law_enforcement"),
        ("Civil-society organisation", "civil_society"),
        ("civil society organisation", "civil_society"),
        ("Organisation de la société civile", "civil_society"),
        ("Government or public authority", "government"),
        ("Technology company", "technology_company"),
    ],
)
def test_a_category_is_read_as_people_write_it(written, code):
    parsed = parse_stakeholder_rows(_xlsx([_row("Some Org", written)]))
    assert parsed.errors == []
    assert parsed.rows[0]["category"] == code


def test_a_weprotect_category_is_read_by_its_label_too():
    parsed = parse_stakeholder_rows(_xlsx([_row("Some Org", "Research", "Technology company")]))
    assert parsed.errors == []
    assert (parsed.rows[0]["category"], parsed.rows[0]["weprotect_category"]) == (
        "research",
        "technology",
    )


def test_a_label_and_a_code_that_disagree_are_refused():
    parsed = parse_stakeholder_rows(_xlsx([_row("Some Org", "Law enforcement (research)")]))
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "Category")]


def test_an_unknown_category_is_a_row_error_that_names_the_labels_and_nothing_is_imported(
    secretariat,
):
    report = stakeholder_import(
        user=secretariat,
        file=_xlsx([_row("Good Org", "Law enforcement"), _row("Bad Org", "Police force")]),
    )
    assert [(e.row, e.column) for e in report.errors] == [(3, "Category")]
    problem = report.errors[0].problem
    assert "“Police force”" in problem and "Law enforcement" in problem
    assert (report.created, report.updated) == (0, 0)
    assert not Organisation.objects.filter(legal_name="Good Org").exists()


def test_labels_import_end_to_end(secretariat):
    report = stakeholder_import(
        user=secretariat, file=_xlsx([_row("Politie Label Test", "Law enforcement")])
    )
    assert report.ok, report.errors
    assert Stakeholder.objects.get(organisation__legal_name="Politie Label Test").category == (
        "law_enforcement"
    )
