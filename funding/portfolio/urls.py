from django.urls import path

from funding.portfolio import views
from funding.reporting.models import PeriodicReport
from funding.reporting.views import review

app_name = "portfolio"

urlpatterns = [
    path("", views.PortfolioListView.as_view(), name="list"),
    path("dashboard/", views.PortfolioDashboardView.as_view(), name="dashboard"),
    path("export.xlsx", views.PortfolioExportView.as_view(), name="export"),
    path("exports/<uuid:pk>/", views.ExportJobView.as_view(), name="export_job"),
    path("exports/<uuid:pk>/download/", views.ExportDownloadView.as_view(), name="export_download"),
    path("reviews/deliverables/", review.ReviewListView.as_view(), name="review_deliverables"),
    path(
        "reviews/reports/",
        review.ReviewListView.as_view(model=PeriodicReport),
        name="review_reports",
    ),
    path("reviews/deliverables/<int:pk>/", review.ReviewView.as_view(), name="review_deliverable"),
    path(
        "reviews/reports/<int:pk>/",
        review.ReviewView.as_view(model=PeriodicReport),
        name="review_report",
    ),
    path(
        "reviews/deliverables/<int:pk>/file/",
        review.ReviewFileView.as_view(),
        name="review_deliverable_file",
    ),
    path(
        "reviews/reports/<int:pk>/file/",
        review.ReviewFileView.as_view(model=PeriodicReport),
        name="review_report_file",
    ),
    path("<str:grant_number>/", views.ProjectDetailView.as_view(), name="detail"),
    path("<str:grant_number>/status/", views.ProjectStatusView.as_view(), name="change_status"),
]
