"""Labels, never codes: each demo role walks every page it can reach from its dashboard
and no page shows a stored code, a raw amount, an exponent or a placeholder where a person
expects words ("coordinator", "214000.00", "3E+1", "---------", "Unknown", "None"), nor a
date in another format than the project's ("2027-01-12", "Jan. 12, 2027", "12/01/2027")."""

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
# Dates in another format than the project's (core/display.py: "12 January 2027",
# "12 Jan 2027", "12 janvier 2027 à 17:00"), in the visible text only: `<time datetime>`
# and form inputs' values are attributes, and what people typed in a textarea is theirs.
DATES = {
    "ISO date": re.compile(r">[^<]*(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])[^<]*<"),
    "numeric date": re.compile(r">[^<]*(?<![\w/.])\d{1,2}[/.]\d{1,2}[/.]\d{4}(?![\w/])[^<]*<"),
    "month before day": re.compile(
        r">[^<]*\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}[^<]*<"
    ),
    "12-hour clock": re.compile(r">[^<]*\b\d{1,2}(:\d{2})? ?[ap]\.m\.[^<]*<"),
    "zone abbreviation": re.compile(r">[^<]*\d{2}:\d{2}(:\d{2})? (CET|CEST|UTC)\b[^<]*<"),
}
TYPED = re.compile(r"<(textarea|script)\b.*?</\1>", re.S)
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
    body = TYPED.sub("", html[html.find("<main") : html.find("</main>")])
    found = []
    for name, pattern in (RAW | DATES).items():
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


@pytest.mark.parametrize(
    "shown",
    [
        "<td>2027-01-12</td>",
        "<dd>Due 2027-01-12.</dd>",
        "<td>12/01/2027 17:00:00</td>",
        "<p>Jan. 12, 2027, 5 p.m.</p>",
        "<p>January 12, 2027</p>",
        "<td>12 January 2027, 17:00:00 CET</td>",
    ],
)
def test_the_walk_finds_a_date_in_another_format(shown):
    assert _raw_codes(f"<main>{shown}</main>")


@pytest.mark.parametrize(
    "shown",
    [
        '<td><time datetime="2027-01-12">12 Jan 2027</time></td>',
        "<p>12 janvier 2027 à 17:00 (heure de Bruxelles)</p>",
        '<input type="date" name="due" value="2027-01-12">',
        '<textarea name="note">Met on 2027-01-12</textarea>',
        "<p>HORIZON-CL3-2027-FCT-01-03</p>",
    ],
)
def test_the_walk_accepts_the_projects_dates(shown):
    assert not _raw_codes(f"<main>{shown}</main>")
