"""Services of the secretariat's meetings and workstreams: plan and edit meetings, the
attendance checklist in one save, minutes through the one upload validator, the public
summary, and the workstream lifecycle on the one workflow engine with its history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.trail import audit_trail
from cooperation.accounts.roles import Role
from cooperation.forum.meetings import (
    ForumRefused,
    TransitionRefused,
    attendance_checklist,
    meeting_create,
    meeting_publish_summary,
    meeting_record_attendance,
    meeting_update,
    meeting_upload_minutes,
    meeting_withdraw_summary,
    workstream_add_member,
    workstream_change_status,
    workstream_create,
    workstream_remove_member,
)
from cooperation.forum.workstream_workflow import TRANSITIONS
from cooperation.models import Attendance, Meeting, WorkstreamStatusChange
from core.brussels import BRUSSELS
from tests.browser.helpers import small_pdf
from tests.cooperation.factories_forum import (
    MeetingFactory,
    StakeholderFactory,
    WorkstreamFactory,
    WorkstreamMemberFactory,
)

pytestmark = pytest.mark.django_db


def _meeting_fields(workstream, **overrides):
    fields = {
        "workstream": workstream,
        "title": "Working group on hotlines",
        "kind": "working_group",
        "date": dt.date(2026, 12, 14),
        "start_time": dt.time(10, 30),
        "place": "Brussels, Berlaymont",
        "online": False,
        "agenda": "1. Hash sharing\n2. Reporting",
    }
    return {**fields, **overrides}


# -- Meetings --------------------------------------------------------------------------------


def test_a_meeting_is_planned_in_brussels_time(secretariat):
    meeting = meeting_create(user=secretariat, **_meeting_fields(WorkstreamFactory()))
    assert meeting.starts_at == dt.datetime(2026, 12, 14, 10, 30, tzinfo=BRUSSELS)
    # 10:30 in Brussels in winter (CET) is 09:30 UTC.
    assert meeting.starts_at.astimezone(dt.UTC).hour == 9


def test_a_meeting_needs_a_place_or_online(secretariat):
    with pytest.raises(ValidationError) as error:
        meeting_create(user=secretariat, **_meeting_fields(WorkstreamFactory(), place=""))
    assert "place" in error.value.message_dict
    online = meeting_create(
        user=secretariat, **_meeting_fields(WorkstreamFactory(), place="", online=True)
    )
    assert str(online.where) == "Online"


def test_no_meeting_is_planned_in_a_closed_workstream(secretariat):
    closed = WorkstreamFactory(status="closed")
    with pytest.raises(ValidationError) as error:
        meeting_create(user=secretariat, **_meeting_fields(closed))
    assert "workstream" in error.value.message_dict
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        meeting_update(meeting=meeting, user=secretariat, **_meeting_fields(closed))


def test_only_the_secretariat_plans_meetings(programme_manager, applicant):
    for user in (programme_manager, applicant):
        with pytest.raises(ForumRefused):
            meeting_create(user=user, **_meeting_fields(WorkstreamFactory()))
    assert not Meeting.objects.exists()


def test_a_meeting_is_edited(secretariat):
    meeting = MeetingFactory()
    other = WorkstreamFactory()
    meeting_update(
        meeting=meeting, user=secretariat, **_meeting_fields(other, title="Renamed", online=True)
    )
    meeting.refresh_from_db()
    assert (meeting.title, meeting.workstream, meeting.online) == ("Renamed", other, True)


# -- Attendance --------------------------------------------------------------------------------


def _members(meeting, n=3):
    return [
        WorkstreamMemberFactory(workstream=meeting.workstream, role=role).stakeholder
        for role in ("lead", "member", "observer")[:n]
    ]


def test_the_checklist_is_the_workstreams_members_then_anyone_recorded(secretariat):
    meeting = MeetingFactory()
    lead, member, observer = _members(meeting)
    guest = StakeholderFactory()
    Attendance.objects.create(meeting=meeting, stakeholder=guest, status="present")
    rows = attendance_checklist(meeting)
    assert [row.stakeholder for row in rows] == [lead, member, observer, guest]
    assert [row.status for row in rows] == ["", "", "", "present"]
    assert rows[-1].role == ""


def test_attendance_is_recorded_in_one_save(secretariat):
    meeting = MeetingFactory()
    lead, member, observer = _members(meeting)
    counts = meeting_record_attendance(
        meeting=meeting,
        user=secretariat,
        statuses={lead.pk: "present", member.pk: "excused", observer.pk: "absent"},
    )
    assert counts == {"present": 1, "excused": 1, "absent": 1}
    assert dict(meeting.attendance.values_list("stakeholder_id", "status")) == {
        lead.pk: "present",
        member.pk: "excused",
        observer.pk: "absent",
    }
    # Changed, cleared and kept at once.
    meeting_record_attendance(
        meeting=meeting,
        user=secretariat,
        statuses={lead.pk: "present", member.pk: "present", observer.pk: ""},
    )
    assert dict(meeting.attendance.values_list("stakeholder_id", "status")) == {
        lead.pk: "present",
        member.pk: "present",
    }


def _queries_to_record(meeting, user, n) -> int:
    members = [WorkstreamMemberFactory(workstream=meeting.workstream) for _ in range(n)]
    # Rows of each kind: created, changed, cleared.
    meeting_record_attendance(
        meeting=meeting,
        user=user,
        statuses={m.stakeholder_id: "present" for m in members[: n // 2]},
    )
    statuses = {m.stakeholder_id: "excused" for m in members}
    statuses[members[0].stakeholder_id] = ""
    with CaptureQueriesContext(connection) as queries:
        meeting_record_attendance(meeting=meeting, user=user, statuses=statuses)
    return len(queries)


def test_saving_the_checklist_costs_the_same_for_four_or_forty_members(secretariat):
    few = _queries_to_record(MeetingFactory(), secretariat, 4)
    many = _queries_to_record(MeetingFactory(), secretariat, 40)
    assert few == many


def test_attendance_refuses_strangers_and_unknown_statuses_and_writes_nothing(secretariat):
    meeting = MeetingFactory()
    lead, *_rest = _members(meeting)
    stranger = StakeholderFactory()
    with pytest.raises(ValidationError):
        meeting_record_attendance(
            meeting=meeting,
            user=secretariat,
            statuses={lead.pk: "present", stranger.pk: "present"},
        )
    with pytest.raises(ValidationError):
        meeting_record_attendance(meeting=meeting, user=secretariat, statuses={lead.pk: "late"})
    assert not Attendance.objects.exists()


def test_only_the_secretariat_takes_attendance(programme_manager):
    meeting = MeetingFactory()
    lead, *_rest = _members(meeting)
    with pytest.raises(ForumRefused):
        meeting_record_attendance(
            meeting=meeting, user=programme_manager, statuses={lead.pk: "present"}
        )


# -- Minutes and summary ---------------------------------------------------------------------


def test_minutes_pass_the_one_upload_validator(secretariat):
    meeting = MeetingFactory()
    fake = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    with pytest.raises(ValidationError) as error:
        meeting_upload_minutes(meeting=meeting, user=secretariat, file=fake)
    assert "not an accepted type" in str(error.value)
    empty = SimpleUploadedFile("minutes.pdf", b"", "application/pdf")
    with pytest.raises(ValidationError):
        meeting_upload_minutes(meeting=meeting, user=secretariat, file=empty)
    meeting.refresh_from_db()
    assert not meeting.minutes


def test_minutes_are_stored_privately_and_replace_earlier_ones(
    secretariat, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    pdf = small_pdf()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_upload_minutes(
            meeting=meeting, user=secretariat, file=SimpleUploadedFile("first.pdf", pdf)
        )
    first = meeting.minutes.name
    assert first.startswith("forum/minutes/")
    assert meeting.minutes.storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_upload_minutes(
            meeting=meeting, user=secretariat, file=SimpleUploadedFile("second.pdf", pdf)
        )
    assert meeting.minutes.name != first
    assert not meeting.minutes.storage.exists(first)
    assert meeting.minutes.storage.exists(meeting.minutes.name)


def test_a_summary_is_published_after_the_meeting_and_can_be_withdrawn(secretariat):
    meeting = MeetingFactory(date=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        meeting_publish_summary(meeting=meeting, user=secretariat, summary="   ")
    assert "public_summary" in error.value.message_dict
    meeting_publish_summary(meeting=meeting, user=secretariat, summary=" Agreed on hashes. ")
    meeting.refresh_from_db()
    assert meeting.public_summary == "Agreed on hashes." and meeting.summary_is_published
    assert list(Meeting.objects.summary_published()) == [meeting]
    meeting_withdraw_summary(meeting=meeting, user=secretariat)
    meeting.refresh_from_db()
    assert not meeting.summary_is_published and meeting.public_summary == "Agreed on hashes."
    assert not Meeting.objects.summary_published().exists()


def test_no_summary_before_the_meeting_and_none_by_others(secretariat, programme_manager):
    future = MeetingFactory(date=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(ValidationError):
        meeting_publish_summary(meeting=future, user=secretariat, summary="Too early.")
    past = MeetingFactory(date=dt.date(2025, 1, 1))
    with pytest.raises(ForumRefused):
        meeting_publish_summary(meeting=past, user=programme_manager, summary="Not mine.")
    assert not Meeting.objects.summary_published().exists()


# -- Workstreams -----------------------------------------------------------------------------


def test_a_new_workstream_is_proposed_with_its_lead_as_member(secretariat):
    lead = StakeholderFactory()
    workstream = workstream_create(
        user=secretariat, name="Age assurance", forum="eu_internet_forum", initiative=7, lead=lead
    )
    assert workstream.status == "proposed"
    assert workstream.members.get().stakeholder == lead


@pytest.mark.parametrize(
    ("source", "action", "target", "reason"),
    [(t.source, t.action, t.target, "Agreed." if t.needs_reason else "") for t in TRANSITIONS],
)
def test_every_row_of_the_lifecycle_writes_history(secretariat, source, action, target, reason):
    workstream = WorkstreamFactory(status=source, lead=StakeholderFactory())
    change = workstream_change_status(
        workstream=workstream, user=secretariat, action=action, reason=reason
    )
    workstream.refresh_from_db()
    assert workstream.status == target
    assert (change.from_status, change.to_status, change.changed_by) == (
        source,
        target,
        secretariat,
    )
    assert change.reason == reason and change.changed_at is not None


def test_the_lifecycle_refuses_what_the_table_does_not_allow(secretariat, programme_manager):
    workstream = WorkstreamFactory(status="proposed", lead=None)
    with pytest.raises(TransitionRefused, match="lead"):
        workstream_change_status(workstream=workstream, user=secretariat, action="activate")
    with pytest.raises(TransitionRefused, match="reason"):
        workstream_change_status(workstream=workstream, user=secretariat, action="close")
    with pytest.raises(TransitionRefused):
        workstream_change_status(workstream=workstream, user=secretariat, action="reopen")
    with pytest.raises(TransitionRefused, match="secretariat"):
        workstream_change_status(
            workstream=workstream, user=programme_manager, action="close", reason="No."
        )
    assert not WorkstreamStatusChange.objects.exists()


def test_a_workstream_moved_meanwhile_is_refused(secretariat):
    workstream = WorkstreamFactory(status="active")
    seen = WorkstreamFactory._meta.model.objects.get(pk=workstream.pk)
    workstream_change_status(workstream=workstream, user=secretariat, action="close", reason="x")
    with pytest.raises(TransitionRefused, match="meanwhile"):
        workstream_change_status(workstream=seen, user=secretariat, action="close", reason="y")


def test_the_audit_trail_shows_workstream_changes_to_the_secretariat(
    secretariat, make_user, programme_manager
):
    workstream = WorkstreamFactory(status="active", name="Hotline cooperation")
    workstream_change_status(
        workstream=workstream, user=secretariat, action="close", reason="Mandate fulfilled."
    )
    _form, rows = audit_trail(user=secretariat)
    row = next(r for r in rows if r["source"] == "workstream")
    assert (row["entity"], row["from_value"], row["to_value"], row["note"]) == (
        "Hotline cooperation",
        "active",
        "closed",
        "Mandate fulfilled.",
    )
    _form, rows = audit_trail(user=make_user(Role.ADMINISTRATOR))
    assert any(r["source"] == "workstream" for r in rows)
    _form, rows = audit_trail(user=programme_manager)
    assert not any(r["source"] == "workstream" for r in rows)


def test_members_are_added_and_the_lead_is_not_removed(secretariat):
    lead = StakeholderFactory()
    workstream = WorkstreamFactory(lead=lead)
    lead_member = workstream_add_member(
        workstream=workstream, user=secretariat, stakeholder=lead, role="lead"
    )
    member = workstream_add_member(
        workstream=workstream, user=secretariat, stakeholder=StakeholderFactory(), role="member"
    )
    with pytest.raises(ValidationError):
        workstream_add_member(
            workstream=workstream, user=secretariat, stakeholder=StakeholderFactory(), role="boss"
        )
    with pytest.raises(ForumRefused):
        workstream_remove_member(member=lead_member, user=secretariat)
    workstream_remove_member(member=member, user=secretariat)
    assert list(workstream.members.values_list("stakeholder", flat=True)) == [lead.pk]
