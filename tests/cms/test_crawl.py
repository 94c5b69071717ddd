"""A visitor's crawl of the seeded demo, in English and in French: every link on every
public page answers (no dead end), no page names localhost, and a French page's links stay
in French (the language is in the address: /fr/…)."""

from html import escape as html_escape
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command

from cms.models import HomePage, StandardPage
from cooperation.models import Workstream
from core.languages import localized_path, unprefixed_path
from funding.models import AwardCriterion, Call, Programme, Topic

pytestmark = pytest.mark.django_db

# Where a visitor is sent to sign in, or leaves the public site: followed elsewhere.
NOT_CRAWLED = ("/admin/", "/django-admin/", "/accounts/", "/applicant/", "/static/", "/media/")
MAX_PAGES = 400
# Records and pages whose texts have a French companion (`<name>_fr`).
TRANSLATED = {
    Call: ("title", "summary", "description"),
    Topic: ("title", "description"),
    AwardCriterion: ("name", "description"),
    Programme: ("name", "description"),
    Workstream: ("name", "description"),
    HomePage: ("title", "intro"),
    StandardPage: ("title", "intro"),
}
# Addresses that have no language: machines' files, downloads, the language switch.
LANGUAGELESS = ("/sitemap.xml", "/robots.txt", "/documents/", "/static/", "/media/", "/i18n/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def internal_links(base: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.links:
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel") or (parts.netloc and parts.netloc != "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not unprefixed_path(parts.path).startswith(NOT_CRAWLED):
            found.append(path)
    return found


def translated_english_texts() -> set[str]:
    """The English of every content text that has its French written (and differs): on a
    French page none of them may show. Long texts are checked by their first sentence's
    words, since a page may show a text's beginning only."""
    texts = set()
    for model, names in TRANSLATED.items():
        for obj in model.objects.all():
            for name in names:
                english, french = getattr(obj, name), getattr(obj, f"{name}_fr")
                if french and english != french and len(english) >= 15:
                    texts.add(html_escape(english[:60]))
    return texts


def _crawl(client, language: str) -> dict[str, int]:
    forbidden = translated_english_texts() if language == "fr" else set()
    seen: dict[str, int] = {}
    queue = [localized_path("/", language)]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if response.status_code == 301:
            queue.append(response["Location"])
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            html = response.content.decode()
            assert "localhost" not in html, path
            assert f'<html lang="{language}">' in html, path
            main = html[html.find("<main") : html.find("</main>")]
            english = [text for text in forbidden if text in main]
            assert not english, f"{path} shows English where French exists: {english[:3]}"
            # Page numbers and filter combinations multiply without end: one of each.
            queue.extend(
                link
                for link in internal_links(path, html)
                if "page=" not in link or "page=2" in link
            )
    return seen


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_demo_has_no_dead_link(settings, client, language):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    seen = _crawl(client, language)
    dead = {path: status for path, status in seen.items() if status >= 400}
    assert not dead
    assert len(seen) > 40
    elsewhere = [
        path
        for path in seen
        if localized_path(path, language) != path and not path.startswith(LANGUAGELESS)
    ]
    assert not elsewhere, f"links leaving the {language} pages: {elsewhere[:10]}"
    for expected in (
        "/about/",
        "/accessibility/",
        "/accessibility/feedback/",
        "/news/",
        "/strategy/",
        "/sitemap.xml",
        "/projects/",
        "/workstreams/",
    ):
        expected = (
            expected if expected.startswith(LANGUAGELESS) else localized_path(expected, language)
        )
        assert seen.get(expected) == 200, expected
