"""The statuses of a proposal and the actions between them, as choice lists.

Kept apart from the workflow table (funding.proposals.workflow) so that the models, the
permissions and the table's rules can all import them without importing each other.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # After the deadline: the evaluation (funding.evaluation.services.assignments)
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    INELIGIBLE = "ineligible", _("Ineligible")
    ADMITTED = "admitted", _("Admitted")
    UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
    CONSENSUS = "consensus", _("Consensus reached")
    RANKED = "ranked", _("Ranked")
    MAIN_LIST = "main_list", _("Main list")
    RESERVE_LIST = "reserve_list", _("Reserve list")
    REJECTED = "rejected", _("Rejected")
    SELECTED = "selected", _("Selected for funding")
    NOT_FUNDED = "not_funded", _("Not funded")


# Statuses in which the evaluation has started and the applicant can no longer edit.
EVALUATION_STATUSES = frozenset(
    {
        ProposalStatus.ADMITTED,
        ProposalStatus.UNDER_EVALUATION,
        ProposalStatus.CONSENSUS,
        ProposalStatus.RANKED,
        ProposalStatus.MAIN_LIST,
        ProposalStatus.RESERVE_LIST,
    }
)


class ProposalAction(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    REOPEN = "reopen", _("Reopen for changes")
    WITHDRAW = "withdraw", _("Withdraw")
    ADMIT = "admit", _("Admit to evaluation")
    DECLARE_INADMISSIBLE = "inadmissible", _("Declare inadmissible")
    DECLARE_INELIGIBLE = "ineligible", _("Declare ineligible")
    START_EVALUATION = "start_evaluation", _("Start the evaluation")
    START_WHEN_CLEARED = "start_when_cleared", _("Start the evaluation: the experts are cleared")
    REACH_CONSENSUS = "reach_consensus", _("Record the consensus")
    RANK = "rank", _("Rank")
    PLACE_MAIN = "place_main", _("Place on the main list")
    PLACE_RESERVE = "place_reserve", _("Place on the reserve list")
    REJECT = "reject", _("Reject")
    SELECT = "select", _("Select for funding")
    NOT_FUND = "not_fund", _("Do not fund")
