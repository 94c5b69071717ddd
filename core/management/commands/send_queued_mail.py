from django.core.management.base import BaseCommand
from django.db import transaction

from core.mail import mail_requeue


class Command(BaseCommand):
    help = (
        "Hand every e-mail not yet sent (failed, or never handed to the task queue) to the "
        "queue again. A message already sent is never sent twice, so running it from cron "
        "every few minutes is safe."
    )

    def handle(self, *args, **options):
        with transaction.atomic():  # handed over when the transaction commits
            count = mail_requeue()
        self.stdout.write(f"{count} messages queued again.")
