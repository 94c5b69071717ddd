"""Submitting and withdrawing cannot be undone: each has a confirmation page that says what
will happen and changes nothing; only its "Yes, …" button acts."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from funding.models import Attachment, Proposal, ProposalSubmission
from funding.proposals.statuses import ProposalStatus
from tests.funding.factories_proposals import complete_proposal, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def french():
    """The test's addresses are reversed in French (/fr/…), so its pages answer in French."""
    with translation.override("fr"):
        yield


@pytest.fixture
def proposal():
    return complete_proposal()


@pytest.fixture
def coordinator_client(client, proposal, make_user):
    client.force_login(member_of(proposal.coordinator, make_user))
    return client


def _unchanged(proposal) -> tuple:
    fresh = Proposal.objects.get(pk=proposal.pk)
    return fresh.status, fresh.lock_version, fresh.status_changes.count()


def test_the_proposal_page_links_to_the_confirmation_pages(coordinator_client, proposal):
    body = coordinator_client.get(reverse("applicant:proposal", args=[proposal.pk])).content
    body = body.decode()
    submit = reverse("applicant:submit", args=[proposal.pk])
    withdraw = reverse("applicant:withdraw", args=[proposal.pk])
    # Links, not buttons that act: nothing irreversible happens in one click.
    assert f'<a class="button" href="{submit}">Submit the proposal</a>' in body
    assert f'action="{submit}"' not in body and f'action="{withdraw}"' not in body
    # Withdrawing is offered apart, after the main actions, and not as the primary button.
    assert f'<a class="button button--warning" href="{withdraw}">' in body
    assert body.index(submit) < body.index('class="withdrawal"') < body.index(withdraw)


def test_the_submit_page_says_what_happens_and_changes_nothing(
    coordinator_client, proposal, django_capture_on_commit_callbacks
):
    before = _unchanged(proposal)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.get(reverse("applicant:submit", args=[proposal.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Submit {proposal.number} {proposal.acronym}?" in body
    assert "checksum (SHA-256)" in body and "A submission cannot be taken back." in body
    assert '<button type="submit" class="button">Yes, submit the proposal</button>' in body
    assert f'href="{reverse("applicant:proposal", args=[proposal.pk])}">Cancel</a>' in body
    assert _unchanged(proposal) == before
    assert not ProposalSubmission.objects.exists() and mail.outbox == []


def test_yes_on_the_submit_page_submits(
    coordinator_client, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("applicant:submit", args=[proposal.pk]))
    assert response["Location"] == reverse("applicant:receipt", args=[proposal.pk, 1])
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.SUBMITTED
    assert len(mail.outbox) == 1


def test_the_submit_page_of_an_incomplete_proposal_lists_what_to_fix(coordinator_client, proposal):
    Attachment.objects.filter(proposal=proposal).delete()
    body = coordinator_client.get(reverse("applicant:submit", args=[proposal.pk])).content.decode()
    assert "to fix before you can submit" in body
    assert "Yes, submit the proposal" not in body


def test_the_withdraw_page_asks_the_reason_and_changes_nothing(coordinator_client, proposal):
    before = _unchanged(proposal)
    response = coordinator_client.get(reverse("applicant:withdraw", args=[proposal.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Withdraw {proposal.number} {proposal.acronym}?" in body
    assert "This cannot be undone." in body and "cannot be funded" in body
    assert "Why do you withdraw the proposal?" in body
    assert 'class="button button--danger">Yes, withdraw the proposal</button>' in body
    assert _unchanged(proposal) == before


def test_withdrawing_without_a_reason_asks_it_again_on_the_page(coordinator_client, proposal):
    url = reverse("applicant:withdraw", args=[proposal.pk])
    response = coordinator_client.post(url, {"reason": "  "})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please give a reason for withdrawing." in body and "Yes, withdraw" in body
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT
    coordinator_client.post(url, {"reason": "The consortium could not agree."})
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.WITHDRAWN


def test_a_withdrawn_proposal_offers_neither_page(coordinator_client, proposal):
    coordinator_client.post(
        reverse("applicant:withdraw", args=[proposal.pk]), {"reason": "Merged with another."}
    )
    for name in ("applicant:submit", "applicant:withdraw"):
        body = coordinator_client.get(reverse(name, args=[proposal.pk])).content.decode()
        assert "Yes, " not in body
        assert "cannot be" in body


def test_reopening_stays_post_only(coordinator_client, proposal):
    response = coordinator_client.get(reverse("applicant:reopen", args=[proposal.pk]))
    assert response.status_code == 405 and response["Allow"] == "POST, OPTIONS"


def test_the_confirmation_pages_speak_french(coordinator_client, proposal, french):
    body = coordinator_client.get(reverse("applicant:submit", args=[proposal.pk])).content
    body = body.decode()
    assert f"Soumettre {proposal.number} {proposal.acronym} ?" in body
    assert "Oui, soumettre la proposition" in body and "Annuler" in body
    body = coordinator_client.get(reverse("applicant:withdraw", args=[proposal.pk])).content
    body = body.decode()
    assert "Cette action est irréversible." in body and "Oui, retirer la proposition" in body
