"""Background work of the cooperation app (django-tasks)."""

from django.utils import timezone
from django_tasks import task

from cooperation.forum.reminders import commitment_send_reminders


@task()
def send_commitment_reminders() -> int:
    """Daily: e-mail owners what is due within 14 days or overdue (once per ISO week)."""
    return commitment_send_reminders(today=timezone.localdate())
