"""The ranking of the ranking topic (5,000 proposals at full scale): the computation
(`topic_ranking`, what the freeze and the exports run), then the freeze as the manager
asks for it (the request records it and queues the task: `freeze_request_seconds`) and as
the task worker runs it (django-tasks' database worker running that task:
`freeze_seconds`), then the frozen ranking page as the manager opens it. Before the freeze,
the live preview's order as the database computes it (`preview_order_seconds`: what the
first view after a write of a ranking input costs; the pages' figure is the views after).

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
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from benchmarks.pages import PageSpec, measure
from funding.evaluation.freeze_models import FreezeStatus, RankingFreeze
from funding.evaluation.models import IndividualReport, ListKind, RankingEntry, ReportStatus
from funding.evaluation.ranking.loading import criteria_of, topic_ranking
from funding.evaluation.ranking.preview import whole_order
from funding.evaluation.services.freezes import ranking_freeze_request
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


def _preview_order(topic) -> dict:
    """The live preview's order computed in the database, what the first view after a
    write of a ranking input costs (later views read it kept: ranking.preview)."""
    criteria = criteria_of(topic)
    times = []
    for _ in range(RANKING_REPEAT):
        start = time.perf_counter()
        whole_order(topic, criteria)
        times.append(time.perf_counter() - start)
    return {"preview_order_seconds": statistics.median(times)}


def _freeze(topic, manager) -> dict:
    """The manager's request, then the queued task run by the database worker's own code."""
    start = time.perf_counter()
    freeze = ranking_freeze_request(topic=topic, user=manager)
    request_seconds = time.perf_counter() - start
    queued = DBTaskResult.objects.ready().get(
        task_path="funding.evaluation.tasks.run_ranking_freeze",
        args_kwargs__kwargs__freeze_id=freeze.pk,
    )
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="bench",
        excluded_queue_names=[],
    )
    queued.claim(worker.worker_id)
    start = time.perf_counter()
    worker.run_task(queued)
    seconds = time.perf_counter() - start
    freeze = RankingFreeze.objects.get(pk=freeze.pk)
    if freeze.status != FreezeStatus.DONE:
        raise RuntimeError(f"The freeze did not finish: {freeze.status} {freeze.error}")
    return {"freeze_request_seconds": request_seconds, "freeze_seconds": seconds}


def measure_ranking(topic, manager, repeat: int) -> dict:
    """The computation, the freeze (request and task), and the frozen page (first and last
    page)."""
    result = _computation(topic)
    result.update(_preview_order(topic))
    result.update(_freeze(topic, manager))
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
