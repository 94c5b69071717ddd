"""Writes of the secretariat's meetings and workstreams: meetings planned and edited,
attendance taken as one checklist, minutes uploaded, public summaries published; workstreams
created, edited, given members and moved through their lifecycle (the one workflow engine).
Keyword-only functions named <entity>_<action>; no request."""

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.forum.models.workstreams import (
    AttendanceStatus,
    WorkstreamRole,
    WorkstreamStatus,
)
from cooperation.forum.permissions import can_use_forum
from cooperation.forum.services import ForumRefused
from cooperation.forum.workstream_workflow import WORKSTREAM_WORKFLOW
from cooperation.models import (
    Attendance,
    Meeting,
    Stakeholder,
    Workstream,
    WorkstreamMember,
    WorkstreamStatusChange,
)
from core.files import validate_document
from core.workflow import TransitionRefused

__all__ = ["ForumRefused", "TransitionRefused"]


def _require_secretariat(user) -> None:
    if not (verdict := can_use_forum(user)):
        raise ForumRefused(verdict.reason)


# -- Meetings --------------------------------------------------------------------------------


def _check_workstream_open(workstream: Workstream) -> None:
    if workstream.status == WorkstreamStatus.CLOSED:
        raise ValidationError(
            {
                "workstream": _(
                    "This workstream is closed: reopen it before planning a meeting in it."
                )
            }
        )


def meeting_create(
    *,
    user,
    workstream: Workstream,
    title: str,
    kind: str,
    date: dt.date,
    start_time: dt.time | None = None,
    place: str = "",
    online: bool = False,
    agenda: str = "",
) -> Meeting:
    """Plan a meeting of an open workstream; the date and time are Brussels time."""
    _require_secretariat(user)
    _check_workstream_open(workstream)
    meeting = Meeting(
        workstream=workstream,
        title=title,
        kind=kind,
        date=date,
        start_time=start_time,
        place=place,
        online=online,
        agenda=agenda,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_update(
    *,
    meeting: Meeting,
    user,
    workstream: Workstream,
    title: str,
    kind: str,
    date: dt.date,
    start_time: dt.time | None,
    place: str,
    online: bool,
    agenda: str,
) -> Meeting:
    """Change what is known of a meeting. Moving it to a closed workstream is refused."""
    _require_secretariat(user)
    if workstream.pk != meeting.workstream_id:
        _check_workstream_open(workstream)
    fields = {
        "workstream": workstream,
        "title": title,
        "kind": kind,
        "date": date,
        "start_time": start_time,
        "place": place,
        "online": online,
        "agenda": agenda,
    }
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save(update_fields=list(fields))
    return meeting


class ChecklistRow(NamedTuple):
    stakeholder: Stakeholder
    role: str  # the workstream role's label, "" for someone who is not a member
    status: str  # an AttendanceStatus value, "" when nothing is recorded


def attendance_checklist(meeting: Meeting) -> list[ChecklistRow]:
    """The workstream's members, in role then name order, with what is recorded for each;
    then anyone recorded who is not (or no longer) a member. Two queries."""
    recorded = dict(meeting.attendance.values_list("stakeholder_id", "status"))
    roles = dict(WorkstreamRole.choices)
    rows, seen = [], set()
    members = (
        WorkstreamMember.objects.filter(workstream_id=meeting.workstream_id)
        .select_related("stakeholder__organisation")
        .order_by("role", "stakeholder__organisation__legal_name")
    )
    for member in members:
        seen.add(member.stakeholder_id)
        rows.append(
            ChecklistRow(
                member.stakeholder, str(roles[member.role]), recorded.get(member.stakeholder_id, "")
            )
        )
    others = set(recorded) - seen
    if others:
        for stakeholder in (
            Stakeholder.objects.filter(pk__in=others)
            .select_related("organisation")
            .order_by("organisation__legal_name")
        ):
            rows.append(ChecklistRow(stakeholder, "", recorded[stakeholder.pk]))
    return rows


def meeting_record_attendance(*, meeting: Meeting, user, statuses: Mapping[int, str]) -> Counter:
    """Record the whole checklist at once: for each stakeholder of the checklist, present,
    excused, absent or "" (nothing recorded). All or nothing; returns the count by status."""
    _require_secretariat(user)
    allowed = {row.stakeholder.pk for row in attendance_checklist(meeting)}
    if unknown := set(statuses) - allowed:
        raise ValidationError(
            _("%(n)d of these stakeholders are not on this meeting's list.") % {"n": len(unknown)}
        )
    valid = set(AttendanceStatus.values) | {""}
    if any(status not in valid for status in statuses.values()):
        raise ValidationError(_("Choose present, excused, absent or not recorded."))
    with transaction.atomic():
        # One checklist saved at a time per meeting: the second waits for the first.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        existing = {row.stakeholder_id: row for row in meeting.attendance.all()}
        create, update, remove = [], [], []
        for stakeholder_id, status in statuses.items():
            row = existing.get(stakeholder_id)
            if not status:
                if row is not None:
                    remove.append(row.pk)
            elif row is None:
                create.append(
                    Attendance(meeting=meeting, stakeholder_id=stakeholder_id, status=status)
                )
            elif row.status != status:
                row.status = status
                update.append(row)
        Attendance.objects.filter(pk__in=remove).delete()
        Attendance.objects.bulk_create(create)
        Attendance.objects.bulk_update(update, ["status"])
    return Counter(status for status in statuses.values() if status)


def meeting_upload_minutes(*, meeting: Meeting, user, file) -> Meeting:
    """Store the minutes in private storage, replacing earlier ones. The file passes the one
    upload validator (core.files: PDF, Word, Excel or ODT read from the content, 10 MB)."""
    _require_secretariat(user)
    validate_document(file)
    previous = meeting.minutes.name if meeting.minutes else ""
    storage = meeting.minutes.storage
    with transaction.atomic():
        meeting.minutes = file
        meeting.save(update_fields=["minutes"])
        if previous and previous != meeting.minutes.name:
            transaction.on_commit(lambda: storage.delete(previous))
    return meeting


def meeting_publish_summary(
    *, meeting: Meeting, user, summary: str, now: dt.datetime | None = None
) -> Meeting:
    """Publish (or correct) the meeting's public summary; it is shown on the public page of
    a public workstream. A summary is written once the meeting has taken place."""
    _require_secretariat(user)
    now = now or timezone.now()
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"public_summary": _("Write the summary before publishing it.")})
    if meeting.date > timezone.localdate(now):
        raise ValidationError(
            {"public_summary": _("The meeting has not taken place yet: publish its summary after.")}
        )
    meeting.public_summary = summary
    meeting.summary_published_at = now
    meeting.save(update_fields=["public_summary", "summary_published_at"])
    return meeting


