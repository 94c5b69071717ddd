"""A proposal that can no longer be changed (submitted, under evaluation or later,
withdrawn): its section pages show what was submitted, read-only, with the reason and what
the person can do. Nothing on them writes: a POST is refused and changes nothing."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from funding.models import Attachment, Partner, Person, Proposal
from funding.proposals import lifecycle, services, shares
from funding.proposals.permissions import can_read_locked_section, proposal_locked
from funding.proposals.statuses import ProposalStatus
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories_proposals import (
    PDF_BYTES,
    PartnerFactory,
    complete_proposal,
    member_of,
)

pytestmark = pytest.mark.django_db

SECTIONS = ("general", "consortium", "budget", "personnel", "attachments")


@pytest.fixture
def proposal():
    return complete_proposal()


@pytest.fixture
def coordinator(proposal, make_user):
    return member_of(proposal.coordinator, make_user)


@pytest.fixture
def partner(proposal):
    return proposal.partners.exclude(role="coordinator").order_by("pk").first()


@pytest.fixture
def partner_member(partner, make_user):
    return member_of(partner.organisation, make_user)


@pytest.fixture
def submitted(proposal, coordinator, partner):
    """Shared with a partner, a person named, then submitted (submission 1)."""
    partner.proposal = proposal
    shares.partner_share_set(partner=partner, user=coordinator, shared=True)
    proposal.refresh_from_db()
    services.person_add(
        proposal=proposal,
        user=coordinator,
        lock_version=proposal.lock_version,
        partner=partner,
        data={"first_name": "Ilse", "last_name": "Submitted", "role_in_project": "Lead"},
    )
    proposal.refresh_from_db()
    lifecycle.proposal_submit(proposal=proposal, user=coordinator, send_receipt=False)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    return proposal


def url(name, proposal, *args):
    return reverse(f"applicant:{name}", args=[proposal.pk, *args])


def post_forms(body: str) -> list[str]:
    """The action of every POST form in the page's main content."""
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    return re.findall(r'<form method="post"[^>]*action="([^"]*)"', main) + [
        "(no action)" for _ in re.findall(r'<form method="post"(?![^>]*action=)', main)
    ]


def state(proposal):
    """Everything a section could write."""
    proposal = Proposal.objects.get(pk=proposal.pk)
    return (
        proposal.status,
        proposal.lock_version,
        proposal.title,
        sorted(
            Partner.objects.filter(proposal=proposal).values_list(
                "pk", "personnel_costs", "shared_at", "share_completed_at"
            )
        ),
        sorted(Person.objects.filter(proposal=proposal).values_list("pk", "last_name")),
        sorted(Attachment.objects.filter(proposal=proposal).values_list("pk", "removed_at")),
    )


def test_every_section_of_a_submitted_proposal_is_read_only_for_the_coordinator(
    client, submitted, coordinator
):
    client.force_login(coordinator)
    for section in SECTIONS:
        response = client.get(url(section, submitted))
        assert response.status_code == 200, section
        body = response.content.decode()
        assert "Reopen it to make changes" in body, section
        # The one form on the page is the reopen button; nothing else posts.
        assert post_forms(body) == [url("reopen", submitted)], section
        assert 'name="lock_version"' not in body, section
        assert "As submitted on" in body, section


def test_the_sections_show_the_submitted_snapshot_not_the_live_rows(
    client, submitted, coordinator, partner
):
    # Rows changed behind the applicant area's back (as a data fix would): the read-only
    # pages still show what was submitted.
    Proposal.objects.filter(pk=submitted.pk).update(title="Changed after submission")
    Partner.objects.filter(pk=partner.pk).update(personnel_costs=Decimal("1.00"))
    Person.objects.filter(last_name="Submitted").update(last_name="Renamed")
    partner.organisation.short_name = "RENAMED-ORG"
    partner.organisation.save()
    client.force_login(coordinator)
    general = client.get(url("general", submitted)).content.decode()
    assert "Safer investigations of online child sexual abuse" in general
    assert "Changed after submission" not in general
    budget = client.get(url("budget", submitted)).content.decode()
    assert "€200,000" in budget and "RENAMED-ORG" not in budget
    personnel = client.get(url("personnel", submitted)).content.decode()
    assert "Ilse Submitted" in personnel and "Renamed" not in personnel
    consortium = client.get(url("consortium", submitted)).content.decode()
    assert "RENAMED-ORG" not in consortium
    assert partner.organisation.legal_name in consortium


