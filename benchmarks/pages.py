"""Main pages: queries per request and server time, each against a trivial view.

Requests go through Django's test Client in this process, with the whole middleware stack;
the trivial view (benchmarks/urls.py) is timed with the same client just before each page,
so the ratio shows what the page itself costs.
"""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.models import CallIndexPage, CallPage

TRIVIAL_URL = "/__bench__/trivial/"
LAYOUT_URL = "/__bench__/layout/"
WARM_UP = 3


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str
    url: str
    user: object  # None for a visitor


def main_pages(data: dict) -> list[PageSpec]:
    call_page = CallPage.objects.get(call_id=data["call_topic"].call_id)
    ranking = data["ranking_topic"]
    return [
        PageSpec("calls", "Call listing", CallIndexPage.objects.get().url, None),
        PageSpec("call", "A call page", call_page.url, None),
        PageSpec("applicant", "Applicant dashboard", "/applicant/", data["applicant"]),
        PageSpec("portfolio", "Portfolio list", "/staff/portfolio/", data["manager"]),
        PageSpec(
            "portfolio_dashboard",
            "Portfolio dashboard",
            "/staff/portfolio/dashboard/",
            data["manager"],
        ),
        PageSpec("forum", "Secretariat dashboard", "/forum/", data["secretariat"]),
        PageSpec(
            "commitments", "Forum commitments list", "/forum/commitments/", data["secretariat"]
        ),
        PageSpec(
            "stakeholders", "Forum stakeholders list", "/forum/stakeholders/", data["secretariat"]
        ),
        PageSpec(
            "evaluation_topic",
            "Evaluation: a topic's proposals (manager)",
            f"/staff/evaluation/topics/{ranking.pk}/",
            data["manager"],
        ),
        PageSpec(
            "evaluation_ranking",
            "Evaluation: the topic's ranking (manager)",
            f"/staff/evaluation/topics/{ranking.pk}/ranking/",
            data["manager"],
        ),
        PageSpec("expert", "Expert dashboard", "/expert/", data["expert"]),
    ]


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}, not 200")
    return response


def count_queries(spec: PageSpec) -> tuple[int, float]:
    """Queries of one request (after a first one), and their total time in ms."""
    client = _client(spec.user)
    _get(client, spec.url)
    with CaptureQueriesContext(connection) as captured:
        _get(client, spec.url)
    queries = captured.captured_queries
    return len(queries), sum(float(q["time"]) for q in queries) * 1000


def _times(client, url, repeat) -> list[float]:
    for _ in range(WARM_UP):
        _get(client, url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        _get(client, url)
        times.append(time.perf_counter() - start)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def median_ms(spec: PageSpec, repeat: int) -> float:
    return statistics.median(_times(_client(spec.user), spec.url, repeat)) * 1000


def measure(spec: PageSpec, repeat: int) -> dict:
    """The page, the trivial view and the layout view, timed with the same signed-in client
    in turn, one request of each after the other, so that all three share the machine's
    load of each moment (timed one block after the other, a drift of the load between the
    blocks showed in their ratio)."""
    client = _client(spec.user)
    urls = (TRIVIAL_URL, LAYOUT_URL, spec.url)
    for url in urls:
        for _ in range(WARM_UP):
            _get(client, url)
    timed = {url: [] for url in urls}
    for _ in range(repeat):
        for url in urls:
            start = time.perf_counter()
            _get(client, url)
            timed[url].append(time.perf_counter() - start)
    trivial = statistics.median(timed[TRIVIAL_URL])
    layout = statistics.median(timed[LAYOUT_URL])
    page = timed[spec.url]
    queries, sql_ms = count_queries(spec)
    return {
        "label": spec.label,
        "url": spec.url,
        "signed_in": spec.user is not None,
        "queries": queries,
        "sql_ms": sql_ms,
        "median_ms": statistics.median(page) * 1000,
        "p95_ms": p95(page) * 1000,
        "trivial_median_ms": trivial * 1000,
        "layout_median_ms": layout * 1000,
        "median_ratio": statistics.median(page) / trivial,
        "p95_ratio": p95(page) / trivial,
        "layout_ratio": statistics.median(page) / layout,
    }
