"""The task worker: django-tasks' database worker (`db_worker`, the same options) that also
hands back to the queue the tasks a dead worker left running (core/task_recovery.py).

At start it takes back what an earlier process under the same `--worker-id` left running;
between batches it takes back whatever has been running for longer than
`TASKS_RUNNING_LEASE` seconds. Give each worker host a stable id of its own, for example
`manage.py task_worker --worker-id "$(hostname)"`.
"""

import logging
import time

from django.conf import settings
from django.core.management.base import CommandError
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from core.task_recovery import task_results_recover

logger = logging.getLogger(__name__)  # shown whatever --verbosity the worker runs with


class RecoveringWorker(Worker):
    def recover(self, *, worker_id: str | None) -> None:
        recovered = task_results_recover(
            worker_id=worker_id, lease_seconds=settings.TASKS_RUNNING_LEASE
        )
        if recovered:
            logger.warning("Handed %d task(s) left running back to the queue.", recovered)

    def run(self) -> None:
        self.recover(worker_id=self.worker_id)
        once, self.batch = self.batch, True  # each pass runs what is ready, then returns
        while self.running:
            super().run()
            self.startup_delay = False
            if once or (self.max_tasks is not None and self._run_tasks >= self.max_tasks):
                return
            if self.running:
                time.sleep(self.interval)
                self.recover(worker_id=None)


class Command(DatabaseWorkerCommand):
    help = "Run the database task worker, taking back tasks a dead worker left running"

    def handle(self, **options) -> None:
        """As `db_worker` does, without its code reloader (a development aid)."""
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = RecoveringWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
