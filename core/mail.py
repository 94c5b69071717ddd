"""Every notice the platform e-mails goes through `mail_send`.

The message is rendered when the service asks for it, in the language active then (the
language of the person whose action causes it), so the subject and body are plain
strings. Sending is handed to the task queue once the service's transaction commits: a
write that is rolled back tells nobody, and the request does not wait for the mail server.
"""

import json
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.template.loader import render_to_string

from core.tasks import send_mail_message


def mail_send(*, to: Iterable[str], subject: str, template: str, context: dict) -> None:
    """Render `template` with `context` now; send it to `to` after the transaction commits.

    Outside a transaction the message is queued at once. With nobody to tell, nothing is
    queued."""
    recipients = [str(address) for address in to]
    if not recipients:
        return
    # The arguments travel as JSON, as the production queue stores them: the round trip
    # refuses anything else here, inside the service, and hands plain strings to the task.
    arguments = json.loads(
        json.dumps(
            {
                "to": recipients,
                "subject": str(subject),
                "body": str(render_to_string(template, context)),
            }
        )
    )
    transaction.on_commit(partial(send_mail_message.enqueue, **arguments), robust=False)
