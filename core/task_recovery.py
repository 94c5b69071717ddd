"""Tasks left running by a worker that died, handed back to the queue.

django-tasks' database worker marks a task RUNNING when it claims it and SUCCESSFUL or
FAILED when it ends; a worker killed in between (SIGKILL, a lost host, the kernel's OOM
killer) leaves the task RUNNING for ever, and no worker takes it again. Here such a task
goes back to READY:

- at once, when a worker starts under the id of the one that held it: worker ids are unique
  in the pool, so the earlier process with that id is gone (`manage.py task_worker` does
  this at start);
- after `TASKS_RUNNING_LEASE` seconds, whoever held it: a host that never comes back.

A task may therefore run more than once; each of the project's tasks does its effect once
(a mail is claimed on its record and sent at most once, an export already done is not
written again, a reminder is keyed by its week), so running it again is safe.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def task_results_recover(
    *, worker_id: str | None, lease_seconds: int, now: dt.datetime | None = None
) -> int:
    """Hand back to the queue every task left running by `worker_id` (a worker that has just
    started under that id), and every task running for longer than `lease_seconds`; how
    many. A task that finishes meanwhile is left as it is."""
    now = now or timezone.now()
    expired_before = now - dt.timedelta(seconds=lease_seconds)
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    stale = [
        pk
        for pk, started_at, worker_ids in running.values_list("pk", "started_at", "worker_ids")
        if (worker_id is not None and worker_ids and worker_ids[-1] == worker_id)
        or (started_at is not None and started_at < expired_before)
    ]
    if not stale:
        return 0
    with transaction.atomic():
        return running.filter(pk__in=stale).update(status=TaskResultStatus.READY, started_at=None)
