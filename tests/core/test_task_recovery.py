"""A task interrupted by a killed worker runs again, and its effect happens once."""

import datetime as dt
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.mail import mail_send
from core.models import OutgoingMail
from core.task_recovery import task_results_recover
from funding.portfolio.export_jobs import run_portfolio_export
from funding.portfolio.models.export_jobs import ExportJob, ExportJobStatus
from tests.cooperation.factories import UserFactory
from tests.processes import production_environment, shared_database_url, shared_rows

ROOT = Path(__file__).resolve().parents[2]
TASK_STATUS = f"SELECT status FROM {DBTaskResult._meta.db_table}"
MAILS = OutgoingMail._meta.db_table
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _running(*, worker: str, started_at) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {"mail_id": 0}},
        task_path="core.tasks.send_mail_message",
        backend_name="default",
        run_after=timezone.now(),
        started_at=started_at,
        worker_ids=[worker],
    )


@pytest.mark.django_db
def test_recovery_takes_back_a_restarted_workers_tasks_and_expired_ones():
    now = timezone.now()
    own = _running(worker="host-1", started_at=now - dt.timedelta(seconds=5))
    other_recent = _running(worker="host-2", started_at=now - dt.timedelta(seconds=5))
    other_expired = _running(worker="host-2", started_at=now - dt.timedelta(seconds=120))
    done = _running(worker="host-1", started_at=now - dt.timedelta(seconds=300))
    DBTaskResult.objects.filter(pk=done.pk).update(status=TaskResultStatus.SUCCESSFUL)

    assert task_results_recover(worker_id="host-1", lease_seconds=60, now=now) == 2

    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[own.pk] == TaskResultStatus.READY
    assert statuses[other_expired.pk] == TaskResultStatus.READY
    assert statuses[other_recent.pk] == TaskResultStatus.RUNNING  # its worker may be alive
    assert statuses[done.pk] == TaskResultStatus.SUCCESSFUL
    assert task_results_recover(worker_id=None, lease_seconds=60, now=now) == 0


@pytest.mark.django_db
def test_an_export_done_is_not_written_again_when_its_task_runs_again():
    job = ExportJob.objects.create(
        requested_by=UserFactory(), status=ExportJobStatus.DONE, row_count=1
    )
    job.file.save("portfolio.xlsx", ContentFile(b"PK\x03\x04"), save=True)
    name = job.file.name

    run_portfolio_export.call(job_id=str(job.pk))

    job.refresh_from_db()
    assert (job.status, job.file.name) == (ExportJobStatus.DONE, name)
    folder = job.file.storage.path(name).rsplit("/", 1)[0]
    assert [entry for entry in os.listdir(folder) if entry.startswith("portfolio")] == [
        name.rsplit("/", 1)[-1]
    ]


def _worker(database_url: str, mail_dir: Path, backend: str, *arguments: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "task_worker", "--worker-id=host-1", "--verbosity=0"]
        + ["--no-startup-delay", *arguments],
        cwd=ROOT,
        env=production_environment(
            database_url,
            drop=("DJANGO_", "DATABASE_", "EMAIL_", "TASKS_"),
            EMAIL_BACKEND=backend,
            EMAIL_FILE_PATH=str(mail_dir),
        ),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_a_mail_task_killed_mid_send_runs_again_and_is_sent_once(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        mail = mail_send(
            to=["anna@example.eu"],
            subject="Proposal received",
            template="accounts/email/confirm.txt",
            context={"user": UserFactory.build(), "link": "https://csa.example.eu/c/", "days": 3},
            key="receipt:1",
        )
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    database_url = shared_database_url(tmp_path)
    mail_dir = tmp_path / "mails"

    # The first worker claims the task and is killed while the mail server has not answered.
    first = _worker(database_url, mail_dir, "tests.mail_backends.HangingSMTP")
    try:
        ready, _, _ = select.select([first.stdout], [], [], 120)
        assert ready and first.stdout.readline() == "sending\n", first.stderr.read()[-3000:]
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    assert shared_rows(database_url, TASK_STATUS) == [("RUNNING",)]
    assert shared_rows(database_url, f"SELECT sent_at FROM {MAILS} WHERE id = {mail.pk}") == [
        (None,)
    ]

    # The worker host comes back under its id: the task runs again and the mail goes once.
    second = _worker(
        database_url, mail_dir, "django.core.mail.backends.filebased.EmailBackend", "--batch"
    )
    _, errors = second.communicate(timeout=120)
    assert second.returncode == 0, errors[-3000:]
    failure = f"SELECT traceback FROM {DBTaskResult._meta.db_table}"
    assert shared_rows(database_url, TASK_STATUS) == [("SUCCESSFUL",)], shared_rows(
        database_url, failure
    )
    sent = shared_rows(database_url, f"SELECT sent_at, attempts FROM {MAILS} WHERE id = {mail.pk}")
    # Sent, once: the killed attempt's claim was rolled back with its transaction.
    assert sent[0][0] is not None and sent[0][1] == 1
    assert len(list(mail_dir.iterdir())) == 1
    assert "Proposal received" in next(mail_dir.iterdir()).read_text()

    # Run again, the worker finds nothing to do: the mail is not sent a second time.
    third = _worker(
        database_url, mail_dir, "django.core.mail.backends.filebased.EmailBackend", "--batch"
    )
    _, errors = third.communicate(timeout=120)
    assert third.returncode == 0, errors[-3000:]
    assert len(list(mail_dir.iterdir())) == 1
