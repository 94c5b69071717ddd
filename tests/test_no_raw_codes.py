"""Labels, never codes: each demo role walks every page it can reach from its dashboard
and no page shows a stored code, a raw amount, an exponent or a placeholder where a person
expects words ("coordinator", "214000.00", "3E+1", "---------", "Unknown", "None")."""

import re

import pytest
from django.core.management import call_command

from cooperation.models import User
from core.languages import localized_path
from tests.cms.test_crawl import internal_links

pytestmark = pytest.mark.django_db

RAW = {
    "placeholder option": re.compile(r">\s*-{5,}\s*<"),
    "Unknown in a yes/no choice": re.compile(
        r"<option[^>]*>\s*Unknown\s*</option>\s*<option value=\"true\""
    ),
    "exponent": re.compile(r">[^<]*\b\d+(\.\d+)?E[+-]\d+\b[^<]*<"),
    "raw amount": re.compile(r">\s*-?\d{4,}\.\d{2}\s*<"),
    "None": re.compile(r">\s*None\s*<"),
    "organisation type code": re.compile(r">\s*(OTH|PUB|HES|REC|PRC)\s*<"),
    "country code": re.compile(r"<t[hd][^>]*>\s*(?!EU\b)[A-Z]{2}\s*</t[hd]>"),
    "partner role code": re.compile(r">\s*(coordinator|beneficiary|affiliated|associated)\s*<"),
}
# Downloads and actions a GET must not trigger here.
SKIPPED = re.compile(r"(\.xlsx|\.csv|\.json|\.ics|/download/|/export|logout|/feeds/)")
# Each role: where it starts, and the areas it walks.
ROLES = {
    "applicant@demo.example.eu": ("/applicant/", ("/applicant/", "/organisations/")),
    "expert@demo.example.eu": ("/expert/", ("/expert/",)),
    "manager@demo.example.eu": ("/staff/evaluation/", ("/staff/",)),
    "secretariat@demo.example.eu": ("/forum/", ("/forum/",)),
    "contact@demo.example.eu": ("/forum/my-commitments/", ("/forum/my-commitments/",)),
    None: ("/", ("/",)),
}
PAGES_PER_ROLE = 120


def _raw_codes(html: str) -> list[str]:
    body = html[html.find("<main") : html.find("</main>")]
    found = []
    for name, pattern in RAW.items():
        match = pattern.search(body)
        if match:
            found.append(f"{name}: {match.group(0)[:80]!r}")
    return found


def _walk(client, start: str, prefixes: tuple[str, ...]) -> dict[str, list[str]]:
    problems, seen, queue = {}, set(), [start]
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen or SKIPPED.search(path):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        if found := _raw_codes(html):
            problems[path] = found
        queue.extend(
            link
            for link in internal_links(path, html)
            if link.startswith(prefixes) and ("page=" not in link or "page=2" in link)
        )
    return problems


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_page_shows_a_raw_code(settings, client, language):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    problems = {}
    for email, (start, prefixes) in ROLES.items():
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        start = localized_path(start, language)
        prefixes = tuple(localized_path(prefix, language) for prefix in prefixes)
        for path, found in _walk(client, start, prefixes).items():
            problems[f"{email or 'visitor'} {path}"] = found
    assert not problems, "\n".join(f"{page}: {found}" for page, found in problems.items())
