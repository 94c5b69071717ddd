"""The daily run of the notices: every job in `settings.NOTICE_DAILY_JOBS` (the commitment
reminders, then the weekly digest…), on the task worker at 07:00 Brussels time.

django-tasks has no periodic scheduler, so the run re-enqueues itself for the next morning
with `run_after` (the database backend supports it). `ScheduledRun.day` is unique: whoever
schedules (the task itself, `manage.py schedule_notices` on two hosts, a restarted worker)
enqueues at most one run per day. Each job is idempotent for its own period (a reminder per
item per ISO week, a digest per person per ISO week), so a run repeated by hand or by cron
(`manage.py send_notices`) sends nothing twice.

A job is a function `(*, today: date, site_url: str) -> int` (how many e-mails it caused).
"""

import datetime as dt
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from cooperation.accounts.notifications.models import ScheduledRun
from core.sites import configured_site_url

BRUSSELS = ZoneInfo("Europe/Brussels")
RUN_AT = dt.time(7, 0)


def notices_run(*, today: dt.date) -> int:
    """Run every daily job for `today`; how many e-mails they caused in all."""
    site = configured_site_url()
    total = sum(
        int(import_string(job)(today=today, site_url=site)) for job in settings.NOTICE_DAILY_JOBS
    )
    ScheduledRun.objects.update_or_create(day=today, defaults={"ran_at": timezone.now()})
    return total


def next_run_at(*, now: dt.datetime) -> dt.datetime:
    """The first 07:00 Brussels time after `now`."""
    local = now.astimezone(BRUSSELS)
    candidate = dt.datetime.combine(local.date(), RUN_AT, tzinfo=BRUSSELS)
    if candidate <= local:
        candidate = dt.datetime.combine(
            local.date() + dt.timedelta(days=1), RUN_AT, tzinfo=BRUSSELS
        )
    return candidate


def notices_schedule(*, now: dt.datetime | None = None) -> dt.datetime | None:
    """Enqueue the next morning's run unless it is enqueued already; when it will run, or
    None (already scheduled, or a backend that cannot defer: then cron runs the jobs)."""
    backend = run_scheduled_notices.get_backend()
    if not backend.supports_defer:
        return None
    when = next_run_at(now=now or timezone.now())
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(day=when.date())
    except IntegrityError:
        return None
    transaction.on_commit(
        partial(run_scheduled_notices.using(run_after=when).enqueue), robust=False
    )
    return when


@task()
def run_scheduled_notices() -> int:
    """The morning run: tomorrow's run is enqueued first (a job that fails today does not
    break the chain), then today's jobs run."""
    notices_schedule()
    return notices_run(today=timezone.localdate())