def meeting_withdraw_summary(*, meeting: Meeting, user) -> Meeting:
    """Take the summary off the public site; the text is kept for the secretariat."""
    _require_secretariat(user)
    meeting.summary_published_at = None
    meeting.save(update_fields=["summary_published_at"])
    return meeting


# -- Workstreams -----------------------------------------------------------------------------


def workstream_create(
    *,
    user,
    name: str,
    forum: str,
    initiative: int,
    lead: Stakeholder | None = None,
    description: str = "",
    public: bool = False,
    name_fr: str = "",
    description_fr: str = "",
) -> Workstream:
    """A new workstream starts as proposed; the workflow starts and closes it."""
    _require_secretariat(user)
    workstream = Workstream(
        name=name,
        forum=forum,
        initiative=initiative,
        lead=lead,
        description=description,
        name_fr=name_fr,
        description_fr=description_fr,
        public=public,
        status=WorkstreamStatus.PROPOSED,
    )
    workstream.full_clean()
    with transaction.atomic():
        workstream.save()
        if lead is not None:
            WorkstreamMember.objects.create(
                workstream=workstream, stakeholder=lead, role=WorkstreamRole.LEAD
            )
    return workstream


def workstream_update(
    *,
    workstream: Workstream,
    user,
    name: str,
    forum: str,
    initiative: int,
    lead: Stakeholder | None,
    description: str,
    public: bool,
    name_fr: str = "",
    description_fr: str = "",
) -> Workstream:
    """Change what describes a workstream; its status changes only through the workflow."""
    _require_secretariat(user)
    fields = {
        "name": name,
        "forum": forum,
        "initiative": initiative,
        "lead": lead,
        "description": description,
        "name_fr": name_fr,
        "description_fr": description_fr,
        "public": public,
    }
    for field, value in fields.items():
        setattr(workstream, field, value)
    workstream.full_clean()
    with transaction.atomic():
        workstream.save(update_fields=list(fields))
        if lead is not None:
            WorkstreamMember.objects.update_or_create(
                workstream=workstream, stakeholder=lead, defaults={"role": WorkstreamRole.LEAD}
            )
    return workstream


def workstream_add_member(
    *, workstream: Workstream, user, stakeholder: Stakeholder, role: str
) -> WorkstreamMember:
    """Add a member, or change the role of one already there."""
    _require_secretariat(user)
    if role not in WorkstreamRole.values:
        raise ValidationError({"role": _("Choose lead, member or observer.")})
    member, _created = WorkstreamMember.objects.update_or_create(
        workstream=workstream, stakeholder=stakeholder, defaults={"role": role}
    )
    return member


def workstream_remove_member(*, member: WorkstreamMember, user) -> None:
    """Past attendance is kept: the stakeholder stays on the lists of earlier meetings."""
    _require_secretariat(user)
    if member.workstream.lead_id == member.stakeholder_id:
        raise ForumRefused(
            _("This stakeholder leads the workstream: name another lead before removing it.")
        )
    member.delete()


def workstream_change_status(
    *,
    workstream: Workstream,
    user,
    action: str,
    reason: str = "",
    now: dt.datetime | None = None,
) -> WorkstreamStatusChange:
    """Take a lifecycle action if the workflow allows it, judged on the status the user saw;
    raises TransitionRefused saying why not. The history row names who, when and why."""
    applied = WORKSTREAM_WORKFLOW.apply(
        obj=workstream,
        action=action,
        user=user,
        reason=reason,
        now=now,
        seen_status=workstream.status,
    )
    workstream.status = applied.obj.status
    return applied.change
