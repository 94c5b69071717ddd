"""Every filter of every list, public and staff, answers bad values with a page — never a 500.

Each list page (and the exports and dashboards that take the same filters) gets, filter by
filter, values a person or a crawler can send: out-of-range years and dates, huge and
negative numbers, ids that do not exist or overflow the database's integers, text where a
number is expected, control characters.
"""

import pytest

from audit.trail import AuditFilter
from cooperation.accounts.roles import Role
from cooperation.forum.filters import (
    CommitmentFilter,
    MeetingFilter,
    MNRFilter,
    StakeholderFilter,
    WorkstreamFilter,
)
from cooperation.forum.filters_reminders import OwnerReminderFilter
from cooperation.organisations.filters import MyOrganisationFilter
from funding.calls.filters import CallFilter
from funding.evaluation.filters import ExpertAssignmentFilter, TopicProposalFilter
from funding.portfolio.filters import PortfolioFilter, PublicProjectFilter
from funding.portfolio.filters_records import (
    DeliverableFilter,
    ParticipantFilter,
    PaymentFilter,
    ReportingPeriodFilter,
)
from funding.proposals.filters import ApplicantProposalFilter
from funding.reporting.filters import (
    BeneficiaryProjectFilter,
    DeliverableReviewFilter,
    ReportReviewFilter,
)
from tests.cms.factories import add_child, call_page, home  # noqa: F401
from tests.cooperation.factories_forum import CommitmentFactory, MNRAssessmentFactory
from tests.funding.factories import TopicFactory
from tests.funding.factories_portfolio import project_with_consortium

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    "0",
    "-1",
    "10000",
    "99999999999999999999",
    "1e309",
    "-0.5",
    "NaN",
    "abc",
    "2024-13-45",
    "0001-01-01",
    "9999-12-31",
    "\x00",
    "x" * 3000,
]

# (address, who asks, the FilterSet whose fields it reads)
LISTS = [
    ("/calls/", None, CallFilter),
    ("/projects/", None, PublicProjectFilter),
    ("/applicant/", Role.APPLICANT, ApplicantProposalFilter),
    ("/organisations/", Role.APPLICANT, MyOrganisationFilter),
    ("/expert/", Role.EXPERT, ExpertAssignmentFilter),
    ("/staff/evaluation/topics/{topic}/", Role.PROGRAMME_MANAGER, TopicProposalFilter),
    ("/staff/portfolio/", Role.PROGRAMME_MANAGER, PortfolioFilter),
    ("/staff/portfolio/dashboard/", Role.PROGRAMME_MANAGER, PortfolioFilter),
    ("/staff/portfolio/export.xlsx", Role.PROGRAMME_MANAGER, PortfolioFilter),
    ("/staff/portfolio/participants/", Role.PROGRAMME_MANAGER, ParticipantFilter),
    ("/staff/portfolio/payments/", Role.PROGRAMME_MANAGER, PaymentFilter),
    ("/staff/portfolio/deliverables/", Role.PROGRAMME_MANAGER, DeliverableFilter),
    ("/staff/portfolio/periods/", Role.PROGRAMME_MANAGER, ReportingPeriodFilter),
    ("/applicant/projects/", Role.APPLICANT, BeneficiaryProjectFilter),
    ("/staff/portfolio/reviews/deliverables/", Role.PROGRAMME_MANAGER, DeliverableReviewFilter),
    ("/staff/portfolio/reviews/reports/", Role.PROGRAMME_MANAGER, ReportReviewFilter),
    ("/staff/audit/", Role.ADMINISTRATOR, AuditFilter),
    ("/forum/stakeholders/", Role.FORUM_SECRETARIAT, StakeholderFilter),
    ("/forum/workstreams/", Role.FORUM_SECRETARIAT, WorkstreamFilter),
    ("/forum/meetings/", Role.FORUM_SECRETARIAT, MeetingFilter),
    ("/forum/commitments/", Role.FORUM_SECRETARIAT, CommitmentFilter),
    ("/forum/commitments/export.xlsx", Role.FORUM_SECRETARIAT, CommitmentFilter),
    ("/forum/reminders/", Role.FORUM_SECRETARIAT, OwnerReminderFilter),
    ("/forum/mnr/", Role.FORUM_SECRETARIAT, MNRFilter),
    ("/forum/mnr/export.xlsx", Role.FORUM_SECRETARIAT, MNRFilter),
]


@pytest.fixture
def records(home):  # noqa: F811
    from cms.models import CallIndexPage, ProjectIndexPage

    topic = TopicFactory()
    calls = add_child(home, CallIndexPage(title="Funding calls", slug="calls"))
    call_page(calls, topic.call)
    add_child(home, ProjectIndexPage(title="Funded projects", slug="projects"))
    project_with_consortium()
    CommitmentFactory()
    MNRAssessmentFactory()
    return {"topic": topic.pk}


@pytest.mark.parametrize(
    ("address", "role", "filterset"), LISTS, ids=[address for address, *_ in LISTS]
)
def test_no_filter_value_answers_500(client, make_user, records, address, role, filterset):
    client.raise_request_exception = False  # count every 500, do not stop at the first
    if role is not None:
        client.force_login(make_user(role))
    url = address.format(**records)
    failures = []
    for name in [*filterset.base_filters, "page"]:
        for value in BAD_VALUES:
            response = client.get(url, {name: value})
            if response.status_code >= 500:
                failures.append(f"{name}={value[:20]!r}: {response.status_code}")
    assert failures == []


def test_an_out_of_range_year_is_explained_not_ignored(client, records):
    response = client.get("/projects/", {"start_year": "0"})
    assert response.status_code == 200
    assert "not recognised" in response.content.decode()


def test_a_bad_filter_exports_what_the_list_shows_nothing_more(client, make_user, records):
    import io

    from openpyxl import load_workbook

    client.force_login(make_user(Role.PROGRAMME_MANAGER))
    listed = client.get("/staff/portfolio/", {"start_year": "0"})
    assert "greater than or equal to 1900" in listed.content.decode()
    assert list(listed.context["projects"]) == []
    exported = client.get("/staff/portfolio/export.xlsx", {"start_year": "0"})
    sheet = load_workbook(io.BytesIO(b"".join(exported.streaming_content)))["Projects"]
    assert sheet.max_row == 1  # the header alone
    everything = client.get("/staff/portfolio/export.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(everything.streaming_content)))["Projects"]
    assert sheet.max_row == 2
