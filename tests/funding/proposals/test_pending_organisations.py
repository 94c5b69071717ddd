"""An organisation typed into a consortium is pending: seen through that proposal only,
never offered in another applicant's registry drop-down, until its own people register it
(registering claims the pending entry, and its proposals keep it)."""

import pytest
from django.urls import reverse

from cooperation.models import Membership, Organisation
from cooperation.organisations.models import MembershipRole
from funding.evaluation.forms import ExpertProfileForm
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories_proposals import ProposalFactory, member_of

pytestmark = pytest.mark.django_db

NEW = {
    "role": "beneficiary",
    "legal_name": "Stichting Offlimits",
    "short_name": "Offlimits",
    "country": "nl",
    "organisation_type": "CSO",
    "pic": "912345678",
}


def add_new_partner(client, proposal, **overrides):
    proposal.refresh_from_db()
    return client.post(
        reverse("applicant:consortium", args=[proposal.pk]),
        {**NEW, **overrides, "lock_version": proposal.lock_version},
    )


@pytest.fixture
def two_applicants(client, make_user):
    mine, theirs = ProposalFactory(), ProposalFactory()
    return (
        mine,
        member_of(mine.coordinator, make_user),
        theirs,
        member_of(theirs.coordinator, make_user),
    )


def test_a_typed_organisation_is_not_offered_to_another_applicant(client, two_applicants):
    mine, me, theirs, them = two_applicants
    client.force_login(me)
    assert add_new_partner(client, mine).status_code == 302
    typed = Organisation.objects.get(pic="912345678")
    assert typed.is_pending
    page = client.get(reverse("applicant:consortium", args=[mine.pk]))
    assert "Stichting Offlimits" in page.content.decode()  # in my own proposal
    client.force_login(them)
    page = client.get(reverse("applicant:consortium", args=[theirs.pk]))
    offered = page.context["form"].fields["organisation"].queryset
    assert typed not in offered
    assert "Stichting Offlimits" not in page.content.decode()
    # Nor can it be picked by its id.
    theirs.refresh_from_db()
    response = client.post(
        reverse("applicant:consortium", args=[theirs.pk]),
        {"role": "beneficiary", "organisation": typed.pk, "lock_version": theirs.lock_version},
    )
    assert response.status_code == 200
    assert not theirs.partners.filter(organisation=typed).exists()


def test_the_same_organisation_typed_again_is_the_same_pending_entry(client, two_applicants):
    mine, me, theirs, them = two_applicants
    client.force_login(me)
    add_new_partner(client, mine)
    client.force_login(them)
    assert add_new_partner(client, theirs, short_name="OL").status_code == 302
    assert Organisation.objects.filter(pic="912345678").count() == 1
    typed = Organisation.objects.get(pic="912345678")
    assert theirs.partners.filter(organisation=typed).exists()
    assert mine.partners.filter(organisation=typed).exists()


def test_a_registered_organisation_must_be_chosen_from_the_registry(client, two_applicants):
    mine, me, _theirs, _them = two_applicants
    OrganisationFactory(legal_name="Stichting Offlimits", country="NL", pic="")
    client.force_login(me)
    response = add_new_partner(client, mine)
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert response.context["form"].data["legal_name"] == "Stichting Offlimits"


def test_registering_the_organisation_claims_the_pending_entry(
    client, two_applicants, make_user, applicant
):
    mine, me, theirs, them = two_applicants
    client.force_login(me)
    add_new_partner(client, mine)
    typed = Organisation.objects.get(pic="912345678")
    client.force_login(applicant)
    response = client.post(
        reverse("organisations:register"),
        {
            "legal_name": "Stichting Offlimits",
            "short_name": "Offlimits",
            "country": "NL",
            "organisation_type": "CSO",
            "pic": "912345678",
            "address": "Amsterdam",
            "website": "https://offlimits.nl",
        },
    )
    assert response.status_code == 302, response.content.decode()
    typed.refresh_from_db()
    assert not typed.is_pending and typed.address == "Amsterdam"
    assert Organisation.objects.filter(pic="912345678").count() == 1
    membership = Membership.objects.get(user=applicant)
    assert membership.organisation == typed and membership.role == MembershipRole.CONTACT
    assert mine.partners.filter(organisation=typed).exists()
    # Now in everyone's registry.
    client.force_login(them)
    page = client.get(reverse("applicant:consortium", args=[theirs.pk]))
    assert typed in page.context["form"].fields["organisation"].queryset


def test_the_expert_employer_drop_down_offers_no_pending_organisation():
    pending = OrganisationFactory(is_pending=True)
    registered = OrganisationFactory()
    offered = ExpertProfileForm.base_fields["employer"].queryset
    assert registered in offered and pending not in offered
