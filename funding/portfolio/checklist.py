"""The grant preparation checklist, read from the records: what is done, what is missing,
and when the time to grant runs out. Pure reads; the writes are in
funding.portfolio.preparation, and the project's workflow asks `checklist_missing` before
a selected project is signed."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from core.brussels import brussels
from core.display import show_date
from funding.portfolio.models.grants import GrantPreparation
from funding.portfolio.models.projects import FundedProject, ParticipantRole

# Who signs the grant agreement and is paid: their legal entity and bank account are checked.
SIGNING_ROLES = (ParticipantRole.COORDINATOR, ParticipantRole.BENEFICIARY)


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    detail: str = ""


def preparation_of(project: FundedProject) -> GrantPreparation | None:
    try:
        return project.grant_preparation
    except ObjectDoesNotExist:
        return None


def signing_participants(project: FundedProject) -> list:
    """The coordinator and beneficiaries still in the consortium, in their order."""
    return [
        participant
        for participant in project.participants.all()
        if participant.role in SIGNING_ROLES and participant.left_on is None
    ]


def _has_account(participant) -> bool:
    try:
        return participant.account is not None
    except ObjectDoesNotExist:
        return False


def _stamp(when, who) -> str:
    if when is None:
        return ""
    return _("%(date)s by %(name)s") % {"date": show_date(when), "name": who}


def grant_checklist(project: FundedProject) -> list[ChecklistItem]:
    """The four steps before the signature, in the order a manager takes them."""
    preparation = preparation_of(project)
    signing = signing_participants(project)
    validated = sum(1 for participant in signing if _has_account(participant))
    return [
        ChecklistItem(
            "accounts",
            _("Legal entity and bank account of every beneficiary"),
            bool(signing) and validated == len(signing),
            _("%(done)s of %(total)s validated") % {"done": validated, "total": len(signing)},
        ),
        ChecklistItem(
            "consortium",
            _("Consortium and budget confirmed from the evaluated submission"),
            bool(preparation and preparation.consortium_confirmed_at),
            _stamp(
                preparation and preparation.consortium_confirmed_at,
                preparation and preparation.consortium_confirmed_by,
            ),
        ),
        ChecklistItem(
            "description",
            _("Description of action (Part B) attached"),
            bool(preparation and preparation.description),
            preparation.description_name if preparation else "",
        ),
        ChecklistItem(
            "dates",
            _("Start date and duration agreed"),
            bool(preparation and preparation.dates_agreed_at),
            _stamp(
                preparation and preparation.dates_agreed_at,
                preparation and preparation.dates_agreed_by,
            ),
        ),
    ]


def checklist_missing(project: FundedProject) -> list[str]:
    """The labels of the steps not done yet; empty when the agreement may be signed."""
    return [item.label for item in grant_checklist(project) if not item.done]


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def end_date_for(start_date: dt.date, months: int) -> dt.date:
    """The last day of a project of `months` months starting on `start_date`."""
    return _add_months(start_date, months) - dt.timedelta(days=1)


def grant_deadline(project: FundedProject) -> dt.date | None:
    """The time to grant: the topic's deadline (Brussels date) plus the configured months;
    None for a project whose topic is not recorded here."""
    if project.topic_id is None:
        return None
    deadline_day = brussels(project.topic.deadline_at).date()
    return _add_months(deadline_day, settings.GRANT_PREPARATION_MONTHS)


def deadline_slipped(project: FundedProject, today: dt.date) -> bool:
    deadline = grant_deadline(project)
    return deadline is not None and today > deadline
