"""The secretariat's pages under /forum/ for meetings, workstreams, stakeholders and
commitments: each job done through the site, refusals that keep what was typed, who may
open what, and the public workstream page showing the published summary and nothing private."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cms.models import WorkstreamIndexPage, WorkstreamPage
from cooperation.accounts.roles import Role
from cooperation.models import (
    Attendance,
    Commitment,
    Meeting,
    Stakeholder,
    Workstream,
    WorkstreamStatusChange,
)
from tests.browser.helpers import small_pdf
from tests.cms.factories import add_child, home  # noqa: F401
from tests.cooperation.factories import OrganisationFactory
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    ContactPersonFactory,
    MeetingFactory,
    MilestoneFactory,
    StakeholderFactory,
    WorkstreamFactory,
    WorkstreamMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, secretariat):
    client.force_login(secretariat)
    return client


def _meeting_post(workstream, **overrides):
    data = {
        "workstream": workstream.pk,
        "title": "Hotline working group",
        "kind": "working_group",
        "date": "2026-12-14",
        "start_time": "10:30",
        "place": "Brussels",
        "agenda": "Hash sharing.",
    }
    return {**data, **overrides}


def test_the_secretariat_plans_and_edits_a_meeting(signed_in):
    workstream = WorkstreamFactory()
    response = signed_in.get(reverse("forum:meeting_create") + f"?workstream={workstream.pk}")
    assert response.status_code == 200
    response = signed_in.post(reverse("forum:meeting_create"), _meeting_post(workstream))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "forum:meeting_detail", args=[meeting.pk]
    )
    assert meeting.start_time == dt.time(10, 30)
    page = signed_in.get(reverse("forum:meeting_detail", args=[meeting.pk])).content.decode()
    assert "10:30" in page and "Brussels time" in page
    response = signed_in.post(
        reverse("forum:meeting_edit", args=[meeting.pk]),
        _meeting_post(workstream, title="Renamed group", place="", online="on"),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.online) == ("Renamed group", True)


def test_a_refused_meeting_keeps_what_was_typed(signed_in):
    closed = WorkstreamFactory(status="closed")
    response = signed_in.post(
        reverse("forum:meeting_create"),
        _meeting_post(closed, title="Typed title", agenda="Typed agenda"),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "closed" in text and "Typed title" in text and "Typed agenda" in text
    response = signed_in.post(
        reverse("forum:meeting_create"),
        _meeting_post(WorkstreamFactory(), place="", date="2026-02-31", title="Kept"),
    )
    assert response.status_code == 400 and "Kept" in response.content.decode()
    assert not Meeting.objects.exists()


def test_attendance_is_one_checklist_saved_at_once(signed_in):
    meeting = MeetingFactory()
    members = [WorkstreamMemberFactory(workstream=meeting.workstream) for _ in range(4)]
    url = reverse("forum:meeting_attendance", args=[meeting.pk])
    page = signed_in.get(url).content.decode()
    for member in members:
        assert member.stakeholder.organisation.display_name in page
    statuses = ["present", "excused", "absent", ""]
    data = {
        f"stakeholder_{m.stakeholder_id}": status
        for m, status in zip(members, statuses, strict=True)
    }
    response = signed_in.post(url, data)
    assert response.status_code == 302
    assert dict(meeting.attendance.values_list("stakeholder_id", "status")) == {
        members[0].stakeholder_id: "present",
        members[1].stakeholder_id: "excused",
        members[2].stakeholder_id: "absent",
    }
    detail = signed_in.get(reverse("forum:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Present: 1" in detail and "Absent: 1" in detail


def test_a_bad_attendance_value_keeps_the_choices_and_writes_nothing(signed_in):
    meeting = MeetingFactory()
    first, second = (WorkstreamMemberFactory(workstream=meeting.workstream) for _ in range(2))
    response = signed_in.post(
        reverse("forum:meeting_attendance", args=[meeting.pk]),
        {
            f"stakeholder_{first.stakeholder_id}": "present",
            f"stakeholder_{second.stakeholder_id}": "late",
        },
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    text = response.content.decode()
    checked = f'name="stakeholder_{first.stakeholder_id}" value="present"'
    assert checked in text and "checked" in text.split(checked)[1].split(">")[0]


def test_minutes_are_uploaded_and_downloaded_by_the_secretariat_only(signed_in, client, applicant):
    meeting = MeetingFactory()
    url = reverse("forum:meeting_minutes_upload", args=[meeting.pk])
    bad = signed_in.post(url, {"file": SimpleUploadedFile("minutes.pdf", b"plain text")})
    assert bad.status_code == 400 and "not an accepted type" in bad.content.decode()
    good = signed_in.post(url, {"file": SimpleUploadedFile("minutes.pdf", small_pdf())})
    assert good.status_code == 302
    download = signed_in.get(reverse("forum:meeting_minutes", args=[meeting.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == small_pdf()
    client.force_login(applicant)
    assert client.get(reverse("forum:meeting_minutes", args=[meeting.pk])).status_code == 403


def _public_page(home, workstream):  # noqa: F811
    index = add_child(home, WorkstreamIndexPage(title="Workstreams", slug="workstreams"))
    return add_child(index, WorkstreamPage(title=workstream.name, slug="ws", workstream=workstream))


def test_a_published_summary_is_on_the_public_page_and_nothing_private(
    client,
    secretariat,
    home,  # noqa: F811
):
    meeting = MeetingFactory(agenda="Private agenda item", date=dt.date(2026, 1, 10))
    member = WorkstreamMemberFactory(workstream=meeting.workstream)
    contact = ContactPersonFactory(stakeholder=member.stakeholder, name="Ada Secretname")
    Attendance.objects.create(
        meeting=meeting, stakeholder=member.stakeholder, person=contact, status="present"
    )
    page = _public_page(home, meeting.workstream)
    url = reverse("forum:meeting_summary", args=[meeting.pk])
    client.force_login(secretariat)
    empty = client.post(url, {"public_summary": "  ", "action": "publish"})
    assert empty.status_code == 400
    response = client.post(
        url, {"public_summary": "The group agreed to share hashes.", "action": "publish"}
    )
    assert response.status_code == 302
    client.logout()
    public = client.get(page.url).content.decode()
    assert "The group agreed to share hashes." in public and meeting.title in public
    assert "Private agenda item" not in public and "Ada Secretname" not in public
    assert reverse("forum:meeting_minutes", args=[meeting.pk]) not in public
    client.force_login(secretariat)
    client.post(url, {"public_summary": "", "action": "withdraw"})
    client.logout()
    assert "The group agreed to share hashes." not in client.get(page.url).content.decode()


def test_a_summary_of_a_workstream_that_is_not_public_is_not_shown(signed_in, client, home):  # noqa: F811
    workstream = WorkstreamFactory(public=False)
    meeting = MeetingFactory(workstream=workstream, date=dt.date(2026, 1, 10))
    page = _public_page(home, workstream)
    signed_in.post(
        reverse("forum:meeting_summary", args=[meeting.pk]),
        {"public_summary": "Hidden summary.", "action": "publish"},
    )
    client.logout()
    assert client.get(page.url).status_code == 404


def test_the_workstream_lifecycle_through_its_page(signed_in, secretariat):
    lead = StakeholderFactory()
    response = signed_in.post(
        reverse("forum:workstream_create"),
        {"name": "Age assurance", "forum": "eu_internet_forum", "initiative": 7, "lead": lead.pk},
    )
    workstream = Workstream.objects.get(name="Age assurance")
    assert response.status_code == 302 and workstream.status == "proposed"
    status_url = reverse("forum:workstream_status", args=[workstream.pk])
    signed_in.post(status_url, {"action": "activate"})
    refused = signed_in.post(status_url, {"action": "close", "reason": ""}, follow=True)
    assert "reason" in refused.content.decode()
    signed_in.post(status_url, {"action": "close", "reason": "Work done."})
    workstream.refresh_from_db()
    assert workstream.status == "closed"
    page = signed_in.get(reverse("forum:workstream_detail", args=[workstream.pk])).content.decode()
    assert "Work done." in page and "Reopen the workstream" in page
    assert list(
        WorkstreamStatusChange.objects.order_by("pk").values_list("to_status", "changed_by")
    ) == [("active", secretariat.pk), ("closed", secretariat.pk)]
    audit = signed_in.get(reverse("audit:list") + "?kind=workstream").content.decode()
    assert "Age assurance" in audit and "Work done." in audit


def test_a_duplicate_workstream_name_keeps_what_was_typed(signed_in):
    WorkstreamFactory(name="Taken")
    response = signed_in.post(
        reverse("forum:workstream_create"),
        {"name": "Taken", "forum": "weprotect", "initiative": 8, "description": "Typed text"},
    )
    assert response.status_code == 400 and "Typed text" in response.content.decode()


def test_members_are_added_and_removed_on_the_workstream_page(signed_in):
    workstream = WorkstreamFactory()
    stakeholder = StakeholderFactory()
    signed_in.post(
        reverse("forum:workstream_member_add", args=[workstream.pk]),
        {"stakeholder": stakeholder.pk, "role": "observer"},
    )
    member = workstream.members.get()
    assert member.role == "observer"
    signed_in.post(reverse("forum:workstream_member_remove", args=[workstream.pk, member.pk]))
    assert not workstream.members.exists()


def test_stakeholders_are_registered_and_edited(signed_in):
    organisation = OrganisationFactory(legal_name="Hotline Foundation")
    response = signed_in.post(
        reverse("forum:stakeholder_create"),
        {"organisation": organisation.pk, "category": "civil_society", "tags": "hotlines, hashes"},
    )
    stakeholder = Stakeholder.objects.get(organisation=organisation)
    assert response.status_code == 302
    assert sorted(stakeholder.tags.names()) == ["hashes", "hotlines"]
    # Already a stakeholder: not offered again.
    page = signed_in.get(reverse("forum:stakeholder_create")).content.decode()
    assert "Hotline Foundation" not in page
    response = signed_in.post(
        reverse("forum:stakeholder_edit", args=[stakeholder.pk]),
        {
            "category": "research",
            "weprotect_member_since": "2020-01-01",
            "weprotect_category": "civil_society",
            "weprotect_board_seat": "on",
            "tags": "hotlines",
        },
    )
    assert response.status_code == 302
    stakeholder.refresh_from_db()
    assert (stakeholder.category, stakeholder.weprotect_board_seat) == ("research", True)
    assert list(stakeholder.tags.names()) == ["hotlines"]


def test_a_refused_stakeholder_keeps_what_was_typed(signed_in):
    stakeholder = StakeholderFactory()
    response = signed_in.post(
        reverse("forum:stakeholder_edit", args=[stakeholder.pk]),
        {"category": "wizards", "weprotect_member_since": "not a date", "tags": "kept-tag"},
    )
    assert response.status_code == 400
    assert "kept-tag" in response.content.decode() and "not a date" in response.content.decode()


def test_commitments_are_recorded_and_edited_with_the_models_checks(signed_in):
    owner, workstream = StakeholderFactory(), WorkstreamFactory()
    data = {
        "owner": owner.pk,
        "workstream": workstream.pk,
        "title": "Share hashes daily",
        "problem": "Slow sharing.",
        "actions": "A daily feed.",
        "due_date": "2027-06-30",
        "verifiable": "on",
    }
    response = signed_in.post(reverse("forum:commitment_create"), data)
    commitment = Commitment.objects.get()
    assert response.status_code == 302 and commitment.owner == owner
    MilestoneFactory(commitment=commitment, due_date=dt.date(2027, 6, 1))
    # The due date before a milestone is refused, as in the admin (Commitment.clean).
    response = signed_in.post(
        reverse("forum:commitment_edit", args=[commitment.pk]),
        {**data, "due_date": "2027-01-31", "title": "Typed new title"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Move the milestone first" in text and "Typed new title" in text
    commitment.refresh_from_db()
    assert commitment.title == "Share hashes daily"
    response = signed_in.post(
        reverse("forum:commitment_edit", args=[commitment.pk]), {**data, "public": "on"}
    )
    commitment.refresh_from_db()
    assert response.status_code == 302 and commitment.public
    # What the refusal asked for, done in the site: move the milestone, then the due date.
    milestone = commitment.milestones.get()
    late = signed_in.post(
        reverse("forum:milestone_edit", args=[milestone.pk]),
        {"title": "Typed milestone", "due_date": "2027-07-31"},
    )
    assert late.status_code == 400 and "Typed milestone" in late.content.decode()
    signed_in.post(
        reverse("forum:milestone_edit", args=[milestone.pk]),
        {"title": "Feed live", "due_date": "2027-01-15"},
    )
    response = signed_in.post(
        reverse("forum:commitment_edit", args=[commitment.pk]), {**data, "due_date": "2027-01-31"}
    )
    commitment.refresh_from_db()
    assert response.status_code == 302 and commitment.due_date == dt.date(2027, 1, 31)


def test_lists_keep_the_admins_filters(signed_in):
    board = StakeholderFactory(weprotect_board_seat=True)
    StakeholderFactory(weprotect_board_seat=False)
    listed = signed_in.get(reverse("forum:stakeholder_list") + "?board_seat=true")
    assert list(listed.context["object_list"]) == [board]
    CommitmentFactory(verifiable=False, public=False)
    kept = CommitmentFactory(verifiable=True, public=True)
    listed = signed_in.get(reverse("forum:commitment_list") + "?verifiable=true&public=true")
    assert [c.pk for c in listed.context["object_list"]] == [kept.pk]


NEW_URLS = [
    ("forum:meeting_create", False),
    ("forum:meeting_edit", True),
    ("forum:meeting_attendance", True),
    ("forum:meeting_minutes_upload", True),
    ("forum:meeting_summary", True),
    ("forum:workstream_create", False),
    ("forum:workstream_edit", True),
    ("forum:workstream_status", True),
    ("forum:workstream_member_add", True),
    ("forum:stakeholder_create", False),
    ("forum:stakeholder_edit", True),
    ("forum:commitment_create", False),
    ("forum:commitment_edit", True),
    ("forum:contact_add", True),
    ("forum:contact_edit", True),
    ("forum:contact_remove", True),
    ("forum:milestone_edit", True),
]


def test_stakeholder_contacts_managers_and_applicants_are_refused_every_new_page(client, make_user):
    """The roles the demo matrix has no row for: a stakeholder's contact person with an
    account (who reports on their own commitments) is still not the secretariat."""
    meeting = MeetingFactory()
    commitment = CommitmentFactory(workstream=meeting.workstream)
    member = WorkstreamMemberFactory(workstream=meeting.workstream)
    contact = make_user()
    person = ContactPersonFactory(stakeholder=commitment.owner, user=contact)
    ids = {
        "forum:meeting_edit": meeting.pk,
        "forum:meeting_attendance": meeting.pk,
        "forum:meeting_minutes_upload": meeting.pk,
        "forum:meeting_summary": meeting.pk,
        "forum:workstream_edit": meeting.workstream_id,
        "forum:workstream_status": meeting.workstream_id,
        "forum:workstream_member_add": meeting.workstream_id,
        "forum:stakeholder_edit": commitment.owner_id,
        "forum:commitment_edit": commitment.pk,
        "forum:contact_add": commitment.owner_id,
        "forum:contact_edit": person.pk,
        "forum:contact_remove": person.pk,
        "forum:milestone_edit": MilestoneFactory(commitment=commitment).pk,
    }
    urls = [reverse(name, args=[ids[name]] if has_pk else []) for name, has_pk in NEW_URLS]
    urls.append(reverse("forum:workstream_member_remove", args=[meeting.workstream_id, member.pk]))
    users = {
        "contact": contact,
        "manager": make_user(Role.PROGRAMME_MANAGER),
        "applicant": make_user(Role.APPLICANT),
    }
    for role, user in users.items():
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (role, url)
            assert client.post(url, {"title": "x", "action": "close"}).status_code == 403, (
                role,
                url,
            )
    client.logout()
    for url in urls:
        response = client.post(url, {})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert member.workstream.members.count() == 1
    assert not Attendance.objects.exists() and not WorkstreamStatusChange.objects.exists()
    assert commitment.owner.contacts.get() == person


def test_contact_persons_are_added_edited_linked_and_removed(signed_in, make_user):
    stakeholder = StakeholderFactory()
    account = make_user(email="aoife@hotline.example.eu")
    add = reverse("forum:contact_add", args=[stakeholder.pk])
    refused = signed_in.post(
        add, {"name": "Aoife Byrne", "email": "nobody@hotline.example.eu", "link_account": "on"}
    )
    assert refused.status_code == 400
    assert "Aoife Byrne" in refused.content.decode() and not stakeholder.contacts.exists()
    signed_in.post(add, {"name": "Aoife Byrne", "email": "aoife@hotline.example.eu"})
    contact = stakeholder.contacts.get()
    assert contact.user is None
    signed_in.post(
        reverse("forum:contact_edit", args=[contact.pk]),
        {
            "name": "Aoife Byrne",
            "role": "Analyst",
            "email": "AOIFE@hotline.example.eu",
            "link_account": "on",
        },
    )
    contact.refresh_from_db()
    assert (contact.role, contact.user) == ("Analyst", account)
    duplicate = signed_in.post(add, {"name": "Again", "email": "AOIFE@hotline.example.eu"})
    assert duplicate.status_code == 400 and "Again" in duplicate.content.decode()
    signed_in.post(reverse("forum:contact_remove", args=[contact.pk]))
    assert not stakeholder.contacts.exists()


def _queries_of_page(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["forum:meeting_attendance", "forum:workstream_detail"])
def test_the_checklist_and_workstream_pages_cost_the_same_with_more_members(signed_in, page):
    costs = []
    for n in (3, 30):
        meeting = MeetingFactory()
        for member in [WorkstreamMemberFactory(workstream=meeting.workstream) for _ in range(n)]:
            Attendance.objects.create(meeting=meeting, stakeholder=member.stakeholder)
        pk = meeting.pk if page == "forum:meeting_attendance" else meeting.workstream_id
        costs.append(_queries_of_page(signed_in, reverse(page, args=[pk])))
    assert costs[0] == costs[1]


def test_the_attendance_page_speaks_french(client, make_user):
    meeting = MeetingFactory()
    WorkstreamMemberFactory(workstream=meeting.workstream)
    client.force_login(make_user(Role.FORUM_SECRETARIAT, preferred_language="fr"))
    with translation.override("fr"):
        response = client.get(reverse("forum:meeting_attendance", args=[meeting.pk]))
    text = response.content.decode()
    assert "Enregistrer les présences" in text and "Non renseigné" in text and "Absent" in text
