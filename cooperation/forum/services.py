"""Writes of the forum secretariat's tool: progress, milestones, Model National Response
assessments, reminders. Keyword-only functions named <entity>_<action>; no request."""

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.forum.imports import RowError, parse_stakeholder_rows
from cooperation.forum.models.commitments import ReminderItem
from cooperation.forum.models.stakeholders import CATEGORY_ORGANISATION_TYPE
from cooperation.forum.permissions import can_assess, can_self_report, can_use_forum
from cooperation.models import (
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    MNRAssessment,
    Organisation,
    ProgressUpdate,
    ReminderLog,
    Stakeholder,
    UpdateKind,
)
from core.files import validate_import_workbook
from core.mail import mail_send

# How far ahead the reminder digest looks.
REMINDER_HORIZON_DAYS = 14


class ForumRefused(Exception):
    """An action the user may not take; the message says why."""


def commitment_record_progress(
    *,
    commitment: Commitment,
    user,
    kind: str,
    date: dt.date,
    completion: str,
    narrative: str,
    early_results: str = "",
    evidence_link: str = "",
    evidence_file=None,
    today: dt.date | None = None,
) -> ProgressUpdate:
    """Add a progress update: a self-report by the owner's contact person, or the
    secretariat's assessment. Updates are history: nothing earlier is changed."""
    verdict = can_self_report(user, commitment) if kind == UpdateKind.SELF_REPORT else None
    if kind == UpdateKind.ASSESSMENT:
        verdict = can_assess(user, commitment)
    if verdict is None:
        raise ForumRefused(_("Unknown kind of progress update."))
    if not verdict:
        raise ForumRefused(verdict.reason)
    today = today or timezone.localdate()
    if date > today:
        raise ValidationError({"date": _("A progress update cannot be dated in the future.")})
    update = ProgressUpdate(
        commitment=commitment,
        kind=kind,
        date=date,
        completion=completion,
        early_results=early_results,
        narrative=narrative,
        evidence_link=evidence_link,
        reported_by=user,
    )
    if evidence_file:
        update.evidence_file = evidence_file
    update.full_clean()
    update.save()
    return update


def commitment_add_milestone(
    *, commitment: Commitment, title: str, due_date: dt.date
) -> CommitmentMilestone:
    """Add a milestone; one due after the commitment's own due date is refused."""
    milestone = CommitmentMilestone(commitment=commitment, title=title, due_date=due_date)
    milestone.full_clean()
    milestone.save()
    return milestone


def milestone_mark_done(*, milestone: CommitmentMilestone, done_date: dt.date) -> None:
    milestone.done_date = done_date
    milestone.save(update_fields=["done_date"])


def mnr_record_assessment(
    *, country: str, capability: int, status: str, assessed_on: dt.date, evidence: str, user
) -> MNRAssessment:
    """Record a capability's status for a country: always a new row, so history is kept."""
    verdict = can_assess(user)
    if not verdict:
        raise ForumRefused(verdict.reason)
    assessment = MNRAssessment(
        country=country,
        capability=capability,
        status=status,
        assessed_on=assessed_on,
        evidence=evidence,
        recorded_by=user,
    )
    assessment.full_clean()
    assessment.save()
    return assessment


# -- Reminders -------------------------------------------------------------------------------


def reminder_period(today: dt.date) -> str:
    """The reminder period is the ISO week of `today` (Brussels date), e.g. "2026-W48".

    An item is mentioned at most once per ISO week, however often the job runs.
    """
    year, week, _weekday = today.isocalendar()
    return f"{year}-W{week:02d}"


def commitment_send_reminders(*, today: dt.date) -> int:
    """E-mail each owner's contact persons a digest of their commitments and milestones due
    within 14 days or overdue, skipping items already reminded this period. Returns the
    number of e-mails sent."""
    period = reminder_period(today)
    horizon = today + dt.timedelta(days=REMINDER_HORIZON_DAYS)
    sent_keys = set(ReminderLog.objects.filter(period=period).values_list("item_type", "item_id"))
    digests = defaultdict(lambda: {"overdue": [], "due_soon": []})

    commitments = (
        Commitment.objects.with_progress()
        .filter(due_date__lte=horizon)
        .not_complete()
        .select_related("owner__organisation")
    )
    for commitment in commitments:
        if (ReminderItem.COMMITMENT, commitment.pk) in sent_keys:
            continue
        bucket = "overdue" if commitment.due_date < today else "due_soon"
        digests[commitment.owner][bucket].append((ReminderItem.COMMITMENT, commitment))

    milestones = CommitmentMilestone.objects.filter(
        due_date__lte=horizon, done_date__isnull=True
    ).select_related("commitment__owner__organisation")
    for milestone in milestones:
        if (ReminderItem.MILESTONE, milestone.pk) in sent_keys:
            continue
        bucket = "overdue" if milestone.due_date < today else "due_soon"
        digests[milestone.commitment.owner][bucket].append((ReminderItem.MILESTONE, milestone))

    contacts = defaultdict(list)
    for contact in ContactPerson.objects.filter(stakeholder__in=list(digests)):
        contacts[contact.stakeholder_id].append(contact.email)

    sent = 0
    for stakeholder, items in digests.items():
        recipients = contacts.get(stakeholder.pk)
        if not recipients:
            continue  # nobody to tell; try again once a contact person is registered
        if _send_digest(stakeholder, items, recipients, today, period):
            sent += 1
    return sent


