"""The workstream's life, declared as data: proposed → active → closed (and reopened).

`WORKSTREAM_WORKFLOW` runs the table on the one engine (core.workflow), through
`cooperation.forum.meetings.workstream_change_status`, and writes a WorkstreamStatusChange
row (who, when, from, to, why) every time.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.forum.models.workstreams import (
    Workstream,
    WorkstreamStatus,
    WorkstreamStatusChange,
)
from cooperation.forum.permissions import can_use_forum
from core.verdicts import Verdict
from core.workflow import Transition, Workflow


def _secretariat(user, workstream) -> Verdict:
    return can_use_forum(user)


def _has_lead(workstream: Workstream, now) -> str | None:
    if not workstream.lead_id:
        return _("Name the lead stakeholder of the workstream first.")
    return None


class WorkstreamAction:
    ACTIVATE = "activate"
    CLOSE = "close"
    REOPEN = "reopen"


S, A = WorkstreamStatus, WorkstreamAction

TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        A.ACTIVATE,
        S.PROPOSED,
        S.ACTIVE,
        _secretariat,
        _has_lead,
        label=gettext_lazy("Start the workstream"),
    ),
    # A proposal that is not taken forward is closed, with the reason.
    *(
        Transition(
            A.CLOSE,
            source,
            S.CLOSED,
            _secretariat,
            needs_reason=True,
            label=gettext_lazy("Close the workstream"),
        )
        for source in (S.PROPOSED, S.ACTIVE)
    ),
    Transition(
        A.REOPEN,
        S.CLOSED,
        S.ACTIVE,
        _secretariat,
        needs_reason=True,
        label=gettext_lazy("Reopen the workstream"),
    ),
)


def _unknown(workstream: Workstream, action: str) -> str:
    return _("A workstream that is “%(status)s” cannot be changed this way (%(action)s).") % {
        "status": workstream.get_status_display(),
        "action": action,
    }


WORKSTREAM_WORKFLOW = Workflow(
    model=Workstream,
    transitions=TRANSITIONS,
    history=WorkstreamStatusChange,
    history_of="workstream",
    unknown=_unknown,
    reason_missing=gettext_lazy("Please give the reason for this change."),
    changed_meanwhile=gettext_lazy(
        "Someone else changed this workstream's status meanwhile; please reload."
    ),
)
