"""A signed-in person's walk: follow every link of every page they reach inside their
areas, and record what each address answered. Links that a GET must not follow
(downloads, exports, signing out) are left alone."""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Downloads and actions a GET must not trigger in a walk.
NOT_FOLLOWED = re.compile(
    r"(\.xlsx|\.csv|\.json|\.ics|\.pdf|/download/|/export|/files/|logout|/feeds/)"
)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)


def page_links(base: str, html: str) -> list[str]:
    """The site's own addresses the page links to (path and query), without fragments."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.links:
        parts = urlsplit(urldefrag(urljoin(base, href)).url)
        if parts.scheme in ("mailto", "tel") or (parts.netloc and parts.netloc != "testserver"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def walk(client, starts, prefixes: tuple[str, ...], limit: int = 300) -> dict[str, tuple]:
    """path -> (status, the page that linked to it) for every address reached from
    `starts` through links inside `prefixes` (a list's further pages: the second only)."""
    seen: dict[str, tuple] = {}
    queue = [(start, "(start)") for start in starts]
    while queue and len(seen) < limit:
        path, source = queue.pop(0)
        if path in seen or NOT_FOLLOWED.search(path):
            continue
        response = client.get(path)
        seen[path] = (response.status_code, source)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        queue.extend(
            (link, path)
            for link in page_links(path, response.content.decode())
            if link.startswith(prefixes) and ("page=" not in link or "page=2" in link)
        )
    return seen
