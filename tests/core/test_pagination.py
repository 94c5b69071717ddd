"""The one pagination include: filters kept in the links, accessible, in English and French."""

from pathlib import Path

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _render(address: str, page: int, rows: int = 25) -> str:
    request = RequestFactory().get(address)
    page_obj = Paginator(range(rows), 10).get_page(page)
    return render_to_string("includes/pagination.html", {"page_obj": page_obj}, request=request)


def test_links_keep_every_filter_and_change_only_the_page():
    html = _render("/portfolio/?status=open&country=BE&country=FR&q=a%26b&page=2", 2)
    assert 'href="?status=open&amp;country=BE&amp;country=FR&amp;q=a%26b&amp;page=1"' in html
    assert 'href="?status=open&amp;country=BE&amp;country=FR&amp;q=a%26b&amp;page=3"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_a_first_page_without_filters_links_to_the_next_only():
    html = _render("/calls/", 1)
    assert 'href="?page=2"' in html
    assert "Previous" not in html and 'rel="prev"' not in html


def test_it_is_a_labelled_navigation_with_the_current_page_marked():
    html = _render("/calls/?page=3", 3)
    assert '<nav aria-label="Pages">' in html
    assert '<span aria-current="page">Page 3 of 3</span>' in html
    assert ">Previous</a>" in html and "Next" not in html


def test_french():
    with translation.override("fr"):
        html = _render("/calls/?page=2", 2)
    assert '<span aria-current="page">Page 2 sur 3</span>' in html
    assert ">Précédente</a>" in html and ">Suivante</a>" in html


def test_a_single_page_shows_no_pagination():
    assert _render("/calls/?status=open", 1, rows=10).strip() == ""
    assert render_to_string("includes/pagination.html", {}).strip() == ""


def test_every_list_uses_the_one_include():
    """No template but the include builds page links itself."""
    builders = sorted(
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "previous_page_number" in path.read_text() or "next_page_number" in path.read_text()
    )
    assert builders == ["includes/pagination.html"]
