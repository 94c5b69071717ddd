"""Real-browser journeys: Playwright's sync API driving Debian's chromium against a live
server. One browser for the whole package (per xdist worker); a fresh context per test.

These tests fail, never skip, when chromium is missing: `make test` installs it first.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Every wait (navigation, expect) gives up after this many milliseconds.
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package", autouse=True)
def _orm_next_to_playwright():
    """Playwright's sync API runs an event loop in this thread; Django's ORM, used by the
    tests themselves, would otherwise refuse to run next to it. Set while the browser tests
    run, and removed after them, so that nothing else (a `check --deploy` subprocess, say)
    inherits it."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_orm_next_to_playwright):
    """One browser for all the browser tests (of this xdist worker); closed after them."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `make chromium` (apt-get install -y chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class ConsoleWatch:
    """Console errors and page errors seen during a test; CSP refusals show up here."""

    def __init__(self):
        self.messages: list[str] = []

    def on_console(self, message):
        if message.type in ("error", "warning"):
            self.messages.append(f"{message.type}: {message.text}")

    def on_page_error(self, error):
        self.messages.append(f"page error: {error}")

    def csp_violations(self) -> list[str]:
        return [m for m in self.messages if "Content Security Policy" in m]


@pytest.fixture
def console():
    return ConsoleWatch()


@pytest.fixture
def context(browser, live_server, console, django_db_serialized_rollback):
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(base_url=live_server.url, accept_downloads=True, locale="en")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()
    # No page of the journey may run an inline script or load a foreign resource.
    assert console.csp_violations() == []


@pytest.fixture
def page(context, console):
    page = context.new_page()
    page.on("console", console.on_console)
    page.on("pageerror", console.on_page_error)
    return page


@pytest.fixture
def demo(live_server, settings, django_db_serialized_rollback):
    """The demo data set, seeded into the live server's database.

    The live server needs a transactional database, which is flushed after each test;
    serialized rollback puts back what migrations created (Wagtail's root page, the roles).
    Under xdist that restore does not always happen, so the Wagtail roots the migrations
    make are put back here when they are missing."""
    from wagtail.models import Collection, Locale, Page

    locale = Locale.objects.first() or Locale.objects.create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
