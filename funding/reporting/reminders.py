"""The reporting digest: beneficiaries are reminded of the deliverables and periodic reports
due within 14 days or overdue, programme managers of the versions waiting for their review.

It runs on the commitment digest's mechanism (cooperation.forum.reminders): the period is the
ISO week (`reminder_period`), each item is claimed in the reminder log before the digest that
mentions it is sent (`reminder_claim`), so an item is mentioned at most once per week however
often the job runs, and a concurrent run sends nothing twice. Mail goes through
core.mail.mail_send, in the transaction that claims the items.
"""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.accounts.roles import Role
from cooperation.forum.models.commitments import ReminderItem, ReminderLog
from cooperation.forum.reminders import REMINDER_HORIZON_DAYS, reminder_claim, reminder_period
from cooperation.models import Membership, User
from core.mail import mail_send
from core.sites import absolute_url
from funding.portfolio.models.delivery import Deliverable, ReportingPeriod
from funding.reporting.models import DeliverableSubmission, PeriodicReport, ReviewStatus
from funding.reporting.services import REPORTING_STATUSES

KINDS = (
    ReminderItem.DELIVERABLE,
    ReminderItem.REPORT,
    ReminderItem.DELIVERABLE_REVIEW,
    ReminderItem.REPORT_REVIEW,
)


def _due_by_project(today: dt.date, sent: set) -> dict:
    """{project: {"overdue": [(kind, item)], "due_soon": [...]}} of what beneficiaries owe."""
    horizon = today + dt.timedelta(days=REMINDER_HORIZON_DAYS)
    digests = defaultdict(lambda: {"overdue": [], "due_soon": []})
    deliverables = Deliverable.objects.filter(
        project__status__in=REPORTING_STATUSES, due_date__lte=horizon, submitted_date__isnull=True
    ).select_related("project")
    for deliverable in deliverables.order_by("due_date", "code"):
        if (ReminderItem.DELIVERABLE, deliverable.pk) in sent:
            continue
        bucket = "overdue" if deliverable.due_date < today else "due_soon"
        digests[deliverable.project][bucket].append((ReminderItem.DELIVERABLE, deliverable))
    periods = ReportingPeriod.objects.filter(
        project__status__in=REPORTING_STATUSES,
        report_due_date__lte=horizon,
        report_submitted_date__isnull=True,
    ).select_related("project")
    for period in periods.order_by("report_due_date", "number"):
        if (ReminderItem.REPORT, period.pk) in sent:
            continue
        bucket = "overdue" if period.report_due_date < today else "due_soon"
        digests[period.project][bucket].append((ReminderItem.REPORT, period))
    return digests


def _consortium_addresses(projects) -> dict[int, list[str]]:
    addresses = defaultdict(list)
    rows = Membership.objects.filter(
        organisation__participations__project__in=projects, user__is_active=True
    ).values_list("organisation__participations__project", "user__email")
    for project_id, email in rows.order_by("user__email"):
        addresses[project_id].append(email)
    return addresses


def _send(*, claimed, to, subject, template, context, period) -> bool:
    with transaction.atomic():
        if not reminder_claim(items=claimed, period=period):
            return False
        mail_send(to=to, subject=subject, template=template, context=context)
    return True


def _to_review(sent: set) -> list:
    waiting = []
    for kind, model, related in (
        (ReminderItem.DELIVERABLE_REVIEW, DeliverableSubmission, ("deliverable__project",)),
        (
            ReminderItem.REPORT_REVIEW,
            PeriodicReport,
            ("period__project", "participant__organisation"),
        ),
    ):
        versions = model.objects.filter(status=ReviewStatus.SUBMITTED).select_related(*related)
        waiting += [
            (kind, v) for v in versions.order_by("submitted_at") if (kind, v.pk) not in sent
        ]
    return waiting


def reporting_send_reminders(*, today: dt.date, site_url: str = "") -> int:
    """Send this week's reporting digests; how many e-mails were sent. Links are absolute,
    on `site_url` or the configured address (the job runs without a request)."""
    period = reminder_period(today)
    projects_link = absolute_url(reverse("projects:list"), base=site_url)
    review_links = [
        absolute_url(reverse("portfolio:review_deliverables"), base=site_url),
        absolute_url(reverse("portfolio:review_reports"), base=site_url),
    ]
    sent_keys = set(
        ReminderLog.objects.filter(period=period, item_type__in=KINDS).values_list(
            "item_type", "item_id"
        )
    )
    sent = 0
    digests = _due_by_project(today, sent_keys)
    addresses = _consortium_addresses(list(digests))
    for project, items in digests.items():
        recipients = addresses.get(project.pk)
        if not recipients:
            continue  # nobody to tell yet; the items stay unclaimed
        every_item = items["overdue"] + items["due_soon"]
        if _send(
            claimed=[(kind, item.pk) for kind, item in every_item],
            to=recipients,
            subject=_("%(acronym)s: %(overdue)d overdue, %(soon)d due within %(days)d days")
            % {
                "acronym": project.acronym,
                "overdue": len(items["overdue"]),
                "soon": len(items["due_soon"]),
                "days": REMINDER_HORIZON_DAYS,
            },
            template="funding/email/reporting_due.txt",
            context={
                "project": project,
                **items,
                "horizon_days": REMINDER_HORIZON_DAYS,
                "link": projects_link,
            },
            period=period,
        ):
            sent += 1
    waiting = _to_review(sent_keys)
    managers = User.objects.filter(groups__name=Role.PROGRAMME_MANAGER, is_active=True)
    to = sorted(managers.values_list("email", flat=True))
    if (
        waiting
        and to
        and _send(
            claimed=[(kind, version.pk) for kind, version in waiting],
            to=to,
            subject=_("%(count)d submissions wait for your review") % {"count": len(waiting)},
            template="funding/email/reporting_review.txt",
            context={"waiting": waiting, "links": review_links},
            period=period,
        )
    ):
        sent += 1
    return sent
