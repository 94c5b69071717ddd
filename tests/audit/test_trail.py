import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.accounts.roles import Role
from funding.models import (
    DeliverableSubmission,
    ProjectStatusChange,
    ProposalStatusChange,
    ReviewDecision,
)
from tests.cooperation.factories_forum import CommitmentFactory, ProgressUpdateFactory
from tests.funding.factories_portfolio import DeliverableFactory, FundedProjectFactory
from tests.funding.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db
URL = reverse("audit:list")


def proposal_change(by, *, at=None, reason="Submitted before the deadline"):
    return ProposalStatusChange.objects.create(
        proposal=ProposalFactory(acronym="AUDIT-P"),
        action="submit",
        from_status="draft",
        to_status="submitted",
        changed_by=by,
        changed_at=at or timezone.now(),
        reason=reason,
    )


def project_change(by, *, at=None):
    return ProjectStatusChange.objects.create(
        project=FundedProjectFactory(acronym="AUDIT-G"),
        from_status="ongoing",
        to_status="suspended",
        changed_by=by,
        changed_at=at or timezone.now(),
        reason="Audit findings on the second payment",
    )


def commitment_updates(by):
    commitment = CommitmentFactory(title="Hash sharing between hotlines")
    first = ProgressUpdateFactory(commitment=commitment, completion="limited", reported_by=by)
    second = ProgressUpdateFactory(
        commitment=commitment, completion="substantial", reported_by=by, narrative="Now daily"
    )
    return first, second


@pytest.fixture
def history(make_user):
    manager = make_user(Role.PROGRAMME_MANAGER, email="pm@commission.example.eu")
    secretariat = make_user(Role.FORUM_SECRETARIAT, email="sec@forum.example.eu")
    proposal_change(manager)
    project_change(manager)
    commitment_updates(secretariat)
    return manager, secretariat


def test_anonymous_visitors_sign_in_and_other_roles_are_refused(client, make_user, history):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for role in (Role.APPLICANT, Role.EXPERT, Role.EDITOR):
        client.force_login(make_user(role))
        response = client.get(URL)
        assert response.status_code == 403
        assert "audit trail is for" in response.content.decode()


def test_a_programme_manager_reads_proposals_and_projects_only(client, history):
    manager, _secretariat = history
    client.force_login(manager)
    page = client.get(URL).content.decode()
    assert "AUDIT-P" in page and "AUDIT-G" in page
    assert "Submitted before the deadline" in page and "pm@commission.example.eu" in page
    assert "Hash sharing between hotlines" not in page
    assert "Ongoing" in page and "Suspended" in page


def test_the_secretariat_reads_commitments_with_the_previous_level(client, history):
    _manager, secretariat = history
    client.force_login(secretariat)
    response = client.get(URL)
    page = response.content.decode()
    assert "AUDIT-P" not in page and "AUDIT-G" not in page
    newest = response.context["entries"][0]
    assert newest["entity"] == "Hash sharing between hotlines"
    assert (newest["from_label"], newest["to_label"]) == ("Limited", "Substantial")
    assert newest["note"] == "Now daily"
    assert response.context["entries"][1]["from_label"] == "—"


def test_an_administrator_reads_everything_and_filters(client, make_user, history):
    client.force_login(make_user(Role.ADMINISTRATOR))
    assert client.get(URL).context["page_obj"].paginator.count == 4
    assert [e["source"] for e in client.get(URL, {"kind": "project"}).context["entries"]] == [
        "project"
    ]
    by_who = client.get(URL, {"who": "sec@forum"}).context["entries"]
    assert {e["source"] for e in by_who} == {"commitment"} and len(by_who) == 2
    assert client.get(URL, {"q": "audit-p"}).context["page_obj"].paginator.count == 1
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert client.get(URL, {"since": tomorrow}).context["page_obj"].paginator.count == 0


def test_a_bad_filter_value_shows_the_error_not_a_crash(client, history):
    client.force_login(history[0])
    response = client.get(URL, {"since": "not-a-date", "kind": "<script>"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0
    assert "<script>" not in response.content.decode()


def test_the_list_is_paginated_newest_first(client, make_user):
    manager = make_user(Role.PROGRAMME_MANAGER)
    start = timezone.now() - dt.timedelta(days=100)
    for day in range(60):
        project_change(manager, at=start + dt.timedelta(days=day))
    client.force_login(manager)
    first = client.get(URL).context
    assert len(first["entries"]) == 50 and first["page_obj"].paginator.num_pages == 2
    times = [e["at"] for e in first["entries"]]
    assert times == sorted(times, reverse=True)
    assert len(client.get(URL, {"page": 2}).context["entries"]) == 10


@pytest.mark.parametrize("rows", [3, 30])
def test_the_query_count_does_not_grow_with_rows(
    client, make_user, django_assert_max_num_queries, rows
):
    admin = make_user(Role.ADMINISTRATOR)
    for _ in range(rows):
        proposal_change(admin)
        project_change(admin)
    commitment_updates(admin)
    client.force_login(admin)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200


def test_reviews_of_submissions_are_in_the_trail(client, make_user):
    manager = make_user(Role.PROGRAMME_MANAGER, email="pm@commission.example.eu")
    project = FundedProjectFactory(acronym="AUDIT-R")
    deliverable = DeliverableFactory(project=project, code="D2.1")
    submission = DeliverableSubmission.objects.create(
        deliverable=deliverable,
        version=1,
        original_name="d.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        submitted_by=manager,
        submitted_at=timezone.now(),
    )
    ReviewDecision.objects.create(
        deliverable_submission=submission,
        action="request_changes",
        from_status="submitted",
        to_status="changes_requested",
        changed_by=manager,
        changed_at=timezone.now(),
        reason="Add the annex",
    )
    client.force_login(manager)
    (entry,) = client.get(URL, {"kind": "review"}).context["entries"]
    assert entry["entity"] == "AUDIT-R D2.1 v1"
    assert (entry["from_label"], entry["to_label"]) == ("Waiting for review", "Changes requested")
    assert entry["note"] == "Add the annex"
