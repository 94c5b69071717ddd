"""Writes of the evaluation, before the consensus: admissibility and eligibility, experts'
assignments, conflict of interest declarations and Individual Evaluation Reports.

Consensus, ranking, lists, publication and decisions are in evaluation_results.py.
Every proposal status change goes through `funding.proposals.services.proposal_transition`.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.accounts.roles import Role, user_has_role
from cooperation.models import User
from core.numbers import number_plain
from funding.calls.models.countries import EligibleCountry
from funding.calls.models.topics import AwardCriterion, Topic
from funding.evaluation.guards import snapshot_problems
from funding.evaluation.models import (
    Assignment,
    ConflictDeclaration,
    EvaluatedVersion,
    ExpertAvailability,
    IndividualReport,
    IndividualScore,
    ReportStatus,
    TopicEvaluation,
)
from funding.evaluation.models_progress import progress_refresh
from funding.evaluation.permissions import can_declare, can_edit_report, can_manage_evaluation
from funding.evaluation.services.conflicts import known_conflicts
from funding.evaluation.services.experts import assignment_suggest  # noqa: F401 - its home was here
from funding.evaluation.services.notices import assignment_notify, conflict_notify_managers
from funding.evaluation.snapshot import last_submission, snapshot_figures
from funding.proposals.lifecycle import proposal_transition
from funding.proposals.models import Proposal
from funding.proposals.services import ProposalError
from funding.proposals.statuses import ProposalAction, ProposalStatus


class EvaluationError(ProposalError):
    """A refused evaluation step; the message says why in plain words."""


def _now(now):
    return now or timezone.now()


def _require(verdict) -> None:
    if not verdict:
        raise EvaluationError(verdict.reason)


ASSIGNABLE = (ProposalStatus.ADMITTED, ProposalStatus.UNDER_EVALUATION)

DECLARATION_STATEMENT = _(
    "I declare that, to the best of my knowledge, I have no conflict of interest with this "
    "proposal: I did not help prepare it, would not benefit from it, have no close family or "
    "personal relationship with an applicant's representative, am not a director, trustee, "
    "partner, employee or contractor of an applicant or named subcontractor, and did not "
    "submit a proposal to the same call. I will keep its content confidential."
)


# --- the topic ---------------------------------------------------------------------------


def topic_evaluation(topic: Topic) -> TopicEvaluation:
    evaluation, _created = TopicEvaluation.objects.get_or_create(topic=topic)
    return evaluation


def topic_set_report_deadline(*, topic: Topic, user: User, deadline: dt.datetime) -> None:
    _require(can_manage_evaluation(user, topic))
    evaluation = topic_evaluation(topic)
    evaluation.report_deadline = deadline
    evaluation.save(update_fields=["report_deadline"])


# --- admissibility and eligibility -------------------------------------------------------

CHECK_ACTIONS = {
    "admit": ProposalAction.ADMIT,
    "inadmissible": ProposalAction.DECLARE_INADMISSIBLE,
    "ineligible": ProposalAction.DECLARE_INELIGIBLE,
}


@transaction.atomic
def proposal_check_admissibility(
    *, proposal: Proposal, user: User, decision: str, reason: str = "", now=None
) -> EvaluatedVersion:
    """Re-run the applicant-side check on the last submitted snapshot and record the
    decision: admit (only if the check passes), or inadmissible / ineligible with a reason."""
    now = _now(now)
    _require(can_manage_evaluation(user, proposal))
    if decision not in CHECK_ACTIONS:
        raise EvaluationError(_("Choose admit, inadmissible or ineligible."))
    submission = last_submission(proposal)
    if submission is None:
        raise EvaluationError(_("This proposal was never submitted."))
    proposal_transition(
        proposal=proposal, action=CHECK_ACTIONS[decision], user=user, now=now, reason=reason
    )
    problems = [problem.message for problem in snapshot_problems(proposal)]
    version, _created = EvaluatedVersion.objects.update_or_create(
        proposal=proposal,
        defaults={
            "submission": submission,
            "problems": problems,
            "checked_by": user,
            "checked_at": now,
            **snapshot_figures(
                submission.snapshot,
                eligible_countries=EligibleCountry.objects.codes_for_topic(proposal.topic),
            ),
        },
    )
    return version


# --- assignments -------------------------------------------------------------------------


def _is_expert(user) -> bool:
    return user_has_role(user, Role.EXPERT)


@transaction.atomic
def assignment_create(
    *, proposal: Proposal, expert: User, user: User, now=None, site_url: str = ""
) -> Assignment:
    """Assign an expert, unless a conflict is known or the proposal has its experts; the
    expert is e-mailed once the assignment is committed."""
    now = _now(now)
    _require(can_manage_evaluation(user, proposal))
    proposal = Proposal.objects.select_for_update().select_related("topic").get(pk=proposal.pk)
    if proposal.status not in ASSIGNABLE:
        raise EvaluationError(
            _("Experts are assigned to admitted proposals; this one is %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )
    if not _is_expert(expert):
        raise EvaluationError(_("%(user)s does not hold the Expert role.") % {"user": expert})
    previous = Assignment.objects.filter(proposal=proposal, expert=expert).first()
    if previous is not None:
        if previous.released_at is not None:
            raise EvaluationError(
                _(
                    "%(user)s was released from this proposal (%(why)s) and cannot be "
                    "assigned again."
                )
                % {"user": expert, "why": previous.release_reason}
            )
        raise EvaluationError(
            _("%(user)s is already assigned to this proposal.") % {"user": expert}
        )
    if reasons := known_conflicts(expert, proposal):
        raise EvaluationError(
            _("%(user)s cannot evaluate this proposal: %(reasons)s")
            % {"user": expert, "reasons": " ".join(reasons)}
        )
    needed = proposal.topic.experts_per_proposal
    if Assignment.objects.active().filter(proposal=proposal).count() >= needed:
        raise EvaluationError(_("This proposal already has its %(n)s experts.") % {"n": needed})
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                proposal=proposal, expert=expert, assigned_by=user, assigned_at=now
            )
    except IntegrityError as error:
        raise EvaluationError(
            _("%(user)s is already assigned to this proposal.") % {"user": expert}
        ) from error
    progress_refresh(proposal=proposal, expert_id=expert.pk)
    assignment_notify(assignment=assignment, site_url=site_url)
    return assignment


def expert_set_availability(*, expert: User, call, available: bool, note: str = ""):
    return ExpertAvailability.objects.update_or_create(
        expert=expert, call=call, defaults={"available": available, "note": note}
    )[0]


# --- declarations ------------------------------------------------------------------------


@transaction.atomic
def declaration_sign(
    *, assignment: Assignment, user: User, has_conflict: bool, details: str = "", now=None
) -> ConflictDeclaration:
    """The expert signs before seeing the proposal. A conflict releases the assignment and
    tells the manager who made it. The declaration of no conflict that completes the topic's
    number of experts starts the evaluation: every cleared expert may score at once.

    The proposal row is locked first (as `assignment_create` does), so that two experts
    declaring at the same moment are counted one after the other."""
    now = _now(now)
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("topic")
        .get(pk=assignment.proposal_id)
    )
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.proposal = proposal
    _require(can_declare(user, assignment))
    details = (details or "").strip()
    if has_conflict and not details:
        raise EvaluationError(_("Say briefly what the conflict of interest is."))
    declaration = ConflictDeclaration.objects.create(
        assignment=assignment,
        has_conflict=has_conflict,
        details=details,
        statement=str(DECLARATION_STATEMENT),
        signed_at=now,
    )
    if has_conflict:
        assignment.released_at = now
        assignment.release_reason = _("conflict of interest declared by the expert: %(d)s") % {
            "d": details
        }
        assignment.save(update_fields=["released_at", "release_reason"])
        conflict_notify_managers(assignment=assignment, details=details)  # sent on commit
    else:
        _start_when_cleared(proposal, user, now)
    progress_refresh(proposal=proposal, expert_id=assignment.expert_id)
    return declaration


def _start_when_cleared(proposal: Proposal, expert: User, now) -> None:
    """Start the evaluation in the name of the expert whose declaration completes the
    topic's number of cleared experts (the workflow's START_WHEN_CLEARED row)."""
    needed = proposal.topic.experts_per_proposal
    cleared = Assignment.objects.cleared().filter(proposal=proposal).count()
    if proposal.status != ProposalStatus.ADMITTED or cleared < needed:
        return
    started = proposal_transition(
        proposal=proposal,
        action=ProposalAction.START_WHEN_CLEARED,
        user=expert,
        now=now,
        reason=_("Started when the %(n)s experts had declared no conflict of interest.")
        % {"n": cleared},
    )
    proposal.status = started.status


# --- individual evaluation reports -------------------------------------------------------


def parse_score(raw, *, criterion: AwardCriterion, step: Decimal) -> Decimal | None:
    """A score between 0 and the criterion's maximum, in the topic's steps; None if empty."""
    if raw is None or str(raw).strip() == "":
        return None
    try:
        score = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation as error:
        raise EvaluationError(
            _("%(name)s: “%(raw)s” is not a number.") % {"name": criterion.name, "raw": raw}
        ) from error
    if not score.is_finite() or score < 0 or score > criterion.max_score:
        raise EvaluationError(
            _("%(name)s: a score runs from 0 to %(max)s; %(score)s is outside.")
            % {"name": criterion.name, "max": number_plain(criterion.max_score), "score": raw}
        )
    if step and (score / step) != (score / step).to_integral_value():
        raise EvaluationError(
            _("%(name)s: scores go in steps of %(step)s; %(score)s is not one.")
            % {"name": criterion.name, "step": number_plain(step), "score": raw}
        )
    return score.quantize(Decimal("0.01"))


def _criteria(proposal) -> list[AwardCriterion]:
    return list(
        AwardCriterion.objects.filter(topic_id=proposal.topic_id).order_by("position", "pk")
    )


def clean_scores(proposal, entries: dict, *, complete: bool) -> dict[int, tuple]:
    """{criterion id: (score, comment)} checked against the topic's scheme. With
    `complete`, every criterion needs a score and a comment."""
    step = proposal.topic.score_step
    cleaned, missing = {}, []
    for criterion in _criteria(proposal):
        raw, comment = entries.get(criterion.pk, (None, ""))
        score = parse_score(raw, criterion=criterion, step=step)
        comment = (comment or "").strip()
        if complete and (score is None or not comment):
            missing.append(criterion.name)
        cleaned[criterion.pk] = (score, comment)
    if missing:
        raise EvaluationError(
            _(
                "Give a score and a comment for every criterion before submitting; "
                "missing: %(names)s."
            )
            % {"names": ", ".join(missing)}
        )
    return cleaned


def report_for(assignment: Assignment, now=None) -> IndividualReport:
    report, _created = IndividualReport.objects.get_or_create(
        assignment=assignment, defaults={"saved_at": _now(now)}
    )
    return report


@transaction.atomic
def report_save(
    *, assignment: Assignment, user: User, entries: dict, submit: bool = False, now=None
) -> IndividualReport:
    """Save the expert's scores and comments as a draft, or submit them (then locked)."""
    now = _now(now)
    assignment = (
        Assignment.objects.cleared()
        .select_related("proposal__topic")
        .select_for_update(of=("self",))
        .get(pk=assignment.pk)
    )
    if assignment.proposal.status == ProposalStatus.ADMITTED:
        needed = assignment.proposal.topic.experts_per_proposal
        raise EvaluationError(
            _("Scoring opens when the proposal's %(n)s experts have declared no conflict.")
            % {"n": needed}
        )
    if assignment.proposal.status != ProposalStatus.UNDER_EVALUATION:
        raise EvaluationError(_("This proposal is not under evaluation."))
    report = report_for(assignment, now)
    _require(can_edit_report(user, report))
    cleaned = clean_scores(assignment.proposal, entries, complete=submit)
    for criterion_id, (score, comment) in cleaned.items():
        IndividualScore.objects.update_or_create(
            report=report, criterion_id=criterion_id, defaults={"score": score, "comment": comment}
        )
    report.saved_at = now
    if submit:
        report.status, report.submitted_at = ReportStatus.SUBMITTED, now
    report.save()
    progress_refresh(proposal=assignment.proposal, expert_id=assignment.expert_id)
    return report
