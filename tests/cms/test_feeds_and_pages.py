"""Feeds (RSS, Atom, iCalendar), sitemap, robots.txt, the seeded page tree, French."""

import datetime as dt

import feedparser
import icalendar
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from cms.models import NewsIndexPage, NewsPage, SearchPage, StandardPage, StrategyPage
from core.brussels import BRUSSELS, brussels_deadline
from funding.models import DeadlineModel
from tests.cms.factories import add_child, call_page
from tests.funding.factories import CallFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_rss_and_atom_feeds_list_published_calls(client, call_index):
    published = CallFactory(identifier="ISF-2021-AG-CSA", title="Preventing child sexual abuse")
    TopicFactory(call=published, deadline_at=brussels_deadline(dt.date(2027, 2, 24)))
    call_page(call_index, published)
    TopicFactory(call=CallFactory(identifier="ISF-2027-AG-DRAFT", published_at=None))
    for name in ("cms:calls_rss", "cms:calls_atom"):
        feed = feedparser.parse(client.get(reverse(name)).content)
        assert not feed.bozo, name
        titles = [entry.title for entry in feed.entries]
        assert titles == ["ISF-2021-AG-CSA — Preventing child sexual abuse"], name
        assert feed.entries[0].link.endswith("/calls/isf-2021-ag-csa/")
        assert "24 February 2027, 17:00 (Brussels time)" in feed.entries[0].summary


def test_icalendar_feed_has_one_event_per_deadline_in_brussels_time(client, call_index):
    winter = TopicFactory(
        identifier="HORIZON-CL3-2026-FCT-01-03",
        opening_at=brussels_deadline(dt.date(2026, 6, 27)),
        deadline_at=brussels_deadline(dt.date(2026, 11, 20)),
    )
    two_stage = TopicFactory(
        deadline_model=DeadlineModel.TWO_STAGE,
        opening_at=brussels_deadline(dt.date(2026, 3, 1)),
        deadline_at=brussels_deadline(dt.date(2026, 7, 2)),
        second_deadline_at=brussels_deadline(dt.date(2026, 12, 3)),
    )
    TopicFactory(call=CallFactory(published_at=None))
    response = client.get(reverse("cms:deadlines_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 3
    first = events[f"topic-{winter.pk}-deadline@csa-cooperation.calls"]
    start = first.decoded("DTSTART")
    assert start == dt.datetime(2026, 11, 20, 17, 0, tzinfo=BRUSSELS)
    assert start.astimezone(dt.UTC).hour == 16
    summer = events[f"topic-{two_stage.pk}-deadline@csa-cooperation.calls"].decoded("DTSTART")
    assert summer.astimezone(dt.UTC).hour == 15
    assert f"topic-{two_stage.pk}-second-deadline@csa-cooperation.calls" in events
    # The same request gives the same UIDs: a subscribed calendar updates, never duplicates.
    again = icalendar.Calendar.from_ical(client.get(reverse("cms:deadlines_ics")).content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)


def test_sitemap_and_robots(client, call_index):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/calls/" in sitemap.content
    xml = sitemap.content.decode()
    # Each page in both languages, each naming the other (hreflang alternates).
    assert "<loc>http://testserver/calls/</loc>" in xml
    assert "<loc>http://testserver/fr/calls/</loc>" in xml
    assert '<xhtml:link rel="alternate" hreflang="fr" href="http://testserver/fr/calls/"' in xml
    assert '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/calls/"' in xml
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_search_page_finds_pages(client, home):
    search = add_child(home, SearchPage(title="Search", slug="search"))
    add_child(home, StandardPage(title="Accessibility statement", slug="accessibility"))
    response = client.get(search.url, {"q": "accessibility"})
    assert response.status_code == 200
    assert [page.title for page in response.context["page_obj"]] == ["Accessibility statement"]


def test_home_shows_open_calls_and_figures(client, home, call_index):
    topic = TopicFactory(identifier="ISF-2026-AG-CSA-01")
    call_page(call_index, topic.call)
    news_index = add_child(home, NewsIndexPage(title="News", slug="news"))
    add_child(news_index, NewsPage(title="7th EU Internet Forum", slug="eif7"))
    body = client.get(home.url).content.decode()
    assert "ISF-2026-AG-CSA-01" in body
    assert "7th EU Internet Forum" in body
    assert client.get(home.url).context["figures"]["open_calls"] == 1


def test_navigation_marks_the_current_section(client, call_index):
    body = client.get(call_index.url).content.decode()
    assert '<a href="/calls/" aria-current="page">' in body
    assert '<a href="/" aria-current' not in body


def test_french_interface(client, call_index):
    TopicFactory()
    with translation.override("fr"):
        body = client.get(call_index.url).content.decode()
        assert '<html lang="fr">' in body
        assert "Appels" in body
        assert "Ouvert" in body
        assert "Filtrer les appels" in body


def test_every_seeded_page_answers(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    pages = Page.objects.live().filter(depth__gt=1).specific()
    kinds = {type(page).__name__ for page in pages}
    assert {
        "HomePage",
        "StrategyPage",
        "CallIndexPage",
        "CallPage",
        "NewsIndexPage",
        "NewsPage",
        "StandardPage",
        "SearchPage",
    } <= kinds
    assert len(StrategyPage.objects.get().initiatives) == 8
    for page in pages:
        response = client.get(page.url, HTTP_HOST="localhost")
        assert response.status_code == 200, page.url
    open_calls = client.get("/calls/?status=open", HTTP_HOST="localhost").context["page_obj"]
    assert len(open_calls) >= 1
