from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_date

from cooperation.forum.reminders import reminder_period
from funding.reporting.reminders import reporting_send_reminders


class Command(BaseCommand):
    help = (
        "E-mail beneficiaries the deliverables and periodic reports due within 14 days or "
        "overdue, and programme managers what waits for their review. Each item is mentioned "
        "at most once per ISO week, so running it daily from cron is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        today = parse_date(date) if date else timezone.localdate()
        sent = reporting_send_reminders(today=today)
        self.stdout.write(f"{sent} reminder e-mail(s) sent for {reminder_period(today)}.")
