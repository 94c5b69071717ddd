"""Who sees which proposal: `Proposal.objects.visible_to(user)` holds exactly the proposals
the user's organisations coordinate or take part in as a partner, never anyone else's, and
keeps working under the dashboard's filters, annotations and counts."""

import pytest

from cooperation.accounts.roles import Role
from funding.models import Proposal
from funding.proposals.applicant_status import with_applicant_status
from tests.cooperation.factories import MembershipFactory, OrganisationFactory
from tests.funding.factories_proposals import PartnerFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    mine, partner_org, stranger_org = (OrganisationFactory() for _ in range(3))
    coordinated = ProposalFactory(coordinator=mine)
    as_partner = ProposalFactory(coordinator=stranger_org)
    PartnerFactory(proposal=as_partner, organisation=mine)
    theirs = ProposalFactory(coordinator=stranger_org)
    PartnerFactory(proposal=theirs, organisation=partner_org)
    user = make_user(Role.APPLICANT)
    MembershipFactory(user=user, organisation=mine)
    return {"user": user, "mine": {coordinated.pk, as_partner.pk}, "theirs": theirs}


def test_a_user_sees_what_their_organisation_coordinates_or_partners_in(world):
    visible = Proposal.objects.visible_to(world["user"])
    # The coordinated one is reached twice (as coordinator and its own partner row): once.
    assert sorted(visible.values_list("pk", flat=True)) == sorted(world["mine"])
    assert visible.count() == 2


def test_someone_elses_proposal_never_becomes_visible(world, make_user):
    theirs = world["theirs"]
    scope = Proposal.objects.visible_to(world["user"])
    assert not scope.filter(pk=theirs.pk).exists()
    # Not under the dashboard's annotation and ordering either, nor by any other route.
    annotated = with_applicant_status(scope).order_by("applicant_status_rank", "pk")
    assert theirs.pk not in set(annotated.values_list("pk", flat=True))
    assert not scope.filter(topic=theirs.topic, number=theirs.number).exists()
    # A member of no organisation sees nothing; a visitor neither.
    assert not Proposal.objects.visible_to(make_user(Role.APPLICANT)).exists()
