import pytest
from django.core.management import call_command

from cooperation.models import Organisation
from demo.consortium import ACRONYM, PENDING_IN
from funding.models import Proposal
from funding.proposals.eligibility import check_proposal
from funding.proposals.progress import Completion, share_completion

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_shared_proposal_and_a_pending_organisation(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    proposal = Proposal.objects.get(acronym=ACRONYM)
    assert proposal.coordinator.short_name == "Politie NL"
    incibe = proposal.partners.get(organisation__short_name="INCIBE")
    assert incibe.shared_at is not None and share_completion(incibe) == Completion.IN_PROGRESS
    assert incibe.people.get().last_name == "Martín"
    assert check_proposal(proposal) == []  # the coordinator may submit once INCIBE is done
    pending = Organisation.objects.get(legal_name="Stichting Offlimits")
    assert pending.is_pending
    assert list(pending.proposal_partnerships.values_list("proposal__acronym", flat=True)) == [
        PENDING_IN
    ]
    assert pending not in Organisation.objects.registry()
