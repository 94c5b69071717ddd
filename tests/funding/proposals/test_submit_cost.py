"""What one submission costs: the submit request's queries do not grow with the proposal's
partners, people or files, and stay within a fixed budget (the deadline rush sends
thousands of them)."""

import pytest
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from core.languages import localized_path
from core.models import OutgoingMail
from funding.models import ProposalSubmission
from funding.proposals.tasks import send_submission_receipt
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories_proposals import PartnerFactory, complete_proposal, member_of

pytestmark = pytest.mark.django_db

# Savepoints left aside: the session and the user (2), the proposal in the user's scope and
# the user's organisations (2), the proposal's row lock (1), its partners, people and files,
# read once for the check and the snapshot (3), the status write and the history row (2),
# the submission's number, the submission and its files (3), the receipt's task queued (1),
# the messages' session write (1). It was 25 (partners, files and the coordinator read
# twice, the files linked in three queries, submitted_at its own write, the receipt's
# recipients read and its mail rendered and recorded in the request).
SUBMIT_QUERIES = 16


def _submit_queries(client, proposal) -> tuple[int, list[str]]:
    url = reverse("applicant:submit", kwargs={"pk": proposal.pk})
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url)
    assert response.status_code == 302 and "/receipts/" in response["Location"]
    sql = [q["sql"] for q in captured.captured_queries]
    return len([q for q in sql if "SAVEPOINT" not in q]), sql


def test_submit_queries_do_not_grow_with_the_proposal(client, make_user, settings):
    # The production queue (rows in the database): the receipt is queued in the request's
    # transaction and written by the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    small = complete_proposal()
    large = complete_proposal(coordinator=small.coordinator, topic=small.topic)
    for country in ("DE", "FR", "IT", "PL", "PT", "AT"):
        PartnerFactory(proposal=large, organisation=OrganisationFactory(country=country))
    client.force_login(member_of(small.coordinator, make_user))
    at_small, _sql = _submit_queries(client, small)
    at_large, sql = _submit_queries(client, large)
    assert at_small == at_large, "\n".join(sql)
    assert at_large <= SUBMIT_QUERIES, "\n".join(sql)
    assert ProposalSubmission.objects.count() == 2
    queued = DBTaskResult.objects.filter(task_path__endswith="send_submission_receipt")
    assert queued.count() == 2
    assert not OutgoingMail.objects.exists()  # nothing written in the request


def test_the_worker_writes_the_receipt_once_in_the_applicants_language(client, make_user):
    proposal = complete_proposal()
    user = member_of(proposal.coordinator, make_user)
    client.force_login(user)
    url = reverse("applicant:submit", kwargs={"pk": proposal.pk})
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(localized_path(url, "fr"))
    submission = ProposalSubmission.objects.get(proposal=proposal)
    receipt = OutgoingMail.objects.get(key=f"receipt:{submission.pk}")
    assert receipt.subject == f"Proposition {proposal.number} reçue"
    assert user.email in receipt.to and len(mail.outbox) == 1
    # Run again (a retried task): nothing more recorded or sent.
    assert (
        send_submission_receipt.call(submission_id=submission.pk, site_url="", language="fr") == 0
    )
    assert OutgoingMail.objects.filter(key__startswith="receipt:").count() == 1
