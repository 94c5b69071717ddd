"""The proposal's task list, GOV.UK style: each section, and each partner's share of the
budget and personnel, with its completion (not started, in progress, complete).

Pure functions of what the proposal page already loaded: no query of their own."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from funding.proposals.eligibility import Section
from funding.proposals.models import AttachmentKind, Partner, PartnerRole
from funding.proposals.services import BUDGET_FIELDS


class Completion(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETE = "complete", _("Complete")


@dataclass(frozen=True)
class Task:
    label: str
    section: str  # the URL name of the page that does the task
    completion: Completion
    partner: Partner | None = None

    @property
    def completion_label(self):
        return self.completion.label


def general_completion(proposal, problems=()) -> Completion:
    filled = [bool(proposal.abstract), bool(proposal.keywords), bool(proposal.duration_months)]
    fixed = not any(problem.section == Section.GENERAL for problem in problems)
    if all(filled) and proposal.acronym and proposal.title and fixed:
        return Completion.COMPLETE
    return Completion.IN_PROGRESS if any(filled) else Completion.NOT_STARTED


def consortium_completion(partners, problems) -> Completion:
    if len(partners) < 2:
        return Completion.NOT_STARTED
    if any(problem.section == Section.CONSORTIUM for problem in problems):
        return Completion.IN_PROGRESS
    return Completion.COMPLETE


def share_completion(partner) -> Completion:
    """A partner's share is complete when its members (or the coordinator) say so."""
    if partner.share_completed_at is not None:
        return Completion.COMPLETE
    if any(getattr(partner, field) for field in BUDGET_FIELDS) or partner.people.all():
        return Completion.IN_PROGRESS
    return Completion.NOT_STARTED


def attachments_completion(attachments) -> Completion:
    if any(a.kind == AttachmentKind.PART_B for a in attachments):
        return Completion.COMPLETE
    return Completion.IN_PROGRESS if attachments else Completion.NOT_STARTED


def proposal_tasks(proposal, *, partners, attachments, problems) -> list[Task]:
    """The task list in the order of the sections; `partners` with their people
    prefetched, `problems` the proposal's check (funding.proposals.eligibility)."""
    tasks = [
        Task(_("General information"), "general", general_completion(proposal, problems)),
        Task(_("Consortium"), "consortium", consortium_completion(partners, problems)),
    ]
    for partner in partners:
        label = (
            _("Budget and personnel of %(org)s (coordinator)")
            if partner.role == PartnerRole.COORDINATOR
            else _("Budget and personnel of %(org)s")
        ) % {"org": partner.organisation}
        tasks.append(Task(label, "budget", share_completion(partner), partner))
    tasks.append(Task(_("Attachments"), "attachments", attachments_completion(attachments)))
    return tasks


def tasks_complete(tasks) -> int:
    return sum(task.completion == Completion.COMPLETE for task in tasks)
