"""Background tasks of the funding app (django-tasks)."""

from django.utils import timezone
from django_tasks import task

from funding.portfolio.models.export_jobs import ExportJob


@task()
def run_portfolio_export(job_id: str) -> None:
    from funding.portfolio.export_jobs import export_job_run

    export_job_run(job=ExportJob.objects.get(pk=job_id), today=timezone.localdate())
