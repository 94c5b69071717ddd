"""The evaluation's internal steps change nothing an applicant can see before the results
are published: a funding decision recorded early leaves the proposal's version, its time
and author of last change (shown on the applicant's pages and ordering the dashboard) as
they were; the history row is there for staff."""

import re

import pytest
from django.urls import reverse

from funding.evaluation.services import results
from funding.models import Proposal, ProposalStatusChange
from funding.proposals.statuses import ProposalAction, ProposalStatus
from tests.funding.factories_evaluation import manager
from tests.funding.factories_results import publish, three_outcomes

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
SEEN = ("lock_version", "updated_at", "updated_by_id")


def _seen(proposal) -> tuple:
    return Proposal.objects.values_list(*SEEN).get(pk=proposal.pk)


def _header(client, proposal) -> str:
    body = client.get(reverse("applicant:proposal", args=[proposal.pk])).content.decode()
    return body.split("<h1", 1)[1].split("</p>", 1)[0]


def _dashboard(client) -> str:
    return CSRF.sub("", client.get(reverse("applicant:dashboard")).content.decode())


def test_a_not_funded_decision_before_publication_changes_nothing_the_applicant_sees(client):
    """Failed on the old code: the decision moved the version from 5 to 6 and the last
    change to the manager and the decision's instant."""
    boss = manager()
    _topic, proposals, applicant = three_outcomes(boss)
    client.force_login(applicant)
    main, reserve = proposals["main"], proposals["reserve"]
    before, header = _seen(main), _header(client, main)
    dashboard = _dashboard(client)
    results.proposal_decide(proposal=main, user=boss, select=False, reason="Budget cut.")
    assert Proposal.objects.get(pk=main.pk).status == ProposalStatus.NOT_FUNDED
    assert _seen(main) == before
    assert _header(client, main) == header
    assert _dashboard(client) == dashboard
    # Staff keep the decision's history row, with who and when.
    change = ProposalStatusChange.objects.filter(proposal=main).latest("pk")
    assert (change.action, change.changed_by, change.reason) == (
        ProposalAction.NOT_FUND,
        boss,
        "Budget cut.",
    )
    # The ranking's own steps did not move it either: the three outcomes read alike.
    assert _seen(reserve)[0] == _seen(proposals["rejected"])[0] == before[0]


def test_the_evaluation_steps_before_publication_leave_the_version_where_admission_put_it():
    boss = manager()
    _topic, proposals, _applicant = three_outcomes(boss)
    for proposal in proposals.values():
        admitted = (
            ProposalStatusChange.objects.filter(
                proposal=proposal, action=ProposalAction.START_WHEN_CLEARED
            )
            .values_list("changed_at", flat=True)
            .first()
        )
        fresh = Proposal.objects.get(pk=proposal.pk)
        assert fresh.updated_at == admitted  # the last change the applicant saw


def test_a_decision_once_published_is_a_change_the_applicant_sees(client):
    boss = manager()
    topic, proposals, _applicant = three_outcomes(boss)
    publish(topic, boss, notify=False)
    main = proposals["main"]
    before = _seen(main)
    results.proposal_decide(proposal=main, user=boss, select=False, reason="Budget cut.")
    after = _seen(main)
    assert after[0] == before[0] + 1
    assert after[2] == boss.pk
