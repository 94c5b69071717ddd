"""Writes of the evaluation from the consensus on: Consensus Reports, panel priorities,
ranking and lists, publication of the Evaluation Summary Reports, funding decisions and
the funded project a selected proposal becomes."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from cooperation.models import Organisation, User
from core.brussels import brussels
from funding.evaluation.freeze_models import RankingFreeze
from funding.evaluation.models import (
    Assignment,
    ConsensusApproval,
    ConsensusReport,
    ConsensusScore,
    ConsensusStatus,
    PanelPriority,
    ReportStatus,
    TopicEvaluation,
)
from funding.evaluation.permissions import (
    can_approve_consensus,
    can_draft_consensus,
    can_manage_evaluation,
)
from funding.evaluation.ranking.loading import topic_ranking
from funding.evaluation.ranking.rules import explain_rows
from funding.evaluation.services.assignments import (
    EvaluationError,
    _now,
    _require,
    clean_scores,
    topic_evaluation,
)
from funding.evaluation.services.esr_notices import esr_notices_send
from funding.evaluation.services.lists import lists_write
from funding.evaluation.snapshot import last_submission
from funding.portfolio.models.projects import FundedProject, Participant, ParticipantRole
from funding.proposals.lifecycle import proposal_transition
from funding.proposals.models import PartnerRole, Proposal
from funding.proposals.statuses import ProposalAction, ProposalStatus

# --- consensus ---------------------------------------------------------------------------


@transaction.atomic
def consensus_appoint_rapporteur(
    *, proposal: Proposal, rapporteur: User, user: User, now=None
) -> ConsensusReport:
    _require(can_manage_evaluation(user, proposal))
    if not Assignment.objects.cleared().filter(proposal=proposal, expert=rapporteur).exists():
        raise EvaluationError(
            _("The rapporteur must be one of the experts evaluating this proposal.")
        )
    report = ConsensusReport.objects.filter(proposal=proposal).first()
    if report is not None and report.status == ConsensusStatus.CLOSED:
        raise EvaluationError(_("The consensus report is closed."))
    if report is None:
        return ConsensusReport.objects.create(proposal=proposal, rapporteur=rapporteur)
    report.rapporteur = rapporteur
    report.save(update_fields=["rapporteur"])
    report.approvals.all().delete()
    return report


def _all_ier_submitted(proposal) -> bool:
    cleared = Assignment.objects.cleared().filter(proposal=proposal)
    return not cleared.exclude(report__status=ReportStatus.SUBMITTED).exists()


@transaction.atomic
def consensus_save(
    *, report: ConsensusReport, user: User, entries: dict, minority_views: str = "", now=None
) -> ConsensusReport:
    """The rapporteur's draft. Any change withdraws the approvals given so far."""
    now = _now(now)
    report = (
        ConsensusReport.objects.select_for_update()
        .select_related("proposal__topic")
        .get(pk=report.pk)
    )
    _require(can_draft_consensus(user, report))
    if not _all_ier_submitted(report.proposal):
        raise EvaluationError(
            _("The consensus is drafted once every expert has submitted their report.")
        )
    cleaned = clean_scores(report.proposal, entries, complete=False)
    for criterion_id, (score, comment) in cleaned.items():
        ConsensusScore.objects.update_or_create(
            report=report, criterion_id=criterion_id, defaults={"score": score, "comment": comment}
        )
    report.minority_views = (minority_views or "").strip()
    report.saved_at = now
    report.save(update_fields=["minority_views", "saved_at"])
    report.approvals.all().delete()
    return report


def _complete_scores(report) -> dict:
    entries = {s.criterion_id: (s.score, s.comment) for s in report.scores.all()}
    return clean_scores(report.proposal, entries, complete=True)


@transaction.atomic
def consensus_approve(*, report: ConsensusReport, user: User, now=None) -> ConsensusApproval:
    now = _now(now)
    report = ConsensusReport.objects.select_for_update().get(pk=report.pk)
    _require(can_approve_consensus(user, report))
    if not Assignment.objects.cleared().filter(proposal=report.proposal, expert=user).exists():
        raise EvaluationError(_("Only the experts evaluating this proposal approve its report."))
    _complete_scores(report)
    approval, _created = ConsensusApproval.objects.get_or_create(
        report=report, expert=user, defaults={"approved_at": now}
    )
    return approval


