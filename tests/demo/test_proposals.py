import pytest
from django.core.management import call_command

from demo.evaluation import TOPIC as EVALUATION_TOPIC
from funding.models import Proposal, ProposalSubmission
from funding.proposals.statuses import ProposalStatus

pytestmark = pytest.mark.django_db


def test_demo_has_drafts_and_submitted_proposals_of_both_applicants(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    # The evaluation step adds a closed, evaluated topic of its own.
    proposals = Proposal.objects.exclude(topic__identifier=EVALUATION_TOPIC)
    statuses = set(proposals.values_list("status", flat=True))
    assert statuses == {ProposalStatus.DRAFT, ProposalStatus.SUBMITTED}
    assert set(proposals.values_list("coordinator__short_name", flat=True)) == {
        "Politie NL",
        "INCIBE",
    }
    submission = ProposalSubmission.objects.first()
    assert submission.snapshot["attachments"][0]["name"].endswith("-part-b.pdf")
