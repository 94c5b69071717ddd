"""Who may do what in the evaluation. Pure functions `(user, obj) -> Verdict`.

What an expert may *see* is decided by scoped querysets (`Assignment.objects.cleared()`
for the expert): an expert who is not assigned, has not declared, or declared a conflict
gets 404 on everything about the proposal. These rules decide the actions.
"""

from django.utils.translation import gettext as _

from cooperation.accounts.roles import Role, is_programme_manager, user_has_role
from core.verdicts import ALLOWED, Verdict, deny, signed_in
from funding.evaluation.models import ConsensusStatus, ReportStatus


def can_manage_evaluation(user, obj=None) -> Verdict:
    """The evaluation screens of the staff area and every manager's step."""
    if not (refusal := signed_in(user)):
        return refusal
    if is_programme_manager(user):
        return ALLOWED
    return deny(_("The evaluation is run by programme managers."))


def can_use_expert_area(user, obj=None) -> Verdict:
    if not (refusal := signed_in(user)):
        return refusal
    if user_has_role(user, Role.EXPERT):
        return ALLOWED
    return deny(_("This area is for independent experts."))


def can_declare(user, assignment) -> Verdict:
    if not (verdict := can_use_expert_area(user)):
        return verdict
    if assignment.expert_id != user.pk:
        return deny(_("This assignment is another expert's."))
    if assignment.released_at is not None:
        return deny(_("This assignment was released."))
    if hasattr(assignment, "declaration"):
        return deny(_("You already signed your declaration for this proposal."))
    return ALLOWED


def can_edit_report(user, report) -> Verdict:
    if not (verdict := can_use_expert_area(user)):
        return verdict
    if report.assignment.expert_id != user.pk:
        return deny(_("This report is another expert's."))
    if report.status == ReportStatus.SUBMITTED:
        return deny(_("Your report is submitted and locked."))
    return ALLOWED


def can_see_other_reports(user, assignment) -> Verdict:
    """Experts see each other's reports only once their own is submitted."""
    report = getattr(assignment, "report", None)
    if report is not None and report.status == ReportStatus.SUBMITTED:
        return ALLOWED
    return deny(_("Submit your own report first; then you can read the other experts' reports."))


def can_draft_consensus(user, report) -> Verdict:
    if not (verdict := can_use_expert_area(user)):
        return verdict
    if report.rapporteur_id != user.pk:
        return deny(_("Only the rapporteur drafts the consensus report."))
    if report.status == ConsensusStatus.CLOSED:
        return deny(_("The consensus report is closed."))
    return ALLOWED


def can_approve_consensus(user, report) -> Verdict:
    if not (verdict := can_use_expert_area(user)):
        return verdict
    if report.rapporteur_id == user.pk:
        return deny(_("The rapporteur drafts the report; the other experts approve it."))
    if report.status == ConsensusStatus.CLOSED:
        return deny(_("The consensus report is closed."))
    return ALLOWED