def missing_approvals(report: ConsensusReport) -> list[User]:
    approved = report.approvals.values("expert")
    return list(
        User.objects.filter(
            pk__in=Assignment.objects.cleared()
            .filter(proposal=report.proposal)
            .exclude(expert=report.rapporteur_id)
            .values("expert")
        ).exclude(pk__in=approved)
    )


@transaction.atomic
def consensus_close(*, report: ConsensusReport, user: User, now=None) -> ConsensusReport:
    """The manager closes a complete report approved by the other experts; the proposal
    then reaches consensus."""
    now = _now(now)
    _require(can_manage_evaluation(user, report))
    report = (
        ConsensusReport.objects.select_for_update()
        .select_related("proposal__topic")
        .get(pk=report.pk)
    )
    if report.status == ConsensusStatus.CLOSED:
        raise EvaluationError(_("The consensus report is already closed."))
    _complete_scores(report)
    if waiting := missing_approvals(report):
        raise EvaluationError(
            _("Waiting for the approval of: %(names)s.")
            % {"names": ", ".join(str(u) for u in waiting)}
        )
    report.status, report.closed_at, report.closed_by = ConsensusStatus.CLOSED, now, user
    report.save(update_fields=["status", "closed_at", "closed_by"])
    proposal_transition(
        proposal=report.proposal, action=ProposalAction.REACH_CONSENSUS, user=user, now=now
    )
    return report


