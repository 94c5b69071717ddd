"""Writes on the funded portfolio.

A project's status changes only through `project_change_status`, which applies the one
table of allowed transitions (funding.portfolio.workflow) on the workflow engine
(core.workflow) and writes the history row (who, when, from, to, why).
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
