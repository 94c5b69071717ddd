# ruff: noqa: E501
"""Demo data of the forum secretariat: stakeholders of the EU Internet Forum and WeProtect,
workstreams, the 6th and 7th ministerial meetings, commitments at every completion level
(due dates relative to today), and Model National Response assessments. Idempotent."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cooperation.forum.meetings import (
    meeting_publish_summary,
    meeting_record_attendance,
    meeting_upload_minutes,
    workstream_change_status,
)
from cooperation.forum.models.stakeholders import CATEGORY_ORGANISATION_TYPE
from cooperation.forum.models.workstreams import WorkstreamStatus
from cooperation.forum.services import commitment_record_progress
from cooperation.models import (
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    Meeting,
    MNRAssessment,
    Organisation,
    Stakeholder,
    User,
    Workstream,
    WorkstreamMember,
)
from demo.forum_stakeholders import CONTACT_EMAIL, CONTACTS, EXISTING_STAKEHOLDERS, NEW_STAKEHOLDERS
from demo.forum_work import (
    COMMITMENTS,
    EUIF,
    MEETING_MINUTES,
    MEETING_START,
    MEETING_SUMMARIES,
    MEETINGS,
    MNR,
    WORKSTREAM_STATUSES,
    WORKSTREAMS,
)
from demo.people import DEMO_PASSWORD
from demo.proposals import PART_B as DEMO_PDF

# The workflow's actions that lead from "proposed" to each status.
LIFECYCLE_PATH = {
    WorkstreamStatus.PROPOSED: [],
    WorkstreamStatus.ACTIVE: ["activate"],
    WorkstreamStatus.CLOSED: ["activate", "close"],
}


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


def _reporter(owner: str, stakeholder: Stakeholder, contact_user: User) -> User:
    """Who self-reports for `owner`: the demo contact for TikTok; for the others an account
    of their own, a contact person of that stakeholder (a self-report is the owner's)."""
    if contact_user.forum_contacts.filter(stakeholder=stakeholder).exists():
        return contact_user
    email = f"reports.{owner.lower()}@demo.example.eu"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, first_name=owner, last_name="Reports", is_active=True)
        user.set_password(DEMO_PASSWORD)
        user.email_confirmed_at = timezone.now()
        user.save()
    ContactPerson.objects.get_or_create(
        stakeholder=stakeholder,
        email=email,
        defaults={"name": f"{owner} reports", "role": "Child-safety reporting", "user": user},
    )
    return user


def _meeting_record(meeting, attendance, stakeholders, secretariat) -> None:
    """Attendance, minutes and summary, the way the secretariat records them (the services)."""
    meeting_record_attendance(
        meeting=meeting,
        user=secretariat,
        statuses={stakeholders[short].pk: status for short, status in attendance},
    )
    if (filename := MEETING_MINUTES.get(meeting.title)) and not meeting.minutes:
        meeting_upload_minutes(
            meeting=meeting,
            user=secretariat,
            file=SimpleUploadedFile(filename, DEMO_PDF, "application/pdf"),
        )
    summary = MEETING_SUMMARIES.get(meeting.title)
    if summary and not (meeting.summary_is_published and meeting.public_summary == summary):
        meeting_publish_summary(meeting=meeting, user=secretariat, summary=summary)


def _workstream_reach(workstream, status, reason, secretariat) -> None:
    """Move a workstream from where it is to `status` through the workflow; nothing when it
    is there already (a second seed)."""
    if workstream.status == status:
        return
    path = LIFECYCLE_PATH[status]
    done = LIFECYCLE_PATH.get(workstream.status, [])
    for action in path[len(done) :]:
        workstream_change_status(
            workstream=workstream,
            user=secretariat,
            action=action,
            reason=reason if action == "close" else "",
        )


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
    secretariat = context["users"].get("secretariat@demo.example.eu")
    meetings = {}
    for ws, title, kind, date, place, online, agenda, attendance in MEETINGS:
        meeting, _ = Meeting.objects.update_or_create(
            title=title,
            workstream=workstreams[ws],
            defaults={
                "kind": kind,
                "date": date,
                "start_time": MEETING_START.get(title),
                "place": place,
                "online": online,
                "agenda": agenda,
            },
        )
        meetings[title] = meeting
        _meeting_record(meeting, attendance, stakeholders, secretariat)
    Meeting.objects.update_or_create(
        title="Technical meeting on age assurance",
        workstream=workstreams[EUIF],
        defaults={
            "kind": "technical",
            "date": today + dt.timedelta(days=21),
            "start_time": dt.time(10, 0),
            "place": "Brussels",
            "online": True,
            "agenda": "Progress on age assurance commitments; lessons from pilots.",
        },
    )
    # Last: a closed workstream takes no new meeting.
    for name, workstream in workstreams.items():
        status, reason = WORKSTREAM_STATUSES.get(name, (WorkstreamStatus.ACTIVE, ""))
        _workstream_reach(workstream, status, reason, secretariat)
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
            if commitment.updates.filter(kind=kind, narrative=narrative).exists():
                continue
            commitment_record_progress(
                commitment=commitment,
                user=secretariat
                if kind == "assessment"
                else _reporter(owner, commitment.owner, contact_user),
                kind=kind,
                date=today - dt.timedelta(days=days_ago),
                completion=completion,
                early_results=results,
                narrative=narrative,
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
