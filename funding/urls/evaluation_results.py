from django.urls import path

from funding.views import evaluation_results as views

app_name = "evaluation_results"

urlpatterns = [path("<int:pk>/", views.SummaryView.as_view(), name="summary")]
