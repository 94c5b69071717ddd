"""Writes of the secretariat's registry: stakeholders and commitments created and edited in
/forum/, checked as the Wagtail admin's screens checked them (the models' own validation,
run by full_clean). Keyword-only functions named <entity>_<action>; no request."""

import datetime as dt

from django.db import transaction

from cooperation.forum.permissions import can_use_forum
from cooperation.forum.services import ForumRefused
from cooperation.models import Commitment, Meeting, Organisation, Stakeholder, Workstream


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
) -> Commitment:
    _require_secretariat(user)
    commitment = Commitment(
        owner=owner,
        workstream=workstream,
        meeting=meeting,
        title=title,
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
) -> Commitment:
    """Edit a commitment. A due date before one of its milestones is refused (the model's
    check); progress updates are history and are not touched."""
    _require_secretariat(user)
    fields = {
        "owner": owner,
        "workstream": workstream,
        "meeting": meeting,
        "title": title,
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
