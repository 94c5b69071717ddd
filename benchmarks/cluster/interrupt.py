"""Kill the task worker in the middle of a task, on the client host:
`python -m benchmarks.cluster.interrupt PID AT`. From the instant AT (epoch seconds), it
watches the task table and sends SIGKILL to the worker's process PID the moment a task is
running (within 15 s; then anyway), and prints whether one was. Process ids are the
machine's: a network namespace does not hide them."""

import os
import signal
import sys
import time

import django

django.setup()

from django_tasks_db.models import DBTaskResult  # noqa: E402

WATCH_SECONDS = 15


def main() -> None:
    pid, at = int(sys.argv[1]), float(sys.argv[2])
    DBTaskResult.objects.exists()  # connected before the instant
    time.sleep(max(0.0, at - time.time()))
    until = time.monotonic() + WATCH_SECONDS
    running = False
    while time.monotonic() < until and not running:
        running = DBTaskResult.objects.filter(status="RUNNING").exists()
    os.kill(pid, signal.SIGKILL)
    print("mid-task" if running else "idle", flush=True)


if __name__ == "__main__":
    main()
