"""What the journeys share: accessibility checks with axe-core, signing in, downloads."""

from axe_playwright_python.sync_playwright import Axe

# axe-core comes from the axe-playwright-python wheel and is injected with
# page.evaluate(): nothing is fetched from the network, and the page's CSP is untouched.
_AXE = Axe()
BLOCKING_IMPACTS = {"serious", "critical"}
DEMO_PASSWORD = "Demo-password-2026"


def blocking_violations(page) -> list[str]:
    results = _AXE.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING_IMPACTS:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
            found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


def assert_accessible(page):
    """Zero serious or critical axe-core violations on the page as it is now."""
    violations = blocking_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def visit(page, path: str, *, check=True):
    response = page.goto(path)
    assert response is not None and response.status == 200, (
        f"{path}: {response and response.status}"
    )
    if check:
        assert_accessible(page)
    return response


def sign_in(page, email: str, password: str = DEMO_PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
