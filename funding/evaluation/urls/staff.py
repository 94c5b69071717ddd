from django.urls import path

from funding.evaluation.views import manager as views

app_name = "evaluation"


def _action(step):
    return views.ProposalActionView.as_view(step=step)


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("statistics.xlsx", views.StatisticsExportView.as_view(), name="statistics"),
    path("topics/<int:pk>/", views.TopicView.as_view(), name="topic"),
    path("topics/<int:pk>/deadline/", views.DeadlineView.as_view(), name="deadline"),
    path("topics/<int:pk>/ranking/", views.RankingView.as_view(), name="ranking"),
    path(
        "topics/<int:pk>/ranking.csv",
        views.RankingExportView.as_view(fmt="csv"),
        name="ranking_csv",
    ),
    path(
        "topics/<int:pk>/ranking.xlsx",
        views.RankingExportView.as_view(fmt="xlsx"),
        name="ranking_xlsx",
    ),
    path("proposals/<int:pk>/", views.ProposalView.as_view(), name="proposal"),
    *[
        path(f"proposals/<int:pk>/{step}/", _action(step), name=step)
        for step in ("check", "assign", "start", "rapporteur", "close", "priority", "decide")
    ],
]
