"""Background exports of the portfolio workbook: the request, the django-tasks task that runs
it on the worker, and the run itself."""

import datetime as dt
import tempfile

from django.core.files import File
from django.http import QueryDict
from django.utils import timezone
from django_tasks import task

from core.filters import filtered
from funding.portfolio.filters import describe_filters, filtered_portfolio
from funding.portfolio.models.export_jobs import ExportJob, ExportJobStatus
from funding.portfolio.workbook import write_portfolio_workbook


def export_job_request(*, user, query: str, row_count: int) -> ExportJob:
    """Record an export request and hand it to the task queue."""
    job = ExportJob.objects.create(requested_by=user, filters={"query": query}, row_count=row_count)
    run_portfolio_export.enqueue(job_id=str(job.pk))
    job.refresh_from_db()
    return job


def export_job_run(*, job: ExportJob, today: dt.date) -> ExportJob:
    """Write the workbook of the job's filters into private storage, reporting progress."""
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJobStatus.RUNNING, progress=0)
    filterset = filtered_portfolio(QueryDict(job.filters.get("query", "")), today=today)
    total = max(job.row_count, 1)

    def progress(done: int) -> None:
        percent = min(99, done * 100 // total)
        ExportJob.objects.filter(pk=job.pk).update(progress=percent)

    try:
        with tempfile.TemporaryFile() as scratch:
            rows = write_portfolio_workbook(
                filtered(filterset),
                scratch,
                today=today,
                filters_text=describe_filters(filterset),
                progress=progress,
            )
            scratch.seek(0)
            job.file.save(f"portfolio-{today.isoformat()}-{job.pk}.xlsx", File(scratch), save=False)
    except Exception as error:  # the job records the failure; the worker logs it
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJobStatus.FAILED, error=str(error), finished_at=timezone.now()
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJobStatus.DONE,
        progress=100,
        row_count=rows,
        file=job.file.name,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


@task()
def run_portfolio_export(job_id: str) -> None:
    """Run the job unless it is done: a task run again (its worker died after the file was
    written, core/task_recovery.py) does not write a second file."""
    job = ExportJob.objects.get(pk=job_id)
    if job.status != ExportJobStatus.DONE:
        export_job_run(job=job, today=timezone.localdate())
