"""The forum's demo: meetings with attendance (present, excused, absent), one with minutes
and a published summary, workstreams at each stage of their lifecycle reached through the
workflow (with history), and a second seed that changes none of it."""

import pytest
from django.core.management import call_command

from cooperation.models import Attendance, Meeting, Workstream, WorkstreamStatusChange
from demo.forum_work import E2EE, EU_CENTRE, SEVENTH

pytestmark = pytest.mark.django_db


def _forum_state():
    return {
        "attendance": sorted(
            Attendance.objects.values_list("meeting_id", "stakeholder_id", "status")
        ),
        "meetings": sorted(
            Meeting.objects.values_list(
                "pk", "start_time", "minutes", "public_summary", "summary_published_at"
            )
        ),
        "workstreams": sorted(Workstream.objects.values_list("pk", "status")),
        "history": WorkstreamStatusChange.objects.count(),
    }


def test_the_forum_demo_has_meetings_attendance_and_a_lifecycle(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _forum_state()
    assert set(Attendance.objects.values_list("status", flat=True)) == {
        "present",
        "excused",
        "absent",
    }
    seventh = Meeting.objects.get(title=SEVENTH)
    assert seventh.minutes and seventh.minutes.storage.exists(seventh.minutes.name)
    assert seventh.summary_is_published and list(Meeting.objects.summary_published()) == [seventh]
    statuses = dict(Workstream.objects.values_list("name", "status"))
    assert statuses.pop(EU_CENTRE) == "proposed"
    assert statuses.pop(E2EE) == "closed"
    assert set(statuses.values()) == {"active"}
    closing = WorkstreamStatusChange.objects.get(workstream__name=E2EE, to_status="closed")
    assert closing.reason and closing.changed_by.email == "secretariat@demo.example.eu"

    call_command("seed_demo", verbosity=0)
    assert _forum_state() == first
