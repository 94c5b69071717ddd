from django.urls import path

from funding.portfolio import (
    views,
    views_initiative,
    views_plan,
    views_preparation,
    views_records,
)
from funding.reporting.models import PeriodicReport
from funding.reporting.views import review

app_name = "portfolio"

P = "<str:grant_number>/preparation/"

urlpatterns = [
    path("", views.PortfolioListView.as_view(), name="list"),
    path("dashboard/", views.PortfolioDashboardView.as_view(), name="dashboard"),
    path("export.xlsx", views.PortfolioExportView.as_view(), name="export"),
    path("exports/<uuid:pk>/", views.ExportJobView.as_view(), name="export_job"),
    path("exports/<uuid:pk>/download/", views.ExportDownloadView.as_view(), name="export_download"),
    path("participants/", views_records.ParticipantListView.as_view(), name="participants"),
    path("payments/", views_records.PaymentListView.as_view(), name="payment_list"),
    path("deliverables/", views_plan.DeliverableListView.as_view(), name="deliverable_list"),
    path("periods/", views_plan.ReportingPeriodListView.as_view(), name="period_list"),
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
    path(
        "<str:grant_number>/initiative/",
        views_initiative.ProjectInitiativeView.as_view(),
        name="initiative",
    ),
    # Grant preparation
    path(P, views_preparation.PreparationView.as_view(), name="preparation"),
    path(
        P + "beneficiaries/<int:participant>/",
        views_preparation.AccountView.as_view(),
        name="account",
    ),
    path(P + "consortium/", views_preparation.ConsortiumStepView.as_view(), name="confirm"),
    path(P + "description/", views_preparation.DescriptionStepView.as_view(), name="describe"),
    path(
        P + "description/download/",
        views_preparation.DescriptionDownloadView.as_view(),
        name="description",
    ),
    path(P + "dates/", views_preparation.DatesStepView.as_view(), name="dates"),
    path(P + "sign/", views_preparation.SignStepView.as_view(), name="sign"),
    path(P + "fail/", views_preparation.FailView.as_view(), name="fail"),
    path("<str:grant_number>/reserve/", views_preparation.ReserveView.as_view(), name="reserve"),
    # Payments and amendments
    path("<str:grant_number>/payments/", views_records.PaymentsView.as_view(), name="payments"),
    path(
        "<str:grant_number>/amendments/",
        views_records.AmendmentsView.as_view(),
        name="amendments",
    ),
    path(
        "<str:grant_number>/amendments/<int:pk>/",
        views_records.AmendmentView.as_view(),
        name="amendment",
    ),
    # The project's plan: deliverables and reporting periods
    path(
        "<str:grant_number>/deliverables/",
        views_plan.DeliverablesView.as_view(),
        name="deliverables",
    ),
    path(
        "<str:grant_number>/deliverables/<int:pk>/",
        views_plan.DeliverablesView.as_view(),
        name="deliverable",
    ),
    path("<str:grant_number>/periods/", views_plan.ReportingPeriodsView.as_view(), name="periods"),
    path(
        "<str:grant_number>/periods/<int:pk>/",
        views_plan.ReportingPeriodsView.as_view(),
        name="period",
    ),
]
