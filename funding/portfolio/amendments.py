"""Amendments: a request with a reason (change of end date, budget transfer between
beneficiaries, partner added or leaving), approved or refused by a programme manager.

The decision is a status change on the one workflow engine (`AMENDMENT_WORKFLOW`), which
writes the history row (who, when, from, to, why); an approval changes the project in the
same transaction, after its guard has checked on the locked amendment that the change
still applies.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.brussels import brussels
from core.display import show_date, show_euros
from core.money import money
from core.verdicts import ALLOWED, Verdict, deny
from core.workflow import Transition, TransitionRefused, Workflow
from funding.portfolio.models.amendments import (
    JOINING_ROLES,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    AmendmentStatusChange,
)
from funding.portfolio.models.projects import FundedProject, Participant, ParticipantRole
from funding.portfolio.permissions import can_handle_amendment, can_request_amendment

K = AmendmentKind
AMENDABLE = ("ongoing", "suspended")


class AmendmentError(Exception):
    """An amendment that cannot be requested or decided; the message says why."""


def _in_consortium(project, participant) -> bool:
    return (
        participant is not None
        and participant.project_id == project.pk
        and participant.left_on is None
    )


def amendment_problem(amendment: Amendment, project: FundedProject) -> str | None:
    """Why this amendment cannot apply to the project as it is now; None when it can."""
    kind = amendment.kind
    if kind == K.END_DATE:
        if amendment.new_end_date is None or amendment.new_end_date <= project.start_date:
            return _("The new end date must come after the start date (%(date)s).") % {
                "date": show_date(project.start_date)
            }
        if amendment.new_end_date == project.end_date:
            return _("The project already ends on that date.")
    elif kind == K.BUDGET_TRANSFER:
        source, target = amendment.from_participant, amendment.to_participant
        if not (_in_consortium(project, source) and _in_consortium(project, target)):
            return _("Choose two participants of this project's consortium.")
        if source.pk == target.pk:
            return _("A transfer is between two different participants.")
        if not amendment.amount or amendment.amount != money(amendment.amount):
            return _("Give the amount to transfer, in EUR to the cent.")
        if amendment.amount > source.eu_contribution:
            return _("%(name)s holds %(amount)s of EU contribution; it cannot transfer more.") % {
                "name": source.organisation,
                "amount": show_euros(source.eu_contribution),
            }
    elif kind == K.PARTNER_ADDED:
        if amendment.organisation_id is None or amendment.role not in JOINING_ROLES:
            return _("Name the organisation joining and its role.")
        if project.participants.filter(
            organisation_id=amendment.organisation_id, left_on__isnull=True
        ).exists():
            return _("This organisation is already in the consortium.")
    elif kind == K.PARTNER_LEAVING:
        leaving = amendment.from_participant
        if not _in_consortium(project, leaving):
            return _("Choose a participant of this project's consortium.")
        if leaving.role == ParticipantRole.COORDINATOR:
            return _("The coordinator cannot leave; transfer the coordination first.")
    return None


def _manager(user, amendment) -> Verdict:
    if can_handle_amendment(user, amendment.project):
        return ALLOWED
    return deny(_("Amendments are decided by programme managers."))


def _applies(amendment: Amendment, now) -> str | None:
    return amendment_problem(amendment, amendment.project)


class AmendmentAction:
    APPROVE = "approve"
    REFUSE = "refuse"


S, A = AmendmentStatus, AmendmentAction

AMENDMENT_WORKFLOW = Workflow(
    model=Amendment,
    transitions=(
        Transition(
            A.APPROVE, S.REQUESTED, S.APPROVED, _manager, _applies, label=gettext_lazy("Approve")
        ),
        Transition(
            A.REFUSE,
            S.REQUESTED,
            S.REFUSED,
            _manager,
            needs_reason=True,
            label=gettext_lazy("Refuse"),
        ),
    ),
    history=AmendmentStatusChange,
    history_of="amendment",
    reason_missing=gettext_lazy("Please give the reason for refusing this amendment."),
    changed_meanwhile=gettext_lazy("Someone else decided this amendment meanwhile; please reload."),
    related=("project", "from_participant__organisation", "to_participant__organisation"),
)


@transaction.atomic
def amendment_request(
    *,
    project: FundedProject,
    user,
    kind: str,
    reason: str,
    new_end_date: dt.date | None = None,
    from_participant: Participant | None = None,
    to_participant: Participant | None = None,
    amount: Decimal | None = None,
    organisation=None,
    role: str = "",
    now=None,
) -> Amendment:
    """Record a request, by the coordinator from the beneficiaries' area or by a programme
    manager as the coordinator sent it; refused with nothing stored when it could not apply
    to the project as it is."""
    if not (verdict := can_request_amendment(user, project)):
        raise AmendmentError(verdict.reason)
    locked = FundedProject.objects.select_for_update(of=("self",)).get(pk=project.pk)
    if locked.status not in AMENDABLE:
        raise AmendmentError(_("Only an ongoing or suspended project is amended."))
    if kind not in AmendmentKind.values:
        raise AmendmentError(_("Choose the kind of amendment."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for the amendment.")})
    amendment = Amendment(
        project=locked,
        kind=kind,
        reason=reason,
        new_end_date=new_end_date if kind == K.END_DATE else None,
        from_participant=from_participant
        if kind in (K.BUDGET_TRANSFER, K.PARTNER_LEAVING)
        else None,
        to_participant=to_participant if kind == K.BUDGET_TRANSFER else None,
        amount=amount if kind == K.BUDGET_TRANSFER else None,
        organisation=organisation if kind == K.PARTNER_ADDED else None,
        role=role if kind == K.PARTNER_ADDED else "",
        requested_by=user,
        requested_at=now or timezone.now(),
    )
    if problem := amendment_problem(amendment, locked):
        raise AmendmentError(problem)
    amendment.save()
    return amendment


def _reflect(amendment: Amendment, now) -> None:
    """Change the project as the approved amendment says (rows locked by the caller)."""
    project = FundedProject.objects.select_for_update(of=("self",)).get(pk=amendment.project_id)
    if amendment.kind == K.END_DATE:
        project.end_date = amendment.new_end_date
        project.save(update_fields=["end_date", "updated_at"])
    elif amendment.kind == K.BUDGET_TRANSFER:
        pair = Participant.objects.select_for_update().in_bulk(
            [amendment.from_participant_id, amendment.to_participant_id]
        )
        source, target = pair[amendment.from_participant_id], pair[amendment.to_participant_id]
        for participant, sign in ((source, -1), (target, 1)):
            participant.eu_contribution += sign * amendment.amount
            participant.total_cost += sign * amendment.amount
            participant.save(update_fields=["eu_contribution", "total_cost"])
    elif amendment.kind == K.PARTNER_ADDED:
        returning = project.participants.filter(organisation_id=amendment.organisation_id)
        if returning.exists():  # a partner that left comes back
            returning.update(left_on=None, role=amendment.role)
            return
        last = project.participants.order_by("-position").values_list("position", flat=True)
        Participant.objects.create(
            project=project,
            organisation_id=amendment.organisation_id,
            role=amendment.role,
            position=(last.first() or 0) + 1,
        )
    elif amendment.kind == K.PARTNER_LEAVING:
        Participant.objects.filter(pk=amendment.from_participant_id).update(
            left_on=brussels(now).date()
        )


@transaction.atomic
def amendment_decide(
    *, amendment: Amendment, user, approve: bool, reason: str = "", now=None
) -> AmendmentStatusChange:
    """Approve (the project changes) or refuse (with a reason) a requested amendment."""
    now = now or timezone.now()
    try:
        applied = AMENDMENT_WORKFLOW.apply(
            obj=amendment,
            action=A.APPROVE if approve else A.REFUSE,
            user=user,
            reason=reason,
            now=now,
            seen_status=amendment.status,
        )
    except TransitionRefused as refusal:
        raise AmendmentError(str(refusal)) from refusal
    if approve:
        _reflect(applied.obj, now)
    amendment.status = applied.obj.status
    return applied.change
