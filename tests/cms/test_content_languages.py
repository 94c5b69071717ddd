"""Content in the visitor's language: the language is in the address (/fr/…), each page
names its other-language address (hreflang), records and pages show their French where it
is written and otherwise the English, marked as such and in `lang="en"`."""

import pytest
from django.urls import reverse
from django.utils import translation

from cms.models import StandardPage
from cms.selectors import records_matching
from core.languages import localized_path, unprefixed_path
from core.translated import localized, localized_list
from tests.cms.factories import add_child
from tests.funding.factories import CallFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_the_accessor_falls_back_to_the_english_and_says_so():
    call = CallFactory.build(title="Preventing abuse", title_fr="Prévenir les abus", summary="S")
    assert localized(call, "title", "en") == "Preventing abuse"
    french = localized(call, "title", "fr")
    assert french == "Prévenir les abus" and french.language == "fr" and not french.fallback
    summary = localized(call, "summary", "fr")
    assert summary == "S" and summary.language == "en" and summary.fallback
    empty = localized(call, "description", "fr")
    assert empty == "" and not empty.fallback  # nothing to mark where nothing is written


def test_a_list_of_texts_falls_back_as_a_whole():
    block = {"key_actions": ["Study", "Follow-up"], "key_actions_fr": ["Étude", ""]}
    assert localized_list(block, "key_actions", "fr") == ["Étude"]
    assert localized_list(block, "key_actions", "en") == ["Study", "Follow-up"]
    english = localized_list({"key_actions": ["Study"]}, "key_actions", "fr")
    assert english == ["Study"] and english.fallback and english.language == "en"


def test_paths_move_in_and_out_of_a_language():
    assert localized_path("/calls/", "fr") == "/fr/calls/"
    assert localized_path("/fr/calls/", "en") == "/calls/"
    assert localized_path("/calls/", "en") == "/calls/"
    assert unprefixed_path("/fr/accounts/two-factor/") == "/accounts/two-factor/"
    assert unprefixed_path("/france/") == "/france/"  # a page that only begins with "fr"
    with translation.override("fr"):
        assert reverse("accounts:login") == "/fr/accounts/login/"
    assert reverse("accounts:login") == "/accounts/login/"


def test_a_call_page_speaks_the_visitors_language_and_marks_what_is_not_translated(
    client, call_index
):
    call = CallFactory(
        identifier="ISF-2027-AG-CSA",
        title="Preventing child sexual abuse",
        title_fr="Prévenir les abus sexuels sur enfants",
        description="Long English description of the call.",
    )
    TopicFactory(call=call, title="Victim support", title_fr="Aide aux victimes")
    english = client.get(f"{call_index.url}isf-2027-ag-csa/").content.decode()
    assert "<h1>Preventing child sexual abuse</h1>" in english
    assert "(in English)" not in english and "not yet translated" not in english
    with translation.override("fr"):
        path = f"{call_index.url}isf-2027-ag-csa/"
    assert path.startswith("/fr/")
    french = client.get(path).content.decode()
    assert '<html lang="fr">' in french
    assert "<h1>Prévenir les abus sexuels sur enfants</h1>" in french
    assert "Aide aux victimes" in french and "Victim support" not in french
    # The description has no French yet: shown in English, in lang="en", with the marker.
    assert '<div lang="en"><p>Long English description of the call.</p></div>' in french
    assert "Ce texte n’est pas encore traduit en français" in french


def test_a_page_names_its_other_language_address(client, home):
    about = add_child(home, StandardPage(title="About", slug="about", title_fr="À propos"))
    english = client.get(about.url).content.decode()
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/about/">' in english
    assert '<link rel="alternate" hreflang="en" href="http://testserver/about/">' in english
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/about/">' in english
    french = client.get("/fr/about/").content.decode()
    assert "<h1>À propos</h1>" in french
    assert '<link rel="alternate" hreflang="en" href="http://testserver/about/">' in french
    # A page title with no French: the English, in lang="en", with a short visible marker.
    untranslated = add_child(home, StandardPage(title="Legal notice", slug="legal"))
    page = client.get(localized_path(untranslated.url, "fr")).content.decode()
    assert '<h1><span lang="en">Legal notice</span> <span class="untranslated">(en anglais)' in page


def test_the_language_switch_keeps_the_page(client, home):
    add_child(home, StandardPage(title="About", slug="about"))
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/about/"})
    assert response.status_code == 302 and response["Location"] == "/fr/about/"
    form = client.get("/fr/about/").content.decode()
    assert '<input name="next" type="hidden" value="/about/">' in form
    response = client.post(reverse("set_language"), {"language": "en", "next": "/about/"})
    assert response["Location"] == "/about/"


def test_the_navigation_stays_in_french(client, home):
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/calls/"' in html and 'href="/fr/about/"' in html
    assert 'href="/calls/"' not in html


def test_search_finds_a_call_by_its_french_title(call_index):
    CallFactory(identifier="ISF-2027-AG-CSA", title="Preventing abuse", title_fr="Prévention")
    found = records_matching(["Prévention"])
    assert [call.identifier for call in found["calls"]] == ["ISF-2027-AG-CSA"]
