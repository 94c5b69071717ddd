"""The ranking of the ranking topic (5,000 proposals at full scale): the computation
(`topic_ranking`, what the freeze and the exports run), then the freeze through the
product's own service, then the frozen ranking page as the manager opens it.

    the computation: queries (CaptureQueriesContext), the median and the largest of
        RANKING_REPEAT calls after a first one, wall-clock (time.perf_counter) and CPU
        (time.process_time, this process only: SQL runs in the PostgreSQL server);
    the lists: how many proposals on the main list, the reserve list and rejected;
    the frozen page: `benchmarks.pages.measure` (warm-up, then the timed requests, the
        trivial and layout views alongside), on its first and its last page.
"""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.pages import PageSpec, measure
from funding.evaluation.models import IndividualReport, ListKind, RankingEntry, ReportStatus
from funding.evaluation.ranking.loading import topic_ranking
from funding.evaluation.services.results import topic_compute_lists
from funding.evaluation.views.topics import RANKING_PAGE_SIZE

RANKING_REPEAT = 5


def _computation(topic) -> dict:
    topic_ranking(topic)
    with CaptureQueriesContext(connection) as captured:
        _criteria, ranked = topic_ranking(topic)
    times, cpu = [], []
    for _ in range(RANKING_REPEAT):
        start, start_cpu = time.perf_counter(), time.process_time()
        topic_ranking(topic)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    kinds = [row.list_kind for row in ranked]
    return {
        "proposals": len(ranked),
        "individual_reports": IndividualReport.objects.filter(
            assignment__proposal__topic=topic, status=ReportStatus.SUBMITTED
        ).count(),
        "main_list": kinds.count(ListKind.MAIN),
        "reserve_list": kinds.count(ListKind.RESERVE),
        "rejected": kinds.count(ListKind.REJECTED),
        "queries": len(captured.captured_queries),
        "sql_ms": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
        "seconds": statistics.median(times),
        "max_seconds": max(times),
        "cpu_seconds": statistics.median(cpu),
    }


def measure_ranking(topic, manager, repeat: int) -> dict:
    """The computation, the freeze, and the frozen page (first and last page)."""
    result = _computation(topic)
    start = time.perf_counter()
    topic_compute_lists(topic=topic, user=manager)
    result["freeze_seconds"] = time.perf_counter() - start
    result["frozen_entries"] = RankingEntry.objects.filter(topic=topic).count()
    url = f"/staff/evaluation/topics/{topic.pk}/ranking/"
    last = max(1, -(-result["frozen_entries"] // RANKING_PAGE_SIZE))
    result["frozen_page"] = measure(
        PageSpec("ranking_frozen", "Frozen ranking, first page", url, manager), repeat
    )
    result["frozen_last_page"] = measure(
        PageSpec("ranking_frozen_last", "Frozen ranking, last page", f"{url}?page={last}", manager),
        repeat,
    )
    return result
