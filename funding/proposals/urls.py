from django.urls import path

from funding.models import Attachment, Partner, Person
from funding.proposals.statuses import ProposalAction
from funding.proposals.views import dashboard as applicant
from funding.proposals.views import sections

app_name = "applicant"

urlpatterns = [
    path("", applicant.DashboardView.as_view(), name="dashboard"),
    path("proposals/new/", applicant.StartProposalView.as_view(), name="start"),
    path("proposals/<int:pk>/", applicant.ProposalDetailView.as_view(), name="proposal"),
    path(
        "proposals/<int:pk>/check/",
        applicant.ProposalDetailView.as_view(run_check=True),
        name="check",
    ),
    path("proposals/<int:pk>/general/", sections.GeneralView.as_view(), name="general"),
    path("proposals/<int:pk>/consortium/", sections.ConsortiumView.as_view(), name="consortium"),
    path(
        "proposals/<int:pk>/consortium/<int:item>/remove/",
        sections.RemoveView.as_view(model=Partner, section="consortium"),
        name="partner_remove",
    ),
    path(
        "proposals/<int:pk>/consortium/<int:item>/share/",
        sections.ShareView.as_view(),
        name="partner_share",
    ),
    path("proposals/<int:pk>/budget/", sections.BudgetView.as_view(), name="budget"),
    path("proposals/<int:pk>/personnel/", sections.PersonnelView.as_view(), name="personnel"),
    path(
        "proposals/<int:pk>/personnel/<int:item>/remove/",
        sections.PersonRemoveView.as_view(model=Person, section="personnel"),
        name="person_remove",
    ),
    path("proposals/<int:pk>/attachments/", sections.AttachmentsView.as_view(), name="attachments"),
    path(
        "proposals/<int:pk>/attachments/<int:item>/remove/",
        sections.RemoveView.as_view(model=Attachment, section="attachments"),
        name="attachment_remove",
    ),
    path(
        "proposals/<int:pk>/attachments/<int:item>/download/",
        sections.DownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "proposals/<int:pk>/submit/",
        applicant.ConfirmedTransitionView.as_view(
            action=ProposalAction.SUBMIT, template_name="applicant/confirm_submit.html"
        ),
        name="submit",
    ),
    path(
        "proposals/<int:pk>/reopen/",
        applicant.TransitionView.as_view(action=ProposalAction.REOPEN),
        name="reopen",
    ),
    path(
        "proposals/<int:pk>/withdraw/",
        applicant.ConfirmedTransitionView.as_view(
            action=ProposalAction.WITHDRAW, template_name="applicant/confirm_withdraw.html"
        ),
        name="withdraw",
    ),
    path(
        "proposals/<int:pk>/receipts/<int:number>/",
        applicant.ReceiptView.as_view(),
        name="receipt",
    ),
    path(
        "proposals/<int:pk>/receipts/<int:number>/files/<int:item>/",
        sections.SubmissionFileView.as_view(),
        name="receipt_file",
    ),
]
