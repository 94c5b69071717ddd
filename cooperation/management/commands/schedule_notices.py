from django.core.management.base import BaseCommand

from cooperation.accounts.notifications.schedule import notices_schedule


class Command(BaseCommand):
    help = (
        "Enqueue the next morning's run of the daily notices on the task worker (it then "
        "re-enqueues itself every day). Safe to repeat, from every host: at most one run is "
        "enqueued per day. Run it once after deploying, or daily from cron as a safeguard."
    )

    def handle(self, *args, **options):
        when = notices_schedule()
        if when is None:
            self.stdout.write("Nothing to do: already scheduled, or the backend cannot defer.")
        else:
            self.stdout.write(f"Scheduled for {when.isoformat()}.")
