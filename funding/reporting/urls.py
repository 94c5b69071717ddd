"""The beneficiaries' area, under /applicant/projects/."""

from django.urls import path

from funding.reporting.models import PeriodicReport
from funding.reporting.views import amendments, beneficiary

app_name = "projects"

urlpatterns = [
    path("", beneficiary.ProjectListView.as_view(), name="list"),
    path("<str:grant_number>/", beneficiary.ProjectView.as_view(), name="detail"),
    path(
        "<str:grant_number>/amendments/",
        amendments.AmendmentsView.as_view(),
        name="amendments",
    ),
    path(
        "<str:grant_number>/deliverables/<int:pk>/",
        beneficiary.DeliverableSubmitView.as_view(),
        name="deliverable",
    ),
    path(
        "<str:grant_number>/periods/<int:number>/report/",
        beneficiary.ReportSubmitView.as_view(),
        name="report",
    ),
    path(
        "<str:grant_number>/files/deliverables/<int:pk>/",
        beneficiary.VersionFileView.as_view(),
        name="deliverable_file",
    ),
    path(
        "<str:grant_number>/files/reports/<int:pk>/",
        beneficiary.VersionFileView.as_view(model=PeriodicReport),
        name="report_file",
    ),
]
