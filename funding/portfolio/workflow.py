"""The funded project's life, declared as data: every allowed status change, who may make
it, and what must hold first.

`PROJECT_WORKFLOW` runs the table on the one engine (core.workflow), through
`funding.portfolio.services.project_change_status`, and writes a ProjectStatusChange row
(who, when, from, to, why) every time.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.accounts.roles import is_programme_manager
from core.brussels import brussels
from core.display import show_date
from core.verdicts import ALLOWED, Verdict, deny
from core.workflow import Transition, Workflow
from funding.portfolio.checklist import checklist_missing
from funding.portfolio.models.projects import (
    FundedProject,
    ParticipantRole,
    ProjectStatus,
    ProjectStatusChange,
)


def _manager(user, project) -> Verdict:
    if is_programme_manager(user):
        return ALLOWED
    return deny(_("Only programme managers change the status of a project."))


def _signed(project: FundedProject, now) -> str | None:
    if not project.signature_date:
        return _("Record the signature date of the grant agreement first.")
    if not project.participants.filter(role=ParticipantRole.COORDINATOR).exists():
        return _("Name the coordinator among the participants first.")
    # A project selected here follows the grant preparation checklist; historic projects
    # recorded after the fact (no proposal) do not.
    if project.proposal_id and (missing := checklist_missing(project)):
        return _("Complete the grant preparation first: %(missing)s.") % {
            "missing": "; ".join(missing)
        }
    return None


def _ended(project: FundedProject, now) -> str | None:
    """A project closes the day after its end date at the earliest, by the Brussels calendar."""
    if brussels(now).date() <= project.end_date:
        return _("A project can be closed only after its end date (%(date)s).") % {
            "date": show_date(project.end_date)
        }
    return None


class ProjectAction:
    SIGN = "sign"
    STOP_PREPARATION = "stop_preparation"
    SUSPEND = "suspend"
    RESUME = "resume"
    CLOSE = "close"
    TERMINATE = "terminate"


S, A = ProjectStatus, ProjectAction

TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        A.SIGN,
        S.GRANT_PREPARATION,
        S.ONGOING,
        _manager,
        _signed,
        label=gettext_lazy("Sign and start"),
    ),
    Transition(
        A.STOP_PREPARATION,
        S.GRANT_PREPARATION,
        S.TERMINATED,
        _manager,
        needs_reason=True,
        label=gettext_lazy("Stop grant preparation"),
    ),
    Transition(
        A.SUSPEND,
        S.ONGOING,
        S.SUSPENDED,
        _manager,
        needs_reason=True,
        label=gettext_lazy("Suspend"),
    ),
    Transition(
        A.RESUME,
        S.SUSPENDED,
        S.ONGOING,
        _manager,
        needs_reason=True,
        label=gettext_lazy("Resume"),
    ),
    Transition(A.CLOSE, S.ONGOING, S.CLOSED, _manager, _ended, label=gettext_lazy("Close")),
    *(
        Transition(
            A.TERMINATE,
            source,
            S.TERMINATED,
            _manager,
            needs_reason=True,
            label=gettext_lazy("Terminate"),
        )
        for source in (S.ONGOING, S.SUSPENDED)
    ),
)


def _unknown(project: FundedProject, action: str) -> str:
    return _("A project that is “%(status)s” cannot be changed this way (%(action)s).") % {
        "status": project.get_status_display(),
        "action": action,
    }


PROJECT_WORKFLOW = Workflow(
    model=FundedProject,
    transitions=TRANSITIONS,
    history=ProjectStatusChange,
    history_of="project",
    unknown=_unknown,
    reason_missing=gettext_lazy("Please give the reason for this change."),
    changed_meanwhile=gettext_lazy(
        "Someone else changed this project's status meanwhile; please reload."
    ),
)


def transitions_from(status: str) -> list[Transition]:
    return PROJECT_WORKFLOW.from_status(status)


def find_transition(source: str, target: str) -> Transition | None:
    """The row that takes a project from `source` to `target` (the status form offers
    targets, not actions)."""
    return next((t for t in TRANSITIONS if t.source == source and t.target == target), None)
