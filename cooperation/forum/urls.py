from django.urls import path

from cooperation.forum.views import excel as forum_excel
from cooperation.forum.views import reminders as forum_reminders
from cooperation.forum.views import self_service as forum_self
from cooperation.forum.views import staff as forum

app_name = "forum"

urlpatterns = [
    path("", forum.DashboardView.as_view(), name="dashboard"),
    path("stakeholders/", forum.StakeholderListView.as_view(), name="stakeholder_list"),
    path(
        "stakeholders/<int:pk>/",
        forum.StakeholderDetailView.as_view(),
        name="stakeholder_detail",
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
    path("workstreams/<int:pk>/", forum.WorkstreamDetailView.as_view(), name="workstream_detail"),
    path("meetings/", forum.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/<int:pk>/", forum.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/minutes/", forum.MeetingMinutesView.as_view(), name="meeting_minutes"),
    path("commitments/", forum.CommitmentListView.as_view(), name="commitment_list"),
    path(
        "commitments/export.xlsx",
        forum_excel.CommitmentExportView.as_view(),
        name="commitment_export",
    ),
    path("commitments/<int:pk>/", forum.CommitmentDetailView.as_view(), name="commitment_detail"),
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
