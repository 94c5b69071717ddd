"""Background tasks shared by every app (django-tasks)."""

import hashlib
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from core.models import MailStatus, OutgoingMail


def message_id(mail: OutgoingMail) -> str:
    """The message's Message-ID, the same each time the record is sent: a message sent again
    (its worker died after the mail server accepted it, before the record said so) is known
    by the receiving side as the one it already has."""
    digest = hashlib.sha256(mail.key.encode()).hexdigest()[:24]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{mail.pk}.{digest}@{domain}>"


@task()
def send_mail_message(*, mail_id: int) -> int:
    """Send the recorded message `mail_id` unless it is sent already; the number sent.

    The record is claimed first (an UPDATE of the unsent row: a row lock on PostgreSQL, the
    write lock on SQLite) and held while the mail server answers, so two workers given the
    same message send it once; it is marked sent only once the server has accepted it. A
    worker killed between the two sends it again under the same Message-ID (`message_id`). A
    refusal is recorded on the message (failed, with the error) and raised again for the
    queue; `send_queued_mail` hands it over again."""
    refused = None
    with transaction.atomic():
        now = timezone.now()
        claimed = OutgoingMail.objects.filter(pk=mail_id, sent_at__isnull=True).update(
            attempts=F("attempts") + 1, last_attempted_at=now
        )
        if not claimed:
            return 0  # sent by an earlier run, or no such message
        mail = OutgoingMail.objects.select_for_update().get(pk=mail_id)
        try:
            sent = EmailMessage(
                subject=mail.subject,
                body=mail.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=mail.to,
                headers={"Message-ID": message_id(mail)},
            ).send()
        except Exception as error:  # whatever the server or the network says is recorded
            refused = error
            mail.status, mail.last_error = MailStatus.FAILED, f"{type(error).__name__}: {error}"
            mail.save(update_fields=["status", "last_error"])
        else:
            mail.status, mail.sent_at, mail.last_error = MailStatus.SENT, timezone.now(), ""
            mail.save(update_fields=["status", "sent_at", "last_error"])
    if refused is not None:
        raise refused
    return sent
