from django.urls import path

from funding.evaluation.views import bulk, experts, proposals, redress, topics

app_name = "evaluation"


def _action(step):
    return proposals.ProposalActionView.as_view(step=step)


urlpatterns = [
    path("", topics.HomeView.as_view(), name="home"),
    path("statistics.xlsx", topics.StatisticsExportView.as_view(), name="statistics"),
    path("redress/", redress.RedressListView.as_view(), name="redress_list"),
    path("experts/", experts.ExpertListView.as_view(), name="experts"),
    path("experts/<int:pk>/", experts.ExpertEditView.as_view(), name="expert_edit"),
    path("topics/<int:pk>/", topics.TopicView.as_view(), name="topic"),
    path("topics/<int:pk>/deadline/", topics.DeadlineView.as_view(), name="deadline"),
    # A preview that changes nothing; its "Yes, …" button posts the previewed pairs.
    path("topics/<int:pk>/bulk-assign/", bulk.BulkAssignView.as_view(), name="bulk_assign"),
    path("topics/<int:pk>/ranking/", topics.RankingView.as_view(), name="ranking"),
    # Steps that cannot be undone: a GET asks for confirmation, the POST takes the step.
    path("topics/<int:pk>/ranking/freeze/", topics.FreezeView.as_view(), name="freeze"),
    path(
        "topics/<int:pk>/ranking/freeze/<int:freeze>/",
        topics.FreezeStatusView.as_view(),
        name="freeze_status",
    ),
    path("topics/<int:pk>/ranking/publish/", topics.PublishView.as_view(), name="publish"),
    path(
        "topics/<int:pk>/ranking.csv",
        topics.RankingExportView.as_view(fmt="csv"),
        name="ranking_csv",
    ),
    path(
        "topics/<int:pk>/ranking.xlsx",
        topics.RankingExportView.as_view(fmt="xlsx"),
        name="ranking_xlsx",
    ),
    path("proposals/<int:pk>/", proposals.ProposalView.as_view(), name="proposal"),
    path(
        "proposals/<int:pk>/files/<int:item>/",
        proposals.SubmittedFileView.as_view(),
        name="attachment",
    ),
    *[
        path(f"proposals/<int:pk>/{step}/", _action(step), name=step)
        for step in ("check", "assign", "start", "rapporteur", "close", "priority", "redress")
    ],
    path("proposals/<int:pk>/decide/", proposals.DecideView.as_view(), name="decide"),
]
