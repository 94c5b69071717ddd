"""A signed-in person's walk: follow every link of every page they reach inside their
areas, and record what each address answered. Links that a GET must not follow
(exports, which build a workbook, signing out, feeds) are left alone; a download is
asked, its content not read."""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# What a walk does not ask: exports (each builds a workbook), signing out, feeds.
NOT_FOLLOWED = re.compile(r"(\.xlsx|\.csv|/export|logout|/feeds/)")


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


def walk(client, starts, prefixes: tuple[str, ...], limit: int = 300, outside=()) -> dict:
    """path -> (status, the page that linked to it, where a redirect sends) for every
    address reached from
    `starts` through links inside `prefixes` (a list's further pages: the second only).
    Links to addresses starting with one of `outside` are asked too (their status
    recorded), but their pages are not followed."""
    seen: dict[str, tuple] = {}
    queue = [(start, "(start)") for start in starts]
    while queue and len(seen) < limit:
        path, source = queue.pop(0)
        if path in seen or NOT_FOLLOWED.search(path):
            continue
        response = client.get(path)
        seen[path] = (response.status_code, source, response.get("Location", ""))
        html = response["Content-Type"].startswith("text/html")
        if response.status_code != 200 or not html or not path.startswith(prefixes):
            continue
        queue.extend(
            (link, path)
            for link in page_links(path, response.content.decode())
            if link.startswith(prefixes + tuple(outside))
            and ("page=" not in link or "page=2" in link)
        )
    return seen
