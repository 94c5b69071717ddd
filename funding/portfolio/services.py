"""Writes on the funded portfolio.

A project's status changes only through `project_change_status`, which applies the one
table of allowed transitions below and writes the history row (who, when, from, to, why).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.accounts.roles import Role, user_has_role
from funding.portfolio.models.projects import (
    FundedProject,
    ParticipantRole,
    ProjectStatus,
    ProjectStatusChange,
)

S = ProjectStatus
MANAGERS = (Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR)


class TransitionRefused(Exception):
    """The change is not allowed; the message says why, in plain words."""


def _guard_signed(project: FundedProject, today: dt.date) -> str | None:
    if not project.signature_date:
        return _("Record the signature date of the grant agreement first.")
    if not project.participants.filter(role=ParticipantRole.COORDINATOR).exists():
        return _("Name the coordinator among the participants first.")
    return None


def _guard_ended(project: FundedProject, today: dt.date) -> str | None:
    if today <= project.end_date:
        return _("A project can be closed only after its end date (%(date)s).") % {
            "date": project.end_date.isoformat()
        }
    return None


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    label: str
    roles: tuple[str, ...] = MANAGERS
    reason_required: bool = False
    guard: Callable[[FundedProject, dt.date], str | None] | None = None


# The project workflow, as data: every allowed change, who may make it, and its guard.
TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.GRANT_PREPARATION, S.ONGOING, gettext_lazy("Sign and start"), guard=_guard_signed),
    Transition(
        S.GRANT_PREPARATION,
        S.TERMINATED,
        gettext_lazy("Stop grant preparation"),
        reason_required=True,
    ),
    Transition(S.ONGOING, S.SUSPENDED, gettext_lazy("Suspend"), reason_required=True),
    Transition(S.SUSPENDED, S.ONGOING, gettext_lazy("Resume"), reason_required=True),
    Transition(S.ONGOING, S.CLOSED, gettext_lazy("Close"), guard=_guard_ended),
    Transition(S.ONGOING, S.TERMINATED, gettext_lazy("Terminate"), reason_required=True),
    Transition(S.SUSPENDED, S.TERMINATED, gettext_lazy("Terminate"), reason_required=True),
)


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == status]


def find_transition(source: str, target: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.target == target), None)


def project_change_status(
    *,
    project: FundedProject,
    to_status: str,
    user,
    reason: str = "",
    now: dt.datetime,
    today: dt.date,
) -> ProjectStatusChange:
    """Move a project to `to_status` if the workflow allows it; record the change."""
    transition = find_transition(project.status, to_status)
    if transition is None:
        raise TransitionRefused(
            _("A project cannot go from “%(source)s” to “%(target)s”.")
            % {
                "source": ProjectStatus(project.status).label,
                "target": ProjectStatus(to_status).label
                if to_status in ProjectStatus.values
                else to_status,
            }
        )
    if user is not None and not any(user_has_role(user, role) for role in transition.roles):
        raise TransitionRefused(_("Only programme managers change the status of a project."))
    reason = (reason or "").strip()
    if transition.reason_required and not reason:
        raise TransitionRefused(_("Please give the reason for this change."))
    if transition.guard is not None and (refusal := transition.guard(project, today)):
        raise TransitionRefused(refusal)
    with transaction.atomic():
        locked = FundedProject.objects.select_for_update().get(pk=project.pk)
        if locked.status != transition.source:
            raise TransitionRefused(
                _("Someone else changed this project's status meanwhile; please reload.")
            )
        FundedProject.objects.filter(pk=project.pk).update(status=transition.target)
        change = ProjectStatusChange.objects.create(
            project=project,
            from_status=transition.source,
            to_status=transition.target,
            changed_by=user,
            changed_at=now,
            reason=reason,
        )
    project.status = transition.target
    return change
