"""The reminders of commitments and milestones due or overdue, and what the secretariat sees
of them: the owners nobody can be told about (no contact person) and when each owner was
last reminded. Keyword-only functions named <entity>_<action>; no request."""

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.accounts.notifications.kinds import Delivery, NoticeKind
from cooperation.accounts.notifications.services import notice_send
from cooperation.forum.models.commitments import ReminderItem
from cooperation.forum.models.reminders import OwnerReminder
from cooperation.models import (
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    ReminderLog,
    Stakeholder,
)
from core.sites import absolute_url

# How far ahead the reminder looks.
REMINDER_HORIZON_DAYS = 14


def reminder_period(today: dt.date) -> str:
    """The reminder period is the ISO week of `today` (Brussels date), e.g. "2026-W48".

    An item is mentioned at most once per ISO week, however often the job runs.
    """
    year, week, _weekday = today.isocalendar()
    return f"{year}-W{week:02d}"


def _due_items(*, today: dt.date, skip: set | frozenset = frozenset()):
    """{owner: {"overdue": [(kind, item)], "due_soon": [...]}} of what is open and due
    within the horizon or overdue, leaving out the (kind, pk) in `skip`."""
    horizon = today + dt.timedelta(days=REMINDER_HORIZON_DAYS)
    due = defaultdict(lambda: {"overdue": [], "due_soon": []})
    commitments = (
        Commitment.objects.filter(due_date__lte=horizon)
        .not_complete()
        .select_related("owner__organisation")
    )
    for commitment in commitments:
        if (ReminderItem.COMMITMENT, commitment.pk) not in skip:
            bucket = "overdue" if commitment.due_date < today else "due_soon"
            due[commitment.owner][bucket].append((ReminderItem.COMMITMENT, commitment))
    milestones = CommitmentMilestone.objects.filter(
        due_date__lte=horizon, done_date__isnull=True
    ).select_related("commitment__owner__organisation")
    for milestone in milestones:
        if (ReminderItem.MILESTONE, milestone.pk) not in skip:
            bucket = "overdue" if milestone.due_date < today else "due_soon"
            due[milestone.commitment.owner][bucket].append((ReminderItem.MILESTONE, milestone))
    return due


def commitment_send_reminders(*, today: dt.date, site_url: str = "") -> int:
    """Remind each owner's contact persons of their commitments and milestones due within
    14 days or overdue, skipping items already reminded this period; each contact person
    receives it as they chose (at once, in their weekly digest, or not). The number of
    owners reminded. Owners without a contact person are left for the secretariat, who sees
    them listed (`owners_for_reminders`)."""
    period = reminder_period(today)
    sent_keys = set(ReminderLog.objects.filter(period=period).values_list("item_type", "item_id"))
    due = _due_items(today=today, skip=sent_keys)
    contacts = defaultdict(list)
    for contact in ContactPerson.objects.filter(stakeholder__in=list(due)):
        contacts[contact.stakeholder_id].append(contact.email)
    link = absolute_url(reverse("forum:my_commitment_list"), base=site_url)
    sent = 0
    for stakeholder, items in due.items():
        recipients = contacts.get(stakeholder.pk)
        if recipients and _remind(stakeholder, items, recipients, today, period, link):
            sent += 1
    return sent


def reminder_claim(*, items, period: str) -> bool:
    """Claim `items` ((kind, pk) pairs, kinds of ReminderItem) for `period` before a digest
    mentions them: False when another run claimed one of them first (it sends, this one
    does not). Call it inside the transaction that sends the digest, so a failed send
    frees the items again. Every reminder of the platform goes through here."""
    try:
        with transaction.atomic():
            ReminderLog.objects.bulk_create(
                [ReminderLog(item_type=kind, item_id=pk, period=period) for kind, pk in items]
            )
    except IntegrityError:
        return False
    return True


def _remind(stakeholder, items, recipients, today, period, link) -> bool:
    every_item = items["overdue"] + items["due_soon"]
    with transaction.atomic():
        # Claim the items first: a concurrent run loses the race and sends nothing.
        if not reminder_claim(items=[(kind, item.pk) for kind, item in every_item], period=period):
            return False
        outcome = notice_send(
            to=sorted(set(recipients)),
            kind=NoticeKind.COMMITMENT_REMINDER,
            subject=_("Commitments: %(overdue)d overdue, %(soon)d due within %(days)d days")
            % {
                "overdue": len(items["overdue"]),
                "soon": len(items["due_soon"]),
                "days": REMINDER_HORIZON_DAYS,
            },
            template="cooperation/email/commitment_reminders.txt",
            context={
                "stakeholder": stakeholder,
                "overdue": items["overdue"],
                "due_soon": items["due_soon"],
                "today": today,
                "horizon_days": REMINDER_HORIZON_DAYS,
                "link": link,
            },
        )
        OwnerReminder.objects.create(
            stakeholder=stakeholder,
            period=period,
            items=len(every_item),
            # Those told at once or in their digest; not those who chose to hear nothing.
            recipients=len(outcome[Delivery.IMMEDIATE]) + len(outcome[Delivery.DIGEST]),
        )
    return True


def owners_for_reminders():
    """Every stakeholder that owns a commitment, with `has_contact` (someone to remind) and
    `last_reminded_at` (empty if never); those nobody can be told about first."""
    last = OwnerReminder.objects.filter(stakeholder=OuterRef("pk")).order_by("-sent_at", "-pk")
    return (
        Stakeholder.objects.filter(Exists(Commitment.objects.filter(owner=OuterRef("pk"))))
        .annotate(
            has_contact=Exists(ContactPerson.objects.filter(stakeholder=OuterRef("pk"))),
            last_reminded_at=Subquery(last.values("sent_at")[:1]),
            last_reminded_to=Subquery(last.values("recipients")[:1]),
        )
        .select_related("organisation")
        .order_by("has_contact", "organisation__legal_name", "pk")
    )


def owners_due_without_contact(*, today: dt.date) -> list[Stakeholder]:
    """The owners with something due or overdue and nobody to remind."""
    due = _due_items(today=today)
    with_contact = set(
        ContactPerson.objects.filter(stakeholder__in=list(due)).values_list(
            "stakeholder_id", flat=True
        )
    )
    return sorted(
        (owner for owner in due if owner.pk not in with_contact),
        key=lambda owner: owner.organisation.legal_name,
    )
