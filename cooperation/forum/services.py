"""Writes of the forum secretariat's tool: progress, milestones, Model National Response
assessments, the stakeholder import (the reminders are in `reminders.py`). Keyword-only
functions named <entity>_<action>; no request."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.forum.imports import RowError, organisation_match, parse_stakeholder_rows
from cooperation.forum.models.commitments import PROGRESS_FIELDS
from cooperation.forum.models.stakeholders import CATEGORY_ORGANISATION_TYPE
from cooperation.forum.permissions import can_assess, can_self_report, can_use_forum
from cooperation.models import (
    Commitment,
    CommitmentMilestone,
    MNRAssessment,
    Organisation,
    ProgressUpdate,
    Stakeholder,
    UpdateKind,
)
from core.files import validate_import_workbook


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
    secretariat's assessment. Updates are history: nothing earlier is changed. The
    commitment's stored progress (current level, latest assessment and self-report) is
    recomputed from its updates on the locked row, in the same transaction."""
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
    with transaction.atomic():
        # Two updates recorded at once: the second waits here, then counts the first.
        Commitment.objects.select_for_update().only("pk").get(pk=commitment.pk)
        update.save()
        Commitment.objects.filter(pk=commitment.pk).refresh_progress()
    commitment.refresh_from_db(fields=PROGRESS_FIELDS)
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
    organisation, refusal = organisation_match(row)
    if refusal:
        report.errors.append(refusal)
        return
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
