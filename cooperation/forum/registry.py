"""Writes of the secretariat's registry: stakeholders, their contact persons and commitments
created and edited in /forum/, checked as the Wagtail admin's screens checked them (the
models' own validation, run by full_clean). Keyword-only functions named <entity>_<action>;
no request."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cooperation.forum.permissions import can_use_forum
from cooperation.forum.services import ForumRefused
from cooperation.models import (
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    Meeting,
    Organisation,
    Stakeholder,
    User,
    Workstream,
)


def _require_secretariat(user) -> None:
    if not (verdict := can_use_forum(user)):
        raise ForumRefused(verdict.reason)


def stakeholder_create(
    *,
    user,
    organisation: Organisation,
    category: str,
    weprotect_member_since: dt.date | None = None,
    weprotect_category: str = "",
    weprotect_board_seat: bool = False,
    forum_participant_since: dt.date | None = None,
    tags: list[str] | None = None,
) -> Stakeholder:
    """Register an organisation as a stakeholder (once: an organisation is one stakeholder)."""
    _require_secretariat(user)
    stakeholder = Stakeholder(organisation=organisation)
    return _stakeholder_save(
        stakeholder,
        category=category,
        weprotect_member_since=weprotect_member_since,
        weprotect_category=weprotect_category,
        weprotect_board_seat=weprotect_board_seat,
        forum_participant_since=forum_participant_since,
        tags=tags,
    )


def stakeholder_update(
    *,
    stakeholder: Stakeholder,
    user,
    category: str,
    weprotect_member_since: dt.date | None,
    weprotect_category: str,
    weprotect_board_seat: bool,
    forum_participant_since: dt.date | None,
    tags: list[str] | None,
) -> Stakeholder:
    _require_secretariat(user)
    return _stakeholder_save(
        stakeholder,
        category=category,
        weprotect_member_since=weprotect_member_since,
        weprotect_category=weprotect_category,
        weprotect_board_seat=weprotect_board_seat,
        forum_participant_since=forum_participant_since,
        tags=tags,
    )


def _stakeholder_save(stakeholder: Stakeholder, *, tags, **fields) -> Stakeholder:
    for name, value in fields.items():
        setattr(stakeholder, name, value)
    stakeholder.full_clean()
    with transaction.atomic():
        stakeholder.save()
        if tags is not None:
            stakeholder.tags.set(tags, clear=True)
    return stakeholder


def commitment_create(
    *,
    user,
    owner: Stakeholder,
    workstream: Workstream,
    title: str,
    problem: str,
    actions: str,
    due_date: dt.date,
    meeting: Meeting | None = None,
    verifiable: bool = True,
    public: bool = False,
    title_fr: str = "",
) -> Commitment:
    _require_secretariat(user)
    commitment = Commitment(
        owner=owner,
        workstream=workstream,
        meeting=meeting,
        title=title,
        title_fr=title_fr,
        problem=problem,
        actions=actions,
        due_date=due_date,
        verifiable=verifiable,
        public=public,
    )
    commitment.full_clean()
    commitment.save()
    return commitment


def commitment_update(
    *,
    commitment: Commitment,
    user,
    owner: Stakeholder,
    workstream: Workstream,
    title: str,
    problem: str,
    actions: str,
    due_date: dt.date,
    meeting: Meeting | None,
    verifiable: bool,
    public: bool,
    title_fr: str = "",
) -> Commitment:
    """Edit a commitment. A due date before one of its milestones is refused (the model's
    check); progress updates are history and are not touched."""
    _require_secretariat(user)
    fields = {
        "owner": owner,
        "workstream": workstream,
        "meeting": meeting,
        "title": title,
        "title_fr": title_fr,
        "problem": problem,
        "actions": actions,
        "due_date": due_date,
        "verifiable": verifiable,
        "public": public,
    }
    for name, value in fields.items():
        setattr(commitment, name, value)
    commitment.full_clean()
    commitment.save(update_fields=list(fields))
    return commitment


def milestone_update(
    *,
    milestone: CommitmentMilestone,
    user,
    title: str,
    due_date: dt.date,
    done_date: dt.date | None,
) -> CommitmentMilestone:
    """Rename, move or reopen a milestone; one due after its commitment is refused."""
    _require_secretariat(user)
    milestone.title, milestone.due_date, milestone.done_date = title, due_date, done_date
    milestone.full_clean()
    milestone.save(update_fields=["title", "due_date", "done_date"])
    return milestone


def contact_add(
    *,
    user,
    stakeholder: Stakeholder,
    name: str,
    email: str,
    role: str = "",
    link_account: bool = False,
) -> ContactPerson:
    """Add a contact person. With `link_account`, the account registered with the same
    e-mail address may then report progress on the stakeholder's commitments."""
    _require_secretariat(user)
    contact = ContactPerson(stakeholder=stakeholder)
    return _contact_save(contact, name=name, email=email, role=role, link_account=link_account)


def contact_update(
    *, contact: ContactPerson, user, name: str, email: str, role: str, link_account: bool
) -> ContactPerson:
    _require_secretariat(user)
    return _contact_save(contact, name=name, email=email, role=role, link_account=link_account)


def contact_remove(*, contact: ContactPerson, user) -> None:
    _require_secretariat(user)
    contact.delete()


def _contact_save(contact: ContactPerson, *, name, email, role, link_account) -> ContactPerson:
    contact.name, contact.email, contact.role = name, email.strip(), role
    contact.user = None
    if link_account:
        contact.user = User.objects.filter(email__iexact=contact.email, is_active=True).first()
        if contact.user is None:
            raise ValidationError(
                {
                    "link_account": _(
                        "Nobody has an account with this e-mail address yet: add the contact "
                        "without linking, and link it once the person has signed up."
                    )
                }
            )
    contact.full_clean()
    contact.save()
    return contact
