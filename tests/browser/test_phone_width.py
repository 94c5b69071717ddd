"""At a phone's width (390 px) no page scrolls sideways: wide tables scroll inside their own
box, fields fit. Checked on the public pages, the applicant's proposal sections and the
expert's pages, each also passing axe-core at that width."""

import pytest

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PUBLIC = [
    "/",
    "/calls/",
    "/projects/",
    "/workstreams/",
    "/workstreams/stakeholders/",
    "/news/",
    "/strategy/",
    "/search/?q=aviator",
    "/accessibility/feedback/",
]


@pytest.fixture
def phone(browser, live_server, console, demo):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en")
    page = context.new_page()
    page.on("console", console.on_console)
    yield page
    context.close()
    assert console.csp_violations() == []


def _links(page, prefix: str, limit: int) -> list[str]:
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    pages = [h for h in hrefs if h.startswith(prefix) and "download" not in h and "/file" not in h]
    return list(dict.fromkeys(pages))[:limit]


def _fits(page, path: str):
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide"
    assert_accessible(page)


def test_public_pages_fit_a_phone(phone):
    phone.goto("/calls/")
    calls = _links(phone, "/calls/", 3)
    phone.goto("/projects/")
    projects = [h for h in _links(phone, "/projects/", 4) if h.count("/") == 3]
    for path in PUBLIC + calls + projects[:1]:
        _fits(phone, path)


def test_applicant_and_expert_pages_fit_a_phone(phone):
    sign_in(phone, "applicant@demo.example.eu")
    phone.goto("/applicant/")
    proposals = _links(phone, "/applicant/proposals/", 2)
    assert proposals
    sections = []
    for proposal in proposals:
        phone.goto(proposal)
        sections += _links(phone, proposal, 8)
    for path in ["/applicant/", *proposals, *sections]:
        _fits(phone, path)
    phone.context.clear_cookies()
    sign_in(phone, "expert@demo.example.eu")
    phone.goto("/expert/")
    assignments = _links(phone, "/expert/assignments/", 4)
    for path in ["/expert/", *assignments]:
        _fits(phone, path)


def test_staff_dashboards_and_lists_fit_a_phone(phone):
    """The portfolio's row of section links did not wrap: every portfolio page was 720 px
    wide on a phone."""
    sign_in(phone, "manager@demo.example.eu")
    for path in ["/staff/portfolio/dashboard/", "/staff/portfolio/"]:
        _fits(phone, path)
    phone.context.clear_cookies()
    sign_in(phone, "secretariat@demo.example.eu")
    for path in ["/forum/", "/forum/commitments/", "/forum/stakeholders/"]:
        _fits(phone, path)
