"""Background tasks shared by every app (django-tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_mail_message(*, to: list[str], subject: str, body: str) -> int:
    """Send one plain-text message, already rendered; the number sent (0 with nobody to tell)."""
    if not to:
        return 0
    return send_mail(
        subject=subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=to,
    )
