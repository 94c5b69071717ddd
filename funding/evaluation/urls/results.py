from django.urls import path

from funding.evaluation.views import results as views

app_name = "evaluation_results"

urlpatterns = [
    path("<int:pk>/", views.SummaryView.as_view(), name="summary"),
    path("<int:pk>/review/", views.RedressRequestView.as_view(), name="redress"),
]
