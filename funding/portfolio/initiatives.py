"""A funded project tagged with the strategy initiative it serves (the strategy pages count
it there, cms.strategy). Empty, the project follows its call's initiative. Each change is
a history row (ProjectInitiativeChange), read by the project's page and the audit trail."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.forum.models.workstreams import StrategyInitiative
from funding.portfolio.models.initiatives import ProjectInitiativeChange
from funding.portfolio.models.projects import FundedProject
from funding.portfolio.permissions import can_set_project_initiative


class InitiativeRefused(Exception):
    """A change of initiative that cannot be made; the message says why."""


def project_initiative_served(project: FundedProject) -> int | None:
    """The initiative the project serves: its own, else its call's (None when neither)."""
    if project.initiative is not None:
        return project.initiative
    return project.call.initiative if project.call_id else None


@transaction.atomic
def project_set_initiative(
    *,
    project: FundedProject,
    user,
    initiative: int | None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> ProjectInitiativeChange | None:
    """Set (or, with None, clear) the project's own initiative and record who, when, from,
    to and why; None when it already was that one (nothing is written). The clock is read
    once the project's row is locked."""
    verdict = can_set_project_initiative(user, project)
    if not verdict:
        raise InitiativeRefused(verdict.reason)
    if initiative is not None and initiative not in StrategyInitiative.values:
        raise InitiativeRefused(_("Choose one of the strategy's eight initiatives."))
    locked = FundedProject.objects.select_for_update().get(pk=project.pk)
    if locked.initiative == initiative:
        project.initiative = initiative
        return None
    change = ProjectInitiativeChange.objects.create(
        project=locked,
        from_initiative=locked.initiative,
        to_initiative=initiative,
        changed_by=user,
        changed_at=now or timezone.now(),
        reason=reason.strip(),
    )
    locked.initiative = initiative
    locked.save(update_fields=["initiative", "updated_at"])
    project.initiative = initiative
    return change
