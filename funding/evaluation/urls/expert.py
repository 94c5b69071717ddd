from django.urls import path

from funding.evaluation.views import expert as views

app_name = "expert"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("availability/", views.AvailabilityView.as_view(), name="availability"),
    path("assignments/<int:pk>/declare/", views.DeclareView.as_view(), name="declare"),
    path("assignments/<int:pk>/", views.ProposalView.as_view(), name="proposal"),
    path(
        "assignments/<int:pk>/attachments/<int:item>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path("assignments/<int:pk>/report/", views.ReportView.as_view(), name="report"),
    path("assignments/<int:pk>/reports/", views.OtherReportsView.as_view(), name="reports"),
    path("assignments/<int:pk>/consensus/", views.ConsensusView.as_view(), name="consensus"),
]