def reminder_claim(*, items, period: str) -> bool:
    """Claim `items` ((kind, pk) pairs, kinds of ReminderItem) for `period` before a digest
    mentions them: False when another run claimed one of them first (it sends, this one
    does not). Call it inside the transaction that sends the digest, so a failed send
    frees the items again. Every digest of the platform goes through here."""
    try:
        with transaction.atomic():
            ReminderLog.objects.bulk_create(
                [ReminderLog(item_type=kind, item_id=pk, period=period) for kind, pk in items]
            )
    except IntegrityError:
        return False
    return True


def _send_digest(stakeholder, items, recipients, today, period) -> bool:
    every_item = items["overdue"] + items["due_soon"]
    with transaction.atomic():
        # Claim the items first: a concurrent run loses the race and sends nothing.
        if not reminder_claim(items=[(kind, item.pk) for kind, item in every_item], period=period):
            return False
        context = {
            "stakeholder": stakeholder,
            "overdue": items["overdue"],
            "due_soon": items["due_soon"],
            "today": today,
            "horizon_days": REMINDER_HORIZON_DAYS,
        }
        mail_send(
            to=sorted(set(recipients)),
            subject=_("Commitments: %(overdue)d overdue, %(soon)d due within %(days)d days")
            % {
                "overdue": len(items["overdue"]),
                "soon": len(items["due_soon"]),
                "days": REMINDER_HORIZON_DAYS,
            },
            template="cooperation/email/commitment_reminders.txt",
            context=context,
        )
    return True


# -- Stakeholder import ----------------------------------------------------------------------


class _Rollback(Exception):
    pass


def stakeholder_import(*, file, user) -> "ImportReport":
    """Import stakeholders from an Excel file, all or nothing.

    Every row is checked before anything is written; with any problem nothing is written
    and the report lists each one (row, column, problem). A row whose PIC, or whose name
    and country, match a registered organisation updates it instead of adding another.
    """
    verdict = can_use_forum(user)
    if not verdict:
        raise ForumRefused(verdict.reason)
    report = ImportReport()
    try:
        validate_import_workbook(file)
    except ValidationError as error:
        report.errors.append(RowError(0, "", " ".join(error.messages)))
        return report
    parsed = parse_stakeholder_rows(file)
    report.errors.extend(parsed.errors)
    if report.errors:
        return report
    try:
        with transaction.atomic():
            for row in parsed.rows:
                _import_row(row, report)
            if report.errors:
                raise _Rollback
    except _Rollback:
        report.created = report.updated = 0
    return report


def _import_row(row: dict, report: "ImportReport") -> None:
    organisation = None
    if row["pic"]:
        organisation = Organisation.objects.filter(pic=row["pic"]).first()
    if organisation is None:
        organisation = Organisation.objects.filter(
            legal_name__iexact=row["legal_name"], country=row["country"]
        ).first()
    created = organisation is None
    if created:
        organisation = Organisation(
            organisation_type=CATEGORY_ORGANISATION_TYPE[row["category"]],
            legal_name=row["legal_name"],
            country=row["country"],
        )
    organisation.legal_name = row["legal_name"]
    organisation.country = row["country"]
    for name in ("short_name", "pic", "website"):
        if row[name]:
            setattr(organisation, name, row[name])
    try:
        organisation.full_clean()
    except ValidationError as error:
        for column, messages in error.message_dict.items():
            report.errors.append(RowError(row["row"], column, " ".join(messages)))
        return
    organisation.save()
    stakeholder = Stakeholder.objects.filter(organisation=organisation).first()
    stakeholder = stakeholder or Stakeholder(organisation=organisation)
    stakeholder.category = row["category"]
    stakeholder.weprotect_member_since = row["weprotect_member_since"]
    stakeholder.weprotect_category = row["weprotect_category"]
    stakeholder.weprotect_board_seat = row["weprotect_board_seat"]
    stakeholder.forum_participant_since = row["forum_participant_since"]
    stakeholder.save()
    if row["tags"]:
        stakeholder.tags.set(row["tags"])
    if created:
        report.created += 1
    else:
        report.updated += 1


class ImportReport:
    def __init__(self):
        self.created = 0
        self.updated = 0
        self.errors = []

    @property
    def ok(self) -> bool:
        return not self.errors
