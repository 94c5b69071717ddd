import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cooperation.accounts.roles import Role
from cooperation.forum.reminders import commitment_send_reminders, reminder_period
from cooperation.forum.services import (
    ForumRefused,
    commitment_add_milestone,
    commitment_record_progress,
    mnr_record_assessment,
    stakeholder_import,
)
from cooperation.forum.tasks import send_commitment_reminders
from cooperation.models import Commitment, MNRAssessment, Organisation, ReminderLog, Stakeholder
from tests.cooperation.factories import OrganisationFactory
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    ContactPersonFactory,
    MilestoneFactory,
    MNRAssessmentFactory,
    ProgressUpdateFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)  # a Monday


def _current(commitment):
    return Commitment.objects.get(pk=commitment.pk)


# -- Completion is derived ------------------------------------------------------------------


def test_no_update_means_no_current_level():
    item = _current(CommitmentFactory())
    assert (item.current_completion, item.current_source) == ("", "")


def test_self_report_is_current_until_assessed_and_assessment_wins_even_if_older():
    commitment = CommitmentFactory()
    ProgressUpdateFactory(
        commitment=commitment,
        kind="assessment",
        completion="limited",
        date=TODAY - dt.timedelta(days=10),
    )
    ProgressUpdateFactory(
        commitment=commitment, kind="self_report", completion="complete", date=TODAY
    )
    item = _current(commitment)
    assert item.current_completion == "limited"
    assert item.current_source == "assessment"
    assert item.reported_completion == "complete"  # both are shown


def test_latest_self_report_is_the_fallback_and_latest_assessment_wins():
    commitment = CommitmentFactory()
    ProgressUpdateFactory(
        commitment=commitment, completion="not_started", date=TODAY - dt.timedelta(days=5)
    )
    ProgressUpdateFactory(commitment=commitment, completion="substantial", date=TODAY)
    item = _current(commitment)
    assert (item.current_completion, item.current_source) == ("substantial", "self_report")
    ProgressUpdateFactory(
        commitment=commitment,
        kind="assessment",
        completion="limited",
        date=TODAY - dt.timedelta(days=3),
    )
    ProgressUpdateFactory(
        commitment=commitment,
        kind="assessment",
        completion="complete",
        date=TODAY - dt.timedelta(days=1),
    )
    assert _current(commitment).current_completion == "complete"


# -- Overdue --------------------------------------------------------------------------------


def test_overdue_rules():
    late = CommitmentFactory(due_date=TODAY - dt.timedelta(days=1))
    done = CommitmentFactory(due_date=TODAY - dt.timedelta(days=1))
    ProgressUpdateFactory(
        commitment=done, kind="assessment", completion="complete", date=TODAY - dt.timedelta(days=2)
    )
    due_today = CommitmentFactory(due_date=TODAY)
    assert set(Commitment.objects.overdue(TODAY)) == {late}
    assert due_today not in Commitment.objects.overdue(TODAY)
    open_milestone = MilestoneFactory(commitment=due_today, due_date=TODAY - dt.timedelta(days=1))
    MilestoneFactory(
        commitment=due_today,
        due_date=TODAY - dt.timedelta(days=1),
        done_date=TODAY - dt.timedelta(days=2),
    )
    assert list(open_milestone.__class__.objects.overdue(TODAY)) == [open_milestone]


def test_milestone_after_the_commitment_due_date_is_refused():
    commitment = CommitmentFactory(due_date=TODAY)
    with pytest.raises(ValidationError, match="cannot be due after its commitment"):
        commitment_add_milestone(
            commitment=commitment, title="Late", due_date=TODAY + dt.timedelta(days=1)
        )
    assert not commitment.milestones.exists()
    assert commitment_add_milestone(commitment=commitment, title="On time", due_date=TODAY).pk


# -- Reminders ------------------------------------------------------------------------------


