"""Writes on the funded portfolio.

A project's status changes only through `project_change_status`, which applies the one
table of allowed transitions (funding.portfolio.workflow) on the workflow engine
(core.workflow) and writes the history row (who, when, from, to, why).

The facts a project's health is judged from are stored on its row (funding.portfolio.health):
every service that writes a deliverable, a reporting period, a periodic report or a payment
locks the project's row first (`project_health_lock`) and stores them anew once written
(`project_health_refresh`), in its transaction.
"""

import datetime as dt

from django.utils.translation import gettext as _

from core.workflow import TransitionRefused
from funding.portfolio.models.projects import FundedProject, ProjectStatus, ProjectStatusChange
from funding.portfolio.workflow import PROJECT_WORKFLOW, find_transition


def _label(status: str) -> str:
    return ProjectStatus(status).label if status in ProjectStatus.values else status


def project_change_status(
    *,
    project: FundedProject,
    to_status: str,
    user,
    reason: str = "",
    now: dt.datetime | None = None,
) -> ProjectStatusChange:
    """Move a project to `to_status` if the workflow allows it; record the change.

    The change is judged on the status the user saw (`project.status`): if someone else
    moved the project meanwhile, it is refused. Without `now`, the clock is read once the
    project's row is locked; the guards judge dates by the Brussels calendar of `now`."""
    transition = find_transition(project.status, to_status)
    if transition is None:
        raise TransitionRefused(
            _("A project cannot go from “%(source)s” to “%(target)s”.")
            % {"source": _label(project.status), "target": _label(to_status)}
        )
    applied = PROJECT_WORKFLOW.apply(
        obj=project,
        action=transition.action,
        user=user,
        reason=reason,
        now=now,
        seen_status=project.status,
    )
    project.status = applied.obj.status
    return applied.change


def project_health_lock(*, project_id: int) -> None:
    """Lock the project's row (inside the caller's transaction) before writing what its
    health is judged from, so that two writers on one project refresh one after the other
    and the second reads what the first wrote."""
    list(FundedProject.objects.select_for_update(of=("self",)).filter(pk=project_id).values("pk"))


def project_health_refresh(*, project_id: int) -> None:
    """Store the project's health facts from its rows as they are now (the row locked)."""
    project_health_lock(project_id=project_id)
    FundedProject.objects.filter(pk=project_id).refresh_health_facts()
