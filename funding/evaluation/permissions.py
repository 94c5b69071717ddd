"""Who may do what in the evaluation. Pure functions `(user, obj) -> Verdict`.

What an expert may *see* is decided by scoped querysets (`Assignment.objects.cleared()`
for the expert): an expert who is not assigned, has not declared, or declared a conflict
gets 404 on everything about the proposal. These rules decide the actions.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.accounts.roles import Role, is_programme_manager, user_has_role
from core.display import show_datetime
from core.verdicts import ALLOWED, Verdict, deny, signed_in
from funding.calls.models.topics import Topic
from funding.evaluation.models import ConsensusStatus, RankingEntry, RedressRequest, ReportStatus
from funding.proposals.permissions import can_act_for_coordinator
from funding.proposals.statuses import ProposalStatus


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


# --- evaluation review (redress) ---------------------------------------------------------


def redress_window(proposal) -> tuple[dt.datetime, dt.datetime, int] | None:
    """(published at, window closes at, days) of the proposal's evaluation review window:
    the programme's `redress_days` after the topic's results are published. None before
    publication."""
    published_at, days = (
        Topic.objects.filter(pk=proposal.topic_id)
        .values_list("evaluation__results_published_at", "call__programme__redress_days")
        .get()
    )
    if published_at is None:
        return None
    return published_at, published_at + dt.timedelta(days=days), days


def _when(instant: dt.datetime) -> str:
    return show_datetime(instant, zone=False)


def can_request_redress(user, proposal, now: dt.datetime | None = None) -> Verdict:
    """A member of the coordinating organisation, once the proposal's Evaluation Summary
    Report is published, within the programme's window, with no request still open."""
    if not (refusal := signed_in(user)):
        return refusal
    if not can_act_for_coordinator(user, proposal):
        return deny(
            _(
                "Only members of the coordinating organisation (%(org)s) can request an "
                "evaluation review."
            )
            % {"org": proposal.coordinator}
        )
    window = redress_window(proposal)
    if window is None or not RankingEntry.objects.filter(proposal=proposal).exists():
        return deny(
            _(
                "An evaluation review can be requested once the proposal's Evaluation Summary "
                "Report is published."
            )
        )
    if proposal.status == ProposalStatus.WITHDRAWN:
        return deny(_("This proposal is withdrawn: there is no evaluation to review."))
    _published_at, closes_at, days = window
    if (now or timezone.now()) > closes_at:
        return deny(
            _(
                "The time to request an evaluation review ended on %(date)s (Brussels time), "
                "%(days)s days after the results were published."
            )
            % {"date": _when(closes_at), "days": days}
        )
    if RedressRequest.objects.filter(proposal=proposal, decided_at__isnull=True).exists():
        return deny(
            _(
                "A request for an evaluation review of this proposal is already open. The "
                "programme manager answers it before another can be made."
            )
        )
    return ALLOWED


def can_decide_redress(user, redress) -> Verdict:
    """Programme managers decide a request that is still open."""
    if not (verdict := can_manage_evaluation(user, redress)):
        return verdict
    if redress.decided_at is not None:
        return deny(
            _("This request was already decided on %(date)s.") % {"date": _when(redress.decided_at)}
        )
    return ALLOWED
