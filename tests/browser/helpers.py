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


def small_pdf() -> bytes:
    """A valid one-page PDF (header, catalogue, page, cross-reference table, trailer)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
