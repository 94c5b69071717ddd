"""The review of what beneficiaries submit, declared as data: a programme manager accepts a
version, or asks for changes with a reason. The same table serves deliverables and periodic
reports; each runs on the one engine (core.workflow) and writes a ReviewDecision row (who,
when, what, why) every time."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.accounts.roles import is_programme_manager
from core.verdicts import ALLOWED, Verdict, deny
from core.workflow import Transition, Workflow
from funding.reporting.models import (
    DeliverableSubmission,
    PeriodicReport,
    ReviewDecision,
    ReviewStatus,
)


class ReviewAction:
    ACCEPT = "accept"
    REQUEST_CHANGES = "request_changes"


def _manager(user, version) -> Verdict:
    if is_programme_manager(user):
        return ALLOWED
    return deny(_("Only programme managers review what beneficiaries submit."))


def _latest(version, now) -> str | None:
    """Only the latest version of a deliverable or report is reviewed."""
    if type(version).objects.filter(**_siblings(version), version__gt=version.version).exists():
        return _("A newer version was submitted since; review that one.")
    return None


def _siblings(version) -> dict:
    if isinstance(version, DeliverableSubmission):
        return {"deliverable_id": version.deliverable_id}
    return {"period_id": version.period_id, "participant_id": version.participant_id}


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        ReviewAction.ACCEPT,
        ReviewStatus.SUBMITTED,
        ReviewStatus.ACCEPTED,
        _manager,
        _latest,
        label=gettext_lazy("Accept"),
    ),
    Transition(
        ReviewAction.REQUEST_CHANGES,
        ReviewStatus.SUBMITTED,
        ReviewStatus.CHANGES_REQUESTED,
        _manager,
        _latest,
        needs_reason=True,
        label=gettext_lazy("Request changes"),
    ),
)


def _unknown(version, action: str) -> str:
    return _("This version is “%(status)s”: it has been reviewed already.") % {
        "status": version.get_status_display()
    }


def _workflow(model, history_of: str) -> Workflow:
    return Workflow(
        model=model,
        transitions=TRANSITIONS,
        history=ReviewDecision,
        history_of=history_of,
        unknown=_unknown,
        reason_missing=gettext_lazy("Say what should change, so the beneficiary can act on it."),
        changed_meanwhile=gettext_lazy("Someone else reviewed this version meanwhile; reload."),
    )


DELIVERABLE_REVIEW = _workflow(DeliverableSubmission, "deliverable_submission")
REPORT_REVIEW = _workflow(PeriodicReport, "periodic_report")
