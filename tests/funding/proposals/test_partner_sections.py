"""A partner's member on a draft: every link on their proposal pages answers 200. The
coordinator's sections (general information, consortium, attachments), and the budget and
personnel before the proposal is shared with their organisation, are shown read-only with
the draft's live values, marked as the current draft, with why they cannot change them."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.languages import localized_path
from funding.proposals import shares
from tests.funding.factories_proposals import complete_proposal, member_of
from tests.walk import walk

pytestmark = pytest.mark.django_db

SECTIONS = ("general", "consortium", "budget", "personnel", "attachments")


@pytest.fixture
def proposal():
    return complete_proposal(title="A draft the partners read")


@pytest.fixture
def coordinator(proposal, make_user):
    return member_of(proposal.coordinator, make_user)


def partners(proposal):
    return list(proposal.partners.exclude(role="coordinator").order_by("pk"))


@pytest.fixture
def shared_member(proposal, coordinator, make_user):
    partner = partners(proposal)[0]
    partner.proposal = proposal
    shares.partner_share_set(partner=partner, user=coordinator, shared=True)
    return member_of(partner.organisation, make_user)


@pytest.fixture
def unshared_member(proposal, make_user):
    return member_of(partners(proposal)[1].organisation, make_user)


def proposal_walk(client, proposal, language="en") -> dict[str, tuple]:
    """Every link of the proposal's pages, followed from its overview."""
    start = localized_path(reverse("applicant:proposal", args=[proposal.pk]), language)
    return walk(client, [start], (localized_path("/applicant/", language),))


@pytest.mark.parametrize("who", ["shared_member", "unshared_member"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_link_on_a_partner_members_proposal_pages_answers_200(
    client, proposal, who, language, request
):
    client.force_login(request.getfixturevalue(who))
    seen = proposal_walk(client, proposal, language)
    wrong = {path: answer for path, answer in seen.items() if answer[0] != 200}
    assert wrong == {}
    # The walk did reach every section.
    for section in SECTIONS:
        path = localized_path(reverse(f"applicant:{section}", args=[proposal.pk]), language)
        assert path in seen, section


def test_the_coordinators_sections_are_the_live_draft_read_only(client, proposal, shared_member):
    client.force_login(shared_member)
    for section in ("general", "consortium", "attachments"):
        body = client.get(reverse(f"applicant:{section}", args=[proposal.pk])).content.decode()
        main = body.split("<main", 1)[1]
        assert "This is the current draft" in main, section
        assert "Only members of the coordinating organisation" in main, section
        assert 'name="lock_version"' not in main, section
        assert not re.search(r'<form method="post"', main), section
    general = client.get(reverse("applicant:general", args=[proposal.pk])).content.decode()
    assert "A draft the partners read" in general
    # Changed now, read now: the draft's live value, not a snapshot.
    type(proposal).objects.filter(pk=proposal.pk).update(title="Retitled by the coordinator")
    general = client.get(reverse("applicant:general", args=[proposal.pk])).content.decode()
    assert "Retitled by the coordinator" in general


def test_a_shared_member_still_edits_their_budget(client, proposal, shared_member):
    client.force_login(shared_member)
    body = client.get(reverse("applicant:budget", args=[proposal.pk])).content.decode()
    assert 'name="lock_version"' in body and "This is the current draft" not in body


def test_before_sharing_the_budget_says_to_ask_the_coordinator(client, proposal, unshared_member):
    client.force_login(unshared_member)
    for section in ("budget", "personnel"):
        body = client.get(reverse(f"applicant:{section}", args=[proposal.pk])).content.decode()
        assert "has not shared this proposal with your organisation" in body, section
        assert 'name="lock_version"' not in body, section


def test_the_draft_notice_in_french(client, proposal, shared_member):
    client.force_login(shared_member)
    with translation.override("fr"):
        path = reverse("applicant:general", args=[proposal.pk])
    body = client.get(path).content.decode()
    assert "Ceci est le brouillon actuel" in body


def test_a_partners_post_to_the_coordinators_section_is_still_refused(
    client, proposal, shared_member
):
    client.force_login(shared_member)
    response = client.post(
        reverse("applicant:general", args=[proposal.pk]),
        {"title": "Hijacked", "lock_version": proposal.lock_version},
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.title == "A draft the partners read"


def test_the_coordinator_still_edits_every_section(client, proposal, coordinator):
    client.force_login(coordinator)
    for section in SECTIONS:
        body = client.get(reverse(f"applicant:{section}", args=[proposal.pk])).content.decode()
        assert "This is the current draft" not in body, section
        assert 'name="lock_version"' in body, section