def test_digest_is_sent_once_per_period(django_capture_on_commit_callbacks):
    contact = ContactPersonFactory()
    CommitmentFactory(
        owner=contact.stakeholder, due_date=TODAY - dt.timedelta(days=3), title="Late one"
    )
    CommitmentFactory(
        owner=contact.stakeholder, due_date=TODAY + dt.timedelta(days=10), title="Soon one"
    )
    CommitmentFactory(
        owner=contact.stakeholder, due_date=TODAY + dt.timedelta(days=30), title="Far one"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert commitment_send_reminders(today=TODAY) == 1
    assert mail.outbox[0].to == [contact.email]
    body = mail.outbox[0].body
    assert "Late one" in body and "Soon one" in body and "Far one" not in body
    with django_capture_on_commit_callbacks(execute=True):
        assert commitment_send_reminders(today=TODAY + dt.timedelta(days=2)) == 0  # same ISO week
    assert len(mail.outbox) == 1
    assert reminder_period(TODAY + dt.timedelta(days=7)) == "2026-W49"
    with django_capture_on_commit_callbacks(execute=True):
        assert commitment_send_reminders(today=TODAY + dt.timedelta(days=7)) == 1  # next week
    assert ReminderLog.objects.count() == 4


def test_task_and_command_send_reminders(settings, django_capture_on_commit_callbacks):
    contact = ContactPersonFactory()
    CommitmentFactory(owner=contact.stakeholder, due_date=dt.date.today() - dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        send_commitment_reminders.enqueue()
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_commitment_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


# -- Self-service ---------------------------------------------------------------------------


@pytest.fixture
def contact_user(make_user):
    user = make_user()
    contact = ContactPersonFactory(user=user)
    return user, contact


def test_self_service_sees_and_reports_only_own_commitments(client, contact_user):
    user, contact = contact_user
    own = CommitmentFactory(owner=contact.stakeholder, title="Our commitment")
    other = CommitmentFactory(title="Their commitment")
    client.force_login(user)
    page = client.get(reverse("forum:my_commitment_list")).content.decode()
    assert "Our commitment" in page and "Their commitment" not in page
    assert client.get(reverse("forum:my_commitment_detail", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("forum:my_commitment_detail", args=[other.pk]),
        {"date": TODAY.isoformat(), "completion": "complete", "narrative": "x"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("forum:my_commitment_detail", args=[own.pk]),
        {"date": dt.date.today().isoformat(), "completion": "limited", "narrative": "Started."},
    )
    assert response.status_code == 302
    assert own.updates.get().kind == "self_report"
    assert not other.updates.exists()


def test_service_refuses_a_report_on_someone_elses_commitment(contact_user):
    user, _contact = contact_user
    with pytest.raises(ForumRefused, match="another organisation"):
        commitment_record_progress(
            commitment=CommitmentFactory(),
            user=user,
            kind="self_report",
            date=TODAY,
            completion="complete",
            narrative="x",
            today=TODAY,
        )


def test_contact_cannot_record_an_assessment(contact_user):
    user, contact = contact_user
    commitment = CommitmentFactory(owner=contact.stakeholder)
    with pytest.raises(ForumRefused, match="forum secretariat"):
        commitment_record_progress(
            commitment=commitment,
            user=user,
            kind="assessment",
            date=TODAY,
            completion="complete",
            narrative="x",
            today=TODAY,
        )


def test_self_service_refuses_users_without_contact(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("forum:my_commitment_list")).status_code == 403


# -- Access ---------------------------------------------------------------------------------

SECRETARIAT_URLS = [
    "forum:dashboard",
    "forum:stakeholder_list",
    "forum:workstream_list",
    "forum:meeting_list",
    "forum:commitment_list",
    "forum:mnr_matrix",
    "forum:mnr_record",
    "forum:stakeholder_import",
    "forum:stakeholder_import_template",
    "forum:commitment_export",
    "forum:mnr_export",
]


@pytest.mark.parametrize("name", SECRETARIAT_URLS)
def test_access_matrix(client, make_user, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    for role, expected in [
        (Role.APPLICANT, 403),
        (Role.PROGRAMME_MANAGER, 403),
        (Role.FORUM_SECRETARIAT, 200),
        (Role.ADMINISTRATOR, 200),
    ]:
        client.force_login(make_user(role))
        assert client.get(url).status_code == expected, (role, name)


def test_detail_pages_open_for_secretariat(client, secretariat):
    commitment = CommitmentFactory()
    ProgressUpdateFactory(commitment=commitment)
    MilestoneFactory(commitment=commitment)
    client.force_login(secretariat)
    for name, pk in [
        ("forum:commitment_detail", commitment.pk),
        ("forum:stakeholder_detail", commitment.owner.pk),
        ("forum:workstream_detail", commitment.workstream.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 200, name


def test_secretariat_assessment_through_the_page(client, secretariat):
    commitment = CommitmentFactory()
    client.force_login(secretariat)
    url = reverse("forum:commitment_detail", args=[commitment.pk])
    response = client.post(
        url,
        {
            "action": "assess",
            "assess-date": dt.date.today().isoformat(),
            "assess-completion": "substantial",
            "assess-narrative": "Checked.",
        },
    )
    assert response.status_code == 302
    assert _current(commitment).current_source == "assessment"
    response = client.post(
        url,
        {
            "action": "milestone",
            "milestone-title": "Too late",
            "milestone-due_date": (commitment.due_date + dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "cannot be due after its commitment" in response.content.decode()


def test_wagtail_admin_registry_opens_for_secretariat(client, secretariat):
    StakeholderFactory()
    client.force_login(secretariat)
    assert client.get("/admin/forum_stakeholders/").status_code == 200
    assert client.get("/admin/forum_commitments/").status_code == 200


# -- Query counts ---------------------------------------------------------------------------


def _queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "name",
    [
        "forum:dashboard",
        "forum:commitment_list",
        "forum:stakeholder_list",
        "forum:workstream_list",
        "forum:meeting_list",
        "forum:mnr_matrix",
    ],
)
def test_list_query_counts_do_not_grow(client, secretariat, name, django_assert_max_num_queries):
    client.force_login(secretariat)

    def add(n):
        for i in range(n):
            commitment = CommitmentFactory(due_date=TODAY - dt.timedelta(days=i))
            commitment.owner.tags.add("tag")
            ProgressUpdateFactory(commitment=commitment)
            MilestoneFactory(commitment=commitment, due_date=TODAY - dt.timedelta(days=i + 1))
            MNRAssessmentFactory(
                country=["NL", "BE", "FR", "DE", "ES"][i % 5], capability=i % 21 + 1
            )

    add(3)
    few = _queries(client, reverse(name), django_assert_max_num_queries)
    add(20)
    assert _queries(client, reverse(name), django_assert_max_num_queries) == few


# -- MNR ------------------------------------------------------------------------------------


def test_mnr_history_kept_and_latest_is_current(secretariat):
    mnr_record_assessment(
        country="NL",
        capability=15,
        status="developing",
        assessed_on=dt.date(2021, 3, 1),
        evidence="",
        user=secretariat,
    )
    mnr_record_assessment(
        country="NL",
        capability=15,
        status="in_place",
        assessed_on=dt.date(2023, 3, 1),
        evidence="",
        user=secretariat,
    )
    assert MNRAssessment.objects.count() == 2
    assert [a.status for a in MNRAssessment.objects.current()] == ["in_place"]


# -- Excel ----------------------------------------------------------------------------------


def _xlsx(rows, header=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        header
        or [
            "Name",
            "Short name",
            "Country",
            "Category",
            "PIC",
            "Website",
            "WeProtect member since",
            "WeProtect category",
            "WeProtect board seat",
            "EU Internet Forum since",
            "Tags",
        ]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("stakeholders.xlsx", buffer.getvalue())


def test_import_creates_and_updates_without_doubling(secretariat):
    existing = OrganisationFactory(legal_name="Missing Children Europe", country="BE")
    report = stakeholder_import(
        user=secretariat,
        file=_xlsx(
            [
                [
                    "Missing Children Europe",
                    "MCE",
                    "BE",
                    "civil_society",
                    "",
                    "https://missingchildreneurope.eu",
                    dt.date(2018, 1, 1),
                    "civil_society",
                    "no",
                    "",
                    "missing, hotlines",
                ],
                [
                    "Twelve App SAS",
                    "Yubo",
                    "France",
                    "technology_company",
                    "123456789",
                    "",
                    "",
                    "",
                    "",
                    "2021-12-08",
                    "",
                ],
            ]
        ),
    )
    assert report.ok, report.errors
    assert (report.created, report.updated) == (1, 1)
    assert Stakeholder.objects.get(organisation=existing).weprotect_member_since == dt.date(
        2018, 1, 1
    )
    again = stakeholder_import(
        user=secretariat,
        file=_xlsx(
            [
                [
                    "Twelve App SAS (renamed)",
                    "Yubo",
                    "FR",
                    "technology_company",
                    "123456789",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            ]
        ),
    )
    assert (again.created, again.updated) == (0, 1)
    assert (
        Organisation.objects.filter(pic="123456789").get().legal_name == "Twelve App SAS (renamed)"
    )


def test_import_is_all_or_nothing_with_row_errors(secretariat):
    report = stakeholder_import(
        user=secretariat,
        file=_xlsx(
            [
                ["Good Org", "", "BE", "research", "", "", "", "", "", "", ""],
                ["Bad Org", "", "Atlantis", "wizards", "12", "", "31/02/2021", "", "maybe", "", ""],
            ]
        ),
    )
    assert not report.ok
    problems = {(e.row, e.column) for e in report.errors}
    assert {
        (3, "Country"),
        (3, "Category"),
        (3, "PIC"),
        (3, "WeProtect member since"),
        (3, "WeProtect board seat"),
    } <= problems
    assert not Organisation.objects.filter(legal_name="Good Org").exists()


def test_import_refuses_missing_columns_and_non_xlsx(secretariat):
    report = stakeholder_import(user=secretariat, file=_xlsx([["X"]], header=["Name"]))
    assert {e.column for e in report.errors} == {"Country", "Category"}
    fake = SimpleUploadedFile("stakeholders.xlsx", b"Name,Country\nX,BE\n")
    report = stakeholder_import(user=secretariat, file=fake)
    assert "not an Excel" in report.errors[0].problem
    assert not Stakeholder.objects.exists()


def test_import_page_lists_problems(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("forum:stakeholder_import"), {"file": _xlsx([["Org", "", "ZZ", "research"]])}
    )
    assert response.status_code == 400
    assert "is not a known country" in response.content.decode()


def test_template_downloads_and_imports(client, secretariat):
    client.force_login(secretariat)
    content = client.get(reverse("forum:stakeholder_import_template")).content
    report = stakeholder_import(user=secretariat, file=SimpleUploadedFile("t.xlsx", content))
    assert report.ok and report.created == 1


def test_commitment_export(client, make_user, secretariat):
    contact = ContactPersonFactory(email="person@example.eu")
    commitment = CommitmentFactory(owner=contact.stakeholder, title="Exported", due_date=TODAY)
    MilestoneFactory(commitment=commitment, title="Step one", due_date=TODAY)
    ProgressUpdateFactory(
        commitment=commitment, kind="assessment", completion="substantial", narrative="Latest words"
    )
    client.force_login(secretariat)
    response = client.get(reverse("forum:commitment_export"))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Commitments"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["Title"] == "Exported"
    assert row["Due date"].date() == TODAY  # a real date
    assert row["Current completion"] == "Substantial"
    assert row["Latest update"] == "Latest words"
    assert workbook["Milestones"]["C2"].value == "Step one"
    assert "Contacts" not in workbook.sheetnames
    assert "person@example.eu" not in str([c.value for r in sheet.iter_rows() for c in r])
    assert client.get(reverse("forum:commitment_export") + "?contacts=on").status_code == 403
    client.force_login(make_user(Role.ADMINISTRATOR))
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("forum:commitment_export") + "?contacts=on").content)
    )
    assert workbook["Contacts"]["D2"].value == "person@example.eu"


def test_mnr_export(client, secretariat):
    MNRAssessmentFactory(
        country="NL", capability=1, status="developing", assessed_on=dt.date(2021, 1, 1)
    )
    MNRAssessmentFactory(
        country="NL", capability=1, status="in_place", assessed_on=dt.date(2022, 1, 1)
    )
    client.force_login(secretariat)
    workbook = load_workbook(io.BytesIO(client.get(reverse("forum:mnr_export")).content))
    matrix = workbook["Matrix"]
    assert matrix["A2"].value == "Netherlands" and matrix["B2"].value == "In place"
    assert matrix.max_column == 22
    assert workbook["History"].max_row == 3


# -- Public pages ---------------------------------------------------------------------------


def test_public_pages_show_no_personal_data(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    from cms.models import WorkstreamIndexPage, WorkstreamPage
    from cooperation.models import ContactPerson

    index = WorkstreamIndexPage.objects.get()
    pages = [index.url, index.url + "stakeholders/"] + [p.url for p in WorkstreamPage.objects.all()]
    assert len(pages) >= 5
    emails = list(ContactPerson.objects.values_list("email", flat=True))
    names = list(ContactPerson.objects.values_list("name", flat=True))
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not any(e in text for e in emails) and not any(n in text for n in names), url
    stakeholders = client.get(index.url + "stakeholders/").content.decode()
    assert "TikTok" in stakeholders
    euif = WorkstreamPage.objects.get(workstream__name__startswith="EU Internet Forum").url
    assert "Hash-matching" in client.get(euif).content.decode()
