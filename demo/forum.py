# ruff: noqa: E501
"""Demo data of the forum secretariat: stakeholders of the EU Internet Forum and WeProtect,
workstreams, the 6th and 7th ministerial meetings, commitments at every completion level
(due dates relative to today), and Model National Response assessments. Idempotent."""

import datetime as dt

from django.utils import timezone

from cooperation.forum.models.stakeholders import CATEGORY_ORGANISATION_TYPE
from cooperation.models import (
    Attendance,
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    Meeting,
    MNRAssessment,
    Organisation,
    ProgressUpdate,
    Stakeholder,
    User,
    Workstream,
    WorkstreamMember,
)
from demo.forum_stakeholders import CONTACT_EMAIL, CONTACTS, EXISTING_STAKEHOLDERS, NEW_STAKEHOLDERS
from demo.forum_work import COMMITMENTS, EUIF, MEETINGS, MNR, WORKSTREAMS
from demo.people import DEMO_PASSWORD


def _stakeholders(organisations) -> dict[str, Stakeholder]:
    result = {}
    for (
        legal,
        short,
        country,
        website,
        category,
        wp_since,
        wp_cat,
        board,
        forum,
    ) in NEW_STAKEHOLDERS:
        organisation, _ = Organisation.objects.update_or_create(
            legal_name=legal,
            country=country,
            defaults={
                "short_name": short,
                "website": website,
                "organisation_type": CATEGORY_ORGANISATION_TYPE[category],
            },
        )
        organisations.setdefault(short, organisation)
        result[short] = _stakeholder(organisation, category, wp_since, wp_cat, board, forum)
    for short, category, wp_since, wp_cat, board, forum in EXISTING_STAKEHOLDERS:
        result[short] = _stakeholder(organisations[short], category, wp_since, wp_cat, board, forum)
    return result


def _stakeholder(organisation, category, wp_since, wp_cat, board, forum) -> Stakeholder:
    stakeholder, _ = Stakeholder.objects.update_or_create(
        organisation=organisation,
        defaults={
            "category": category,
            "weprotect_member_since": wp_since,
            "weprotect_category": wp_cat,
            "weprotect_board_seat": board,
            "forum_participant_since": forum,
        },
    )
    return stakeholder


def _contact_account() -> User:
    user = User.objects.filter(email=CONTACT_EMAIL).first()
    if user is None:
        user = User(email=CONTACT_EMAIL, first_name="Aoife", last_name="Byrne", is_active=True)
        user.set_password(DEMO_PASSWORD)
        user.email_confirmed_at = timezone.now()
        user.save()
    return user


def seed(context: dict) -> None:
    today = timezone.localdate()
    stakeholders = _stakeholders(context["organisations"])
    contact_user = _contact_account()
    context["users"][CONTACT_EMAIL] = contact_user
    for short, name, role, email in CONTACTS:
        ContactPerson.objects.update_or_create(
            stakeholder=stakeholders[short],
            email=email,
            defaults={
                "name": name,
                "role": role,
                "user": contact_user if email == CONTACT_EMAIL else None,
            },
        )
    workstreams = {}
    for name, forum, initiative, lead, public, description, members in WORKSTREAMS:
        workstream, _ = Workstream.objects.update_or_create(
            name=name,
            defaults={
                "forum": forum,
                "initiative": initiative,
                "lead": stakeholders[lead],
                "public": public,
                "description": description,
            },
        )
        workstreams[name] = workstream
        for short, role in members:
            WorkstreamMember.objects.update_or_create(
                workstream=workstream, stakeholder=stakeholders[short], defaults={"role": role}
            )
    meetings = {}
    for ws, title, kind, date, place, online, agenda, attendance in MEETINGS:
        meeting, _ = Meeting.objects.update_or_create(
            title=title,
            workstream=workstreams[ws],
            defaults={
                "kind": kind,
                "date": date,
                "place": place,
                "online": online,
                "agenda": agenda,
            },
        )
        meetings[title] = meeting
        for short, status in attendance:
            Attendance.objects.update_or_create(
                meeting=meeting, stakeholder=stakeholders[short], defaults={"status": status}
            )
    Meeting.objects.update_or_create(
        title="Technical meeting on age assurance",
        workstream=workstreams[EUIF],
        defaults={
            "kind": "technical",
            "date": today + dt.timedelta(days=21),
            "place": "Brussels",
            "online": True,
            "agenda": "Progress on age assurance commitments; lessons from pilots.",
        },
    )
    secretariat = context["users"].get("secretariat@demo.example.eu")
    for owner, ws, meeting, title, due, public, milestones, updates in COMMITMENTS:
        commitment, _ = Commitment.objects.update_or_create(
            title=title,
            owner=stakeholders[owner],
            defaults={
                "workstream": workstreams[ws],
                "meeting": meetings.get(meeting),
                "problem": f"{title}: the gap this commitment closes, as stated at the meeting.",
                "actions": f"{title}. Milestones and evidence are reported to the secretariat.",
                "due_date": today + dt.timedelta(days=due),
                "verifiable": True,
                "public": public,
            },
        )
        for m_title, m_due, m_done in milestones:
            CommitmentMilestone.objects.update_or_create(
                commitment=commitment,
                title=m_title,
                defaults={
                    "due_date": today + dt.timedelta(days=min(m_due, due)),
                    "done_date": today + dt.timedelta(days=m_done) if m_done is not None else None,
                },
            )
        for kind, days_ago, completion, results, narrative in updates:
            ProgressUpdate.objects.update_or_create(
                commitment=commitment,
                kind=kind,
                narrative=narrative,
                defaults={
                    "date": today - dt.timedelta(days=days_ago),
                    "completion": completion,
                    "early_results": results,
                    "reported_by": secretariat if kind == "assessment" else contact_user,
                },
            )
    for country, capability, status, date, evidence in MNR:
        MNRAssessment.objects.get_or_create(
            country=country,
            capability=capability,
            assessed_on=date,
            defaults={"status": status, "evidence": evidence, "recorded_by": secretariat},
        )
    context["stakeholders"] = stakeholders
    context["workstreams"] = workstreams
