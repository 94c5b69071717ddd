"""The proposals' background tasks (django-tasks)."""

from django.db import transaction
from django.utils import translation
from django_tasks import task

from funding.proposals.models import ProposalSubmission
from funding.proposals.receipts import proposal_send_receipt


@task()
def send_submission_receipt(*, submission_id: int, site_url: str, language: str) -> int:
    """Write and record the receipt of submission `submission_id`, in the language the
    applicant used, and queue its sending; 1 if recorded now, 0 if it was already (the
    record's key makes a second run a no-op)."""
    submission = ProposalSubmission.objects.select_related("proposal__topic", "submitted_by").get(
        pk=submission_id
    )
    with transaction.atomic(), translation.override(language or None):
        recorded = proposal_send_receipt(submission=submission, site_url=site_url)
    return 1 if recorded else 0