def test_the_attachments_link_to_the_submitted_files_through_the_checked_view(
    client, submitted, coordinator, make_user
):
    client.force_login(coordinator)
    body = client.get(url("attachments", submitted)).content.decode()
    attachment = submitted.attachments.get()
    file_url = url("receipt_file", submitted, 1, attachment.pk)
    assert f'href="{file_url}"' in body
    response = client.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    # Nobody outside the proposal reaches the file.
    client.force_login(member_of(OrganisationFactory(), make_user))
    assert client.get(file_url).status_code == 404


def test_the_partner_member_sees_their_share_read_only_without_a_reopen_button(
    client, submitted, partner_member
):
    client.force_login(partner_member)
    for section in SECTIONS:
        response = client.get(url(section, submitted))
        assert response.status_code == 200, section
        body = response.content.decode()
        assert "only the coordinator can reopen it" in body, section
        assert post_forms(body) == [], section
    budget = client.get(url("budget", submitted)).content.decode()
    assert "€200,000" in budget
    assert "Ilse Submitted" in client.get(url("personnel", submitted)).content.decode()


def test_a_post_to_a_locked_section_is_refused_and_changes_nothing(
    client, submitted, coordinator, partner, partner_member
):
    person = Person.objects.get(last_name="Submitted")
    attachment = submitted.attachments.get()
    before = state(submitted)
    posts = {
        "general": {"title": "Forged", "acronym": "X"},
        "consortium": {"role": "beneficiary", "organisation": partner.organisation_id},
        "budget": {f"personnel_costs_{partner.pk}": "9"},
        "personnel": {"first_name": "A", "last_name": "B", "partner": partner.pk},
        "attachments": {"kind": "annex"},
    }
    for user in (coordinator, partner_member):
        client.force_login(user)
        for section, data in posts.items():
            response = client.post(
                url(section, submitted), {**data, "lock_version": submitted.lock_version}
            )
            assert response.status_code == 403, (section, user)
        for name, item in (
            ("partner_remove", partner.pk),
            ("person_remove", person.pk),
            ("attachment_remove", attachment.pk),
        ):
            response = client.post(url(name, submitted, item), {"lock_version": 1})
            assert response.status_code == 403, name
        response = client.post(url("partner_share", submitted, partner.pk), {"shared": "no"})
        assert response.status_code == 403
    assert state(submitted) == before


def test_after_the_deadline_nobody_is_offered_to_reopen(client, submitted, coordinator):
    topic = submitted.topic
    topic.deadline_at = timezone.now() - dt.timedelta(minutes=1)
    topic.save()
    client.force_login(coordinator)
    body = client.get(url("budget", submitted)).content.decode()
    assert "The deadline has passed" in body
    assert "Reopen" not in body
    assert post_forms(body) == []


def test_under_evaluation_the_sections_say_so_and_name_no_outcome(client, submitted, coordinator):
    for status in (ProposalStatus.UNDER_EVALUATION, ProposalStatus.REJECTED):
        Proposal.objects.filter(pk=submitted.pk).update(status=status)
        client.force_login(coordinator)
        for section in SECTIONS:
            response = client.get(url(section, submitted))
            assert response.status_code == 200, section
            body = response.content.decode()
            assert "is under evaluation and can no longer be changed" in body
            assert "ejected" not in body.split("<main", 1)[1]
            assert post_forms(body) == []


