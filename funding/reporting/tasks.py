"""Background work of the beneficiaries' reporting (django-tasks)."""

from django.utils import timezone
from django_tasks import task

from funding.reporting.reminders import reporting_send_reminders


@task()
def send_reporting_reminders() -> int:
    """Daily: the reporting digests (once per item per ISO week)."""
    return reporting_send_reminders(today=timezone.localdate())