def panel_priority_set(
    *, proposal: Proposal, user: User, priority: int, reason: str, now=None
) -> PanelPriority:
    _require(can_manage_evaluation(user, proposal))
    if RankingFreeze.objects.active().filter(topic_id=proposal.topic_id).exists():
        raise EvaluationError(
            _("The ranking of this topic is being frozen; panel priorities wait until it is.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise EvaluationError(_("A panel priority needs the panel's reason."))
    if priority < 1:
        raise EvaluationError(_("A priority is 1 or more; 1 ranks first."))
    return PanelPriority.objects.update_or_create(
        proposal=proposal,
        defaults={
            "priority": priority,
            "reason": reason,
            "recorded_by": user,
            "recorded_at": _now(now),
        },
    )[0]


# --- ranking, lists and publication ------------------------------------------------------

IN_PROGRESS = (ProposalStatus.ADMITTED, ProposalStatus.UNDER_EVALUATION)


def _still_in_evaluation(topic) -> list[str]:
    return list(
        Proposal.objects.filter(topic=topic, status__in=IN_PROGRESS)
        .order_by("number")
        .values_list("number", flat=True)
    )


def topic_freeze_problems(*, topic, evaluation: TopicEvaluation) -> list[str]:
    """Why the ranking of the topic cannot be frozen now; empty when it can."""
    if evaluation.lists_computed_at is not None:
        return [_("The lists of this topic are already computed.")]
    if waiting := _still_in_evaluation(topic):
        return [
            _("These proposals have no closed consensus report yet: %(numbers)s.")
            % {"numbers": ", ".join(waiting)}
        ]
    return []


@transaction.atomic
def topic_compute_lists(*, topic, user: User, now=None) -> list:
    """Rank the topic, freeze the ranking and move each proposal to its list."""
    now = _now(now)
    _require(can_manage_evaluation(user, topic))
    # Locked: a second click, or a second manager, waits and is then refused.
    evaluation = TopicEvaluation.objects.select_for_update().get(pk=topic_evaluation(topic).pk)
    if problems := topic_freeze_problems(topic=topic, evaluation=evaluation):
        raise EvaluationError(problems[0])
    # The candidates locked before they are read: a change to one of them (a withdrawal)
    # waits for the freeze, and is then judged on the frozen lists.
    waiting = set(
        Proposal.objects.select_for_update()
        .filter(topic=topic, status=ProposalStatus.CONSENSUS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    criteria, ranked = topic_ranking(topic)
    explain_rows(ranked, criteria, topic.overall_threshold)
    lists_write(
        topic=topic,
        rows=[row for row in ranked if row.candidate.proposal_id in waiting],
        user=user,
        now=now,
        published=evaluation.results_published_at is not None,
    )
    evaluation.lists_computed_at = now
    evaluation.save(update_fields=["lists_computed_at"])
    return ranked


def topic_publication_problems(*, topic, evaluation: TopicEvaluation) -> list[str]:
    """Why the results of the topic cannot be published yet; empty when they can."""
    if evaluation.results_published_at is not None:
        return []
    open_reports = list(
        Proposal.objects.filter(topic=topic, consensus_report__status=ConsensusStatus.DRAFT)
        .values_list("number", flat=True)
        .order_by("number")
    ) + _still_in_evaluation(topic)
    if open_reports:
        return [
            _("Close every consensus report before publishing; still open: %(numbers)s.")
            % {"numbers": ", ".join(sorted(set(open_reports)))}
        ]
    if evaluation.lists_computed_at is None:
        return [_("Compute the ranking and the lists before publishing.")]
    return []


@transaction.atomic
def topic_publish_results(
    *, topic, user: User, now=None, site_url: str = "", notify: bool = True
) -> int:
    """Publish the results: each applicant sees its Evaluation Summary Report on its page
    and is sent it by e-mail once the publication commits; the number of notices queued.

    Each notice is recorded once, in this transaction, under its key: publishing again
    (once published) sends only the notices still missing (failed, or never sent), and
    nobody twice. `notify=False` (demo data) publishes without e-mail."""
    now = _now(now)
    _require(can_manage_evaluation(user, topic))
    evaluation = TopicEvaluation.objects.select_for_update().get(pk=topic_evaluation(topic).pk)
    if evaluation.results_published_at is None:
        if problems := topic_publication_problems(topic=topic, evaluation=evaluation):
            raise EvaluationError(problems[0])
        evaluation.results_published_at, evaluation.results_published_by = now, user
        evaluation.save(update_fields=["results_published_at", "results_published_by"])
    if not notify:
        return 0
    return esr_notices_send(
        topic=topic, published_at=evaluation.results_published_at, site_url=site_url
    )


# --- decisions ---------------------------------------------------------------------------


@transaction.atomic
def proposal_decide(
    *, proposal: Proposal, user: User, select: bool, reason: str = "", now=None
) -> FundedProject | None:
    """Record the funding decision. Selecting creates the funded project."""
    now = _now(now)
    action = ProposalAction.SELECT if select else ProposalAction.NOT_FUND
    locked = proposal_transition(
        proposal=proposal, action=action, user=user, now=now, reason=reason
    )
    if not select:
        return None
    return funded_project_from_proposal(proposal=locked, now=now)


PARTICIPANT_ROLE = {
    PartnerRole.COORDINATOR: ParticipantRole.COORDINATOR,
    PartnerRole.BENEFICIARY: ParticipantRole.BENEFICIARY,
    PartnerRole.AFFILIATED_ENTITY: ParticipantRole.AFFILIATED_ENTITY,
    PartnerRole.ASSOCIATED_PARTNER: ParticipantRole.ASSOCIATED_PARTNER,
}


def _grant_number(proposal) -> str:
    digits = "".join(ch for ch in proposal.number if ch.isdigit())
    return f"9{digits}"[:12].ljust(6, "0")


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def funded_project_from_proposal(*, proposal: Proposal, now) -> FundedProject:
    """A project in grant preparation with the consortium and budget of the last submission.

    Starts on the first day of the month after the time to grant (eight months from the
    deadline, or next month if that has passed) and lasts the proposal's duration."""
    submission = last_submission(proposal)
    snapshot = submission.snapshot
    topic = proposal.topic
    deadline_day = brussels(topic.deadline_at).date()
    start = max(_add_months(deadline_day, 8), _add_months(brussels(now).date(), 1))
    months = snapshot["proposal"]["duration_months"] or proposal.duration_months or 24
    end = _add_months(start, months) - dt.timedelta(days=1)
    budget = snapshot["budget"]
    project = FundedProject.objects.create(
        grant_number=_grant_number(proposal),
        acronym=snapshot["proposal"]["acronym"][:40],
        title=snapshot["proposal"]["title"],
        objective=snapshot["proposal"]["abstract"],
        programme=topic.call.programme,
        call=topic.call,
        topic=topic,
        start_date=start,
        end_date=end,
        total_cost=Decimal(budget["total_eligible"]),
        eu_contribution=Decimal(budget["total_requested"]),
        proposal=proposal,
    )
    organisations = {
        (o.legal_name, str(o.country)): o
        for o in Organisation.objects.filter(
            legal_name__in=[entry["organisation"] for entry in snapshot["consortium"]]
        )
    }
    for position, (entry, line) in enumerate(
        zip(snapshot["consortium"], budget["partners"], strict=True)
    ):
        Participant.objects.create(
            project=project,
            organisation=organisations[(entry["organisation"], entry["country"])],
            role=PARTICIPANT_ROLE[entry["role"]],
            eu_contribution=Decimal(line["requested"]),
            total_cost=Decimal(line["eligible"]),
            position=position,
        )
    return project
