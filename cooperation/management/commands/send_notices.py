from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_date

from cooperation.accounts.notifications.schedule import notices_run


class Command(BaseCommand):
    help = (
        "Run the daily notices now (settings.NOTICE_DAILY_JOBS: the commitment reminders, "
        "then the weekly digests). For cron, where no task worker runs the schedule; each "
        "job sends an item or a digest at most once per ISO week, so repeating it is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        today = parse_date(date) if date else timezone.localdate()
        total = notices_run(today=today)
        self.stdout.write(f"{total} notice(s) sent or held for {today.isoformat()}.")
