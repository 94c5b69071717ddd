from django.urls import path

from cooperation.forum.views import excel as forum_excel
from cooperation.forum.views import meetings as forum_meetings
from cooperation.forum.views import records as forum_records
from cooperation.forum.views import reminders as forum_reminders
from cooperation.forum.views import self_service as forum_self
from cooperation.forum.views import staff as forum
from cooperation.forum.views import workstreams as forum_workstreams

app_name = "forum"

urlpatterns = [
    path("", forum.DashboardView.as_view(), name="dashboard"),
    path("stakeholders/", forum.StakeholderListView.as_view(), name="stakeholder_list"),
    path(
        "stakeholders/new/",
        forum_records.StakeholderCreateView.as_view(),
        name="stakeholder_create",
    ),
    path(
        "stakeholders/<int:pk>/",
        forum.StakeholderDetailView.as_view(),
        name="stakeholder_detail",
    ),
    path(
        "stakeholders/<int:pk>/edit/",
        forum_records.StakeholderEditView.as_view(),
        name="stakeholder_edit",
    ),
    path(
        "stakeholders/<int:pk>/contacts/new/",
        forum_records.ContactAddView.as_view(),
        name="contact_add",
    ),
    path("contacts/<int:pk>/edit/", forum_records.ContactEditView.as_view(), name="contact_edit"),
    path(
        "contacts/<int:pk>/remove/",
        forum_records.ContactRemoveView.as_view(),
        name="contact_remove",
    ),
    path(
        "stakeholders/import/",
        forum_excel.StakeholderImportView.as_view(),
        name="stakeholder_import",
    ),
    path(
        "stakeholders/import/template.xlsx",
        forum_excel.ImportTemplateView.as_view(),
        name="stakeholder_import_template",
    ),
    path("workstreams/", forum.WorkstreamListView.as_view(), name="workstream_list"),
    path(
        "workstreams/new/",
        forum_workstreams.WorkstreamCreateView.as_view(),
        name="workstream_create",
    ),
    path(
        "workstreams/<int:pk>/",
        forum_workstreams.WorkstreamDetailView.as_view(),
        name="workstream_detail",
    ),
    path(
        "workstreams/<int:pk>/edit/",
        forum_workstreams.WorkstreamEditView.as_view(),
        name="workstream_edit",
    ),
    path(
        "workstreams/<int:pk>/status/",
        forum_workstreams.WorkstreamStatusView.as_view(),
        name="workstream_status",
    ),
    path(
        "workstreams/<int:pk>/members/",
        forum_workstreams.WorkstreamMemberAddView.as_view(),
        name="workstream_member_add",
    ),
    path(
        "workstreams/<int:pk>/members/<int:member>/remove/",
        forum_workstreams.WorkstreamMemberRemoveView.as_view(),
        name="workstream_member_remove",
    ),
    path("meetings/", forum.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", forum_meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", forum.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", forum_meetings.MeetingEditView.as_view(), name="meeting_edit"),
    path(
        "meetings/<int:pk>/attendance/",
        forum_meetings.MeetingAttendanceView.as_view(),
        name="meeting_attendance",
    ),
    path("meetings/<int:pk>/minutes/", forum.MeetingMinutesView.as_view(), name="meeting_minutes"),
    path(
        "meetings/<int:pk>/minutes/upload/",
        forum_meetings.MeetingMinutesUploadView.as_view(),
        name="meeting_minutes_upload",
    ),
    path(
        "meetings/<int:pk>/summary/",
        forum_meetings.MeetingSummaryView.as_view(),
        name="meeting_summary",
    ),
    path("commitments/", forum.CommitmentListView.as_view(), name="commitment_list"),
    path(
        "commitments/new/", forum_records.CommitmentCreateView.as_view(), name="commitment_create"
    ),
    path(
        "commitments/export.xlsx",
        forum_excel.CommitmentExportView.as_view(),
        name="commitment_export",
    ),
    path("commitments/<int:pk>/", forum.CommitmentDetailView.as_view(), name="commitment_detail"),
    path(
        "commitments/<int:pk>/edit/",
        forum_records.CommitmentEditView.as_view(),
        name="commitment_edit",
    ),
    path(
        "milestones/<int:pk>/edit/",
        forum_records.MilestoneEditView.as_view(),
        name="milestone_edit",
    ),
    path("evidence/<int:pk>/", forum.EvidenceFileView.as_view(), name="evidence_file"),
    path("reminders/", forum_reminders.RemindersView.as_view(), name="reminders"),
    path("mnr/", forum.MNRMatrixView.as_view(), name="mnr_matrix"),
    path("mnr/record/", forum.MNRRecordView.as_view(), name="mnr_record"),
    path("mnr/export.xlsx", forum_excel.MNRExportView.as_view(), name="mnr_export"),
    path("my-commitments/", forum_self.MyCommitmentListView.as_view(), name="my_commitment_list"),
    path(
        "my-commitments/<int:pk>/",
        forum_self.MyCommitmentDetailView.as_view(),
        name="my_commitment_detail",
    ),
    path(
        "my-commitments/evidence/<int:pk>/",
        forum_self.MyEvidenceFileView.as_view(),
        name="my_evidence_file",
    ),
]
