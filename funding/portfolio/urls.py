from django.urls import path

from funding.portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("", views.PortfolioListView.as_view(), name="list"),
    path("dashboard/", views.PortfolioDashboardView.as_view(), name="dashboard"),
    path("export.xlsx", views.PortfolioExportView.as_view(), name="export"),
    path("exports/<uuid:pk>/", views.ExportJobView.as_view(), name="export_job"),
    path("exports/<uuid:pk>/download/", views.ExportDownloadView.as_view(), name="export_download"),
    path("<str:grant_number>/", views.ProjectDetailView.as_view(), name="detail"),
    path("<str:grant_number>/status/", views.ProjectStatusView.as_view(), name="change_status"),
]
