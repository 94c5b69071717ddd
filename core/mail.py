"""Every notice the platform e-mails goes through `mail_send`.

The message is rendered when the service asks for it, in the language active then (the
language of the person whose action causes it), and recorded as an `OutgoingMail` in the
service's transaction: a change that is rolled back tells nobody, and a change that commits
has its message on record even if the queue or the mail server is down. Sending is handed
to the task queue once the transaction commits, so the request does not wait for the mail
server; the task sends the record once (see `core.tasks`). What is still unsent (failed, or
never handed to the queue) is handed over again by `mail_requeue`, which the
`send_queued_mail` command runs.
"""

import uuid
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.template.loader import render_to_string

from core.models import OutgoingMail
from core.tasks import send_mail_message


def _enqueue_on_commit(mail_id: int) -> None:
    transaction.on_commit(partial(send_mail_message.enqueue, mail_id=mail_id), robust=False)


def mail_send(
    *, to: Iterable[str], subject: str, template: str, context: dict, key: str = ""
) -> OutgoingMail | None:
    """Render `template` with `context` now, record the message under `key` and send it
    after the transaction commits; the record, or None when nothing was recorded.

    A `key` already recorded sends nothing (the message was asked for before, sent or
    not); without a key the message is its own. With nobody to tell, nothing is recorded.
    Outside a transaction the message is queued at once."""
    recipients = list(dict.fromkeys(str(address) for address in to))
    if not recipients:
        return None
    with transaction.atomic():  # a savepoint: a key taken meanwhile leaves the caller's work
        mail, created = OutgoingMail.objects.get_or_create(
            key=key or f"mail:{uuid.uuid4().hex}",
            defaults={
                "to": recipients,
                "subject": str(subject),
                "body": str(render_to_string(template, context)),
            },
        )
    if not created:
        return None
    _enqueue_on_commit(mail.pk)
    return mail


def mail_requeue(*, keys: Iterable[str] | None = None) -> int:
    """Hand every unsent message (queued or failed), or those of `keys`, to the queue again
    once the transaction commits; how many. A message sent meanwhile is not sent again:
    the task checks the record first."""
    unsent = OutgoingMail.objects.unsent()
    if keys is not None:
        unsent = unsent.filter(key__in=list(keys))
    ids = list(unsent.order_by("pk").values_list("pk", flat=True))
    for mail_id in ids:
        _enqueue_on_commit(mail_id)
    return len(ids)
