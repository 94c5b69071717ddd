"""What one submission costs: the submit request's queries do not grow with the proposal's
partners, people or files, and stay within a fixed budget (the deadline rush sends
thousands of them)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import OutgoingMail
from funding.models import ProposalSubmission
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories_proposals import PartnerFactory, complete_proposal, member_of

pytestmark = pytest.mark.django_db

# Savepoints left aside: the session and the user (2), the proposal in the user's scope and
# the user's organisations (2), the proposal's row lock (1), its partners, people and files,
# read once for the check and the snapshot (3), the status write and the history row (2),
# the submission's number, the submission and its files (3), the receipt's recipients and
# its record (3), the messages' session write (1). It was 25 (partners, files and the
# coordinator read twice, the files linked in three queries, submitted_at its own write).
SUBMIT_QUERIES = 17


def _submit_queries(client, proposal) -> tuple[int, list[str]]:
    url = reverse("applicant:submit", kwargs={"pk": proposal.pk})
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url)
    assert response.status_code == 302 and "/receipts/" in response["Location"]
    sql = [q["sql"] for q in captured.captured_queries]
    return len([q for q in sql if "SAVEPOINT" not in q]), sql


def test_submit_queries_do_not_grow_with_the_proposal(client, make_user):
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
    assert OutgoingMail.objects.filter(key__startswith="receipt:").count() == 2
