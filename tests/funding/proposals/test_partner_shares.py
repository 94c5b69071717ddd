"""Consortium work: the coordinator shares a proposal with a partner; the partner's members
fill their own budget lines and personnel, nobody else's; the coordinator alone submits,
reopens and withdraws. The proposal page lists the sections with their completion."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse

from funding.models import Partner, Person, Proposal
from funding.proposals import services, shares
from funding.proposals.eligibility import check_proposal
from funding.proposals.permissions import (
    can_edit_partner_share,
    can_edit_shares,
    can_share_with_partner,
)
from funding.proposals.progress import Completion, proposal_tasks, share_completion
from funding.proposals.statuses import ProposalStatus
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories_proposals import complete_proposal, member_of

pytestmark = pytest.mark.django_db


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
def other_partner(proposal, partner):
    return proposal.partners.exclude(role="coordinator").exclude(pk=partner.pk).first()


@pytest.fixture
def partner_member(partner, make_user):
    return member_of(partner.organisation, make_user)


def share(partner, coordinator):
    return shares.partner_share_set(partner=partner, user=coordinator, shared=True)


def budget_data(proposal, partner, **values):
    data = {"lock_version": proposal.lock_version}
    for field in services.BUDGET_FIELDS:
        data[f"{field}_{partner.pk}"] = values.get(field, "0")
    if values.get("complete"):
        data[f"complete_{partner.pk}"] = "on"
    return data


# --- the rules, as pure verdicts ----------------------------------------------------------


def test_the_share_rules_for_each_kind_of_user(
    proposal, coordinator, partner, other_partner, partner_member, make_user
):
    unrelated = member_of(OrganisationFactory(), make_user)
    anonymous = AnonymousUser()
    partner.proposal = other_partner.proposal = proposal
    # Before sharing: the coordinator may, the partner's member is told to ask for it.
    assert can_edit_partner_share(coordinator, partner)
    refused = can_edit_partner_share(partner_member, partner)
    assert not refused and "not shared" in refused.reason
    assert not can_edit_shares(partner_member, proposal)
    share(partner, coordinator)
    partner.refresh_from_db()
    partner.proposal = proposal
    assert can_edit_partner_share(partner_member, partner)
    assert can_edit_shares(partner_member, proposal)
    # Never another organisation's lines, nor for an unrelated member or anonymous.
    assert not can_edit_partner_share(partner_member, other_partner)
    assert not can_edit_partner_share(unrelated, partner)
    assert not can_edit_shares(unrelated, proposal)
    assert not can_edit_shares(anonymous, proposal)
    # Only the coordinator shares.
    assert can_share_with_partner(coordinator, partner)
    assert not can_share_with_partner(partner_member, partner)
    coordinator_partner = proposal.partners.get(role="coordinator")
    assert not can_share_with_partner(coordinator, coordinator_partner)


def test_nothing_changes_once_submitted(proposal, coordinator, partner, partner_member):
    share(partner, coordinator)
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.SUBMITTED)
    proposal.refresh_from_db()
    partner.refresh_from_db()
    partner.proposal = proposal
    verdict = can_edit_partner_share(partner_member, partner)
    assert not verdict and "submitted" in verdict.reason


# --- the pages ------------------------------------------------------------------------------


def test_a_partner_member_fills_only_their_own_lines(
    client, proposal, coordinator, partner, other_partner, partner_member
):
    share(partner, coordinator)
    client.force_login(partner_member)
    url = reverse("applicant:budget", args=[proposal.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert [p.pk for p in form.partners] == [partner.pk]
    response = client.post(
        url, budget_data(proposal, partner, personnel_costs="123456.78", complete=True)
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.personnel_costs == Decimal("123456.78")
    assert partner.share_completed_at is not None
    # A forged field for another partner's line is ignored: the form has no such field.
    before = other_partner.personnel_costs
    proposal.refresh_from_db()
    data = budget_data(proposal, partner, personnel_costs="1.00")
    data[f"personnel_costs_{other_partner.pk}"] = "999.00"
    client.post(url, data)
    other_partner.refresh_from_db()
    assert other_partner.personnel_costs == before


def test_the_service_refuses_another_partners_line(
    proposal, coordinator, partner, other_partner, partner_member
):
    share(partner, coordinator)
    line = dict.fromkeys(services.BUDGET_FIELDS, Decimal("5.00"))
    with pytest.raises(services.ProposalError):
        services.budget_update(
            proposal=proposal,
            user=partner_member,
            lock_version=proposal.lock_version,
            lines={other_partner.pk: line},
        )
    other_partner.refresh_from_db()
    assert other_partner.personnel_costs != Decimal("5.00")


def test_a_partner_member_names_their_people_and_removes_only_theirs(
    client, proposal, coordinator, partner, other_partner, partner_member
):
    share(partner, coordinator)
    theirs = services.person_add(
        proposal=proposal,
        user=coordinator,
        lock_version=proposal.lock_version,
        partner=other_partner,
        data={"first_name": "Ana", "last_name": "Other"},
    )
    client.force_login(partner_member)
    url = reverse("applicant:personnel", args=[proposal.pk])
    page = client.get(url)
    assert list(page.context["form"].fields["partner"].queryset) == [partner]
    proposal.refresh_from_db()
    response = client.post(
        url,
        {
            "lock_version": proposal.lock_version,
            "partner": partner.pk,
            "first_name": "Eva",
            "last_name": "Mine",
        },
    )
    assert response.status_code == 302
    assert Person.objects.filter(partner=partner, last_name="Mine").exists()
    # Another partner's person: the POST is refused and nothing is removed.
    proposal.refresh_from_db()
    client.post(
        reverse("applicant:person_remove", args=[proposal.pk, theirs.pk]),
        {"lock_version": proposal.lock_version},
    )
    assert Person.objects.filter(pk=theirs.pk).exists()
    # A person of another partner cannot be added through a forged choice either.
    proposal.refresh_from_db()
    response = client.post(
        url,
        {
            "lock_version": proposal.lock_version,
            "partner": other_partner.pk,
            "first_name": "Forged",
            "last_name": "Entry",
        },
    )
    assert response.status_code == 200 and not Person.objects.filter(last_name="Entry").exists()
    assert response.context["form"].data["first_name"] == "Forged"  # what was typed is kept


def test_before_sharing_the_partner_member_reads_the_budget_with_the_reason(
    client, proposal, partner_member
):
    client.force_login(partner_member)
    response = client.get(reverse("applicant:budget", args=[proposal.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "not shared" in body and 'name="lock_version"' not in body
    # Saving is still refused.
    response = client.post(
        reverse("applicant:budget", args=[proposal.pk]), {"lock_version": proposal.lock_version}
    )
    assert response.status_code == 403


def test_only_the_coordinator_submits_reopens_withdraws_and_shares(
    client, proposal, coordinator, partner, partner_member
):
    share(partner, coordinator)
    client.force_login(partner_member)
    for name in ("submit", "reopen", "withdraw", "general", "consortium", "attachments"):
        response = client.post(
            reverse(f"applicant:{name}", args=[proposal.pk]),
            {"reason": "x", "lock_version": proposal.lock_version},
        )
        assert response.status_code == 403, name
    response = client.post(
        reverse("applicant:partner_share", args=[proposal.pk, partner.pk]), {"shared": "no"}
    )
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.shared_at is not None
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT


def test_the_coordinator_shares_and_takes_back_through_the_consortium_page(
    client, proposal, coordinator, partner
):
    client.force_login(coordinator)
    url = reverse("applicant:partner_share", args=[proposal.pk, partner.pk])
    assert client.post(url, {"shared": "yes"}).status_code == 302
    partner.refresh_from_db()
    assert partner.shared_at is not None
    page = client.get(reverse("applicant:consortium", args=[proposal.pk])).content.decode()
    assert "Stop sharing with" in page
    client.post(url, {"shared": "no"})
    partner.refresh_from_db()
    assert partner.shared_at is None


def test_a_stale_budget_form_of_a_partner_is_refused_and_keeps_what_was_typed(
    client, proposal, coordinator, partner, partner_member
):
    share(partner, coordinator)
    client.force_login(partner_member)
    data = budget_data(proposal, partner, personnel_costs="777.00")
    Proposal.objects.filter(pk=proposal.pk).update(lock_version=proposal.lock_version + 1)
    response = client.post(reverse("applicant:budget", args=[proposal.pk]), data)
    assert response.status_code == 409
    assert response.context["form"].data[f"personnel_costs_{partner.pk}"] == "777.00"
    partner.refresh_from_db()
    assert partner.personnel_costs != Decimal("777.00")


# --- the task list --------------------------------------------------------------------------


def test_the_task_list_shows_each_sections_completion(client, proposal, coordinator, partner):
    client.force_login(coordinator)
    tasks = client.get(reverse("applicant:proposal", args=[proposal.pk])).context["tasks"]
    by_label = {str(task.label): task.completion for task in tasks}
    assert by_label["General information"] == Completion.COMPLETE
    assert by_label["Consortium"] == Completion.COMPLETE
    assert by_label["Attachments"] == Completion.COMPLETE
    assert by_label[f"Budget and personnel of {partner.organisation}"] == Completion.IN_PROGRESS
    Partner.objects.filter(pk=partner.pk).update(personnel_costs=0)
    partner.refresh_from_db()
    assert share_completion(partner) == Completion.NOT_STARTED
    share(partner, coordinator)
    proposal.refresh_from_db()
    services.budget_update(
        proposal=proposal,
        user=coordinator,
        lock_version=proposal.lock_version,
        lines={
            partner.pk: {
                **dict.fromkeys(services.BUDGET_FIELDS, Decimal("10.00")),
                "complete": True,
            }
        },
    )
    page = client.get(reverse("applicant:proposal", args=[proposal.pk]))
    row = next(t for t in page.context["tasks"] if t.partner and t.partner.pk == partner.pk)
    assert row.completion == Completion.COMPLETE
    assert 'data-completion="complete"' in page.content.decode()


def test_the_partner_member_sees_the_task_list_and_every_tab_but_the_actions(
    client, proposal, coordinator, partner, partner_member
):
    share(partner, coordinator)
    client.force_login(partner_member)
    page = client.get(reverse("applicant:proposal", args=[proposal.pk])).content.decode()
    assert 'class="task-list"' in page
    assert reverse("applicant:budget", args=[proposal.pk]) in page
    # The coordinator's sections are linked: read-only pages of the live draft.
    assert reverse("applicant:general", args=[proposal.pk]) in page
    assert reverse("applicant:submit", args=[proposal.pk]) not in page


def test_an_applicant_account_of_an_unrelated_organisation_gets_404(
    client, proposal, partner, coordinator, make_user
):
    share(partner, coordinator)
    client.force_login(member_of(OrganisationFactory(), make_user))
    for name in ("budget", "personnel"):
        assert client.get(reverse(f"applicant:{name}", args=[proposal.pk])).status_code == 404
    url = reverse("applicant:partner_share", args=[proposal.pk, partner.pk])
    assert client.post(url, {"shared": "no"}).status_code == 404
    client.logout()
    response = client.post(url, {"shared": "no"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_section_the_check_finds_a_problem_in_is_not_complete(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(duration_months=999)
    proposal.refresh_from_db()
    partners = list(proposal.partners.select_related("organisation"))
    attachments = list(proposal.attachments.all())
    tasks = proposal_tasks(
        proposal,
        partners=partners,
        attachments=attachments,
        problems=check_proposal(proposal, partners=partners, attachments=attachments),
    )
    assert tasks[0].completion == Completion.IN_PROGRESS


def test_sharing_tells_the_partners_members_once_with_an_absolute_link(
    client, proposal, coordinator, partner, partner_member, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = reverse("applicant:partner_share", args=[proposal.pk, partner.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"shared": "yes"})
        client.post(url, {"shared": "yes"})  # already shared: nobody is told again
    assert [m.to for m in mail.outbox] == [[partner_member.email]]
    budget = reverse("applicant:budget", args=[proposal.pk])
    assert f"http://testserver{budget}" in mail.outbox[0].body
    assert proposal.number in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"shared": "no"})
        client.post(url, {"shared": "yes"})  # shared again after taking it back: told again
    assert len(mail.outbox) == 2


def test_the_partners_dashboard_says_what_is_theirs_to_do(client, proposal, partner_member):
    client.force_login(partner_member)
    page = client.get(reverse("applicant:dashboard")).content.decode()
    assert "fill your organisation&#x27;s share; the coordinator submits" in page