def test_a_withdrawn_draft_shows_what_it_held_and_that_it_was_never_submitted(
    client, proposal, coordinator
):
    lifecycle.proposal_withdraw(proposal=proposal, user=coordinator, reason="No consortium.")
    client.force_login(coordinator)
    for section in SECTIONS:
        body = client.get(url(section, proposal)).content.decode()
        assert "is withdrawn and can no longer be changed" in body, section
        assert "never submitted" in body, section
        assert post_forms(body) == [], section
    attachment = proposal.attachments.get()
    body = client.get(url("attachments", proposal)).content.decode()
    assert f'href="{url("attachment_download", proposal, attachment.pk)}"' in body


def test_the_task_list_of_a_locked_proposal_links_to_the_read_only_sections(
    client, submitted, partner_member
):
    client.force_login(partner_member)
    body = client.get(url("proposal", submitted)).content.decode()
    tasks = body.split('class="task-list"', 1)[1].split("</ul>", 1)[0]
    for section in SECTIONS:
        if section != "personnel":  # the budget task covers budget and personnel
            assert f'href="{url(section, submitted)}"' in tasks, section


def test_outsiders_are_refused_as_before(client, submitted, make_user):
    for section in SECTIONS:
        response = client.get(url(section, submitted))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(member_of(OrganisationFactory(), make_user))
    for section in SECTIONS:
        assert client.get(url(section, submitted)).status_code == 404, section


def test_a_draft_keeps_its_editing_pages_and_refusals(client, proposal, coordinator, make_user):
    client.force_login(coordinator)
    body = client.get(url("general", proposal)).content.decode()
    assert 'name="lock_version"' in body and "As submitted on" not in body
    partner = proposal.partners.exclude(role="coordinator").first()
    client.force_login(member_of(partner.organisation, make_user))
    assert client.get(url("general", proposal)).status_code == 403
    assert client.get(url("budget", proposal)).status_code == 403  # not shared yet


@pytest.fixture
def french():
    """The test's addresses are reversed in French (/fr/…), so its pages answer in French."""
    with translation.override("fr"):
        yield


def test_the_read_only_notice_in_french(client, submitted, coordinator, french):
    client.force_login(coordinator)
    body = client.get(url("budget", submitted)).content.decode()
    assert "Tel que soumis le" in body
    assert "Rouvrez-la pour la modifier" in body


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_read_only_sections_answer_in_as_many_queries_with_more_partners(
    client, submitted, coordinator
):
    client.force_login(coordinator)
    few = {section: _queries(client, url(section, submitted)) for section in SECTIONS}
    lifecycle.proposal_reopen(proposal=submitted, user=coordinator)
    for country in ("DE", "FR", "IT", "PT", "AT"):
        partner = PartnerFactory(
            proposal=submitted,
            organisation=OrganisationFactory(country=country),
            personnel_costs=Decimal("1000.00"),
        )
        Person.objects.create(
            proposal=submitted, partner=partner, first_name="A", last_name=country
        )
    submitted.refresh_from_db()
    lifecycle.proposal_submit(proposal=submitted, user=coordinator, send_receipt=False)
    many = {section: _queries(client, url(section, submitted)) for section in SECTIONS}
    assert many == few
    budget = client.get(url("budget", submitted)).content.decode()
    assert "submission 2." in budget and budget.count("€1,000") >= 5


def test_the_read_only_rule_as_a_pure_verdict(
    proposal, coordinator, partner_member, make_user, submitted
):
    unrelated = member_of(OrganisationFactory(), make_user)
    assert proposal_locked(submitted)
    for user in (coordinator, partner_member):
        assert can_read_locked_section(user, submitted)
    refused = can_read_locked_section(unrelated, submitted)
    assert not refused and "not a member" in refused.reason
    assert not can_read_locked_section(AnonymousUser(), submitted)
    draft = complete_proposal()
    assert not proposal_locked(draft)
    refused = can_read_locked_section(member_of(draft.coordinator, make_user), draft)
    assert not refused and "draft" in refused.reason
