"""The forum secretariat's registry in the Wagtail admin: create and edit stakeholders,
contacts, workstreams, meetings and commitments. Progress and Model National Response
assessments are history, recorded through the /forum/ pages (services), not edited here."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from cooperation.models import (
    Attendance,
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    Meeting,
    Stakeholder,
    Workstream,
    WorkstreamMember,
)


class StakeholderViewSet(ModelViewSet):
    model = Stakeholder
    icon = "group"
    form_fields = [
        "organisation",
        "category",
        "weprotect_member_since",
        "weprotect_category",
        "weprotect_board_seat",
        "forum_participant_since",
        "tags",
    ]
    list_display = ["organisation", "category", "weprotect_member_since", "forum_participant_since"]
    list_filter = ["category", "weprotect_board_seat"]
    search_fields = ["organisation__legal_name", "organisation__short_name"]
    copy_view_enabled = False


class ContactPersonViewSet(ModelViewSet):
    model = ContactPerson
    icon = "user"
    form_fields = ["stakeholder", "name", "role", "email", "user"]
    list_display = ["name", "stakeholder", "role"]
    list_filter = ["stakeholder"]
    search_fields = ["name", "email"]
    copy_view_enabled = False


class WorkstreamViewSet(ModelViewSet):
    model = Workstream
    icon = "list-ul"
    # The status changes only through the workflow (the buttons of /forum/workstreams/…).
    form_fields = ["name", "forum", "initiative", "lead", "description", "public"]
    list_display = ["name", "forum", "initiative", "status", "public"]
    list_filter = ["forum", "initiative", "status", "public"]
    search_fields = ["name", "description"]


class WorkstreamMemberViewSet(ModelViewSet):
    model = WorkstreamMember
    icon = "group"
    form_fields = ["workstream", "stakeholder", "role"]
    list_display = ["stakeholder", "workstream", "role"]
    list_filter = ["workstream", "role"]
    search_fields = ["stakeholder__organisation__legal_name"]
    copy_view_enabled = False


class MeetingViewSet(ModelViewSet):
    model = Meeting
    icon = "date"
    form_fields = ["workstream", "title", "kind", "date", "place", "online", "agenda", "minutes"]
    list_display = ["title", "date", "kind", "workstream"]
    list_filter = ["kind", "workstream"]
    search_fields = ["title", "agenda"]


class AttendanceViewSet(ModelViewSet):
    model = Attendance
    icon = "tick"
    form_fields = ["meeting", "stakeholder", "person", "status"]
    list_display = ["stakeholder", "meeting", "status"]
    list_filter = ["meeting", "status"]
    search_fields = ["stakeholder__organisation__legal_name"]
    copy_view_enabled = False


class CommitmentViewSet(ModelViewSet):
    model = Commitment
    icon = "clipboard-list"
    form_fields = [
        "owner",
        "workstream",
        "meeting",
        "title",
        "problem",
        "actions",
        "due_date",
        "verifiable",
        "public",
    ]
    list_display = ["title", "owner", "workstream", "due_date", "public"]
    list_filter = ["workstream", "verifiable", "public"]
    search_fields = ["title", "problem"]


class CommitmentMilestoneViewSet(ModelViewSet):
    model = CommitmentMilestone
    icon = "flag"
    form_fields = ["commitment", "title", "due_date", "done_date"]
    list_display = ["title", "commitment", "due_date", "done_date"]
    list_filter = ["commitment__workstream"]
    search_fields = ["title"]
    copy_view_enabled = False


class ForumViewSetGroup(ModelViewSetGroup):
    menu_label = _("Forum registry")
    menu_icon = "globe"
    menu_order = 300
    items = (
        StakeholderViewSet("forum_stakeholders"),
        ContactPersonViewSet("forum_contacts"),
        WorkstreamViewSet("forum_workstreams"),
        WorkstreamMemberViewSet("forum_workstream_members"),
        MeetingViewSet("forum_meetings"),
        AttendanceViewSet("forum_attendance"),
        CommitmentViewSet("forum_commitments"),
        CommitmentMilestoneViewSet("forum_milestones"),
    )


@hooks.register("register_admin_viewset")
def register_forum_viewsets():
    return ForumViewSetGroup()
