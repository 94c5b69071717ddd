"""Builders for the tests of results and redress: one closed topic whose three proposals
end on the main list, the reserve list and rejected, all three coordinated by
organisations one applicant belongs to."""

from decimal import Decimal

from django.test import TestCase

from funding.evaluation.services import results
from tests.cooperation.factories import MembershipFactory
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    submitted,
)

# Scores per criterion: the first two pass every threshold, the third fails Excellence.
SCORES = {
    "main": ["5", "4.5", "4"],
    "reserve": ["4", "4", "4"],
    "rejected": ["2.5", "5", "5"],
}


def three_outcomes(boss):
    """(topic, {"main" | "reserve" | "rejected": proposal}, applicant), lists computed,
    results not published. The budget holds one proposal only, so the second one that
    passes goes to the reserve list."""
    topic = evaluation_topic(experts_per_proposal=2, max_grant=None)
    proposals = {kind: submitted(topic) for kind in SCORES}
    close(topic)
    experts = [expert(), expert()]
    for kind, proposal in proposals.items():
        admit(proposal, boss)
        evaluate(proposal, boss, experts, SCORES[kind])
    requested = proposals["main"].evaluated_version.requested
    type(topic).objects.filter(pk=topic.pk).update(budget=requested + Decimal("1.00"))
    topic.refresh_from_db()
    results.topic_compute_lists(topic=topic, user=boss)
    applicant = proposals["main"].applicant
    for kind in ("reserve", "rejected"):
        MembershipFactory(user=applicant, organisation=proposals[kind].coordinator)
    for proposal in proposals.values():
        proposal.refresh_from_db()
    return topic, proposals, applicant


def publish(topic, boss, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return results.topic_publish_results(topic=topic, user=boss, **kwargs)


def one_published(boss, kind="rejected"):
    """A proposal evaluated alone on its topic, on the list `kind` gives it, with the
    topic's results published; its applicant is a contact of the coordinator."""
    topic = evaluation_topic(experts_per_proposal=2, max_grant=None)
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    evaluate(proposal, boss, [expert(), expert()], SCORES[kind])
    results.topic_compute_lists(topic=topic, user=boss)
    publish(topic, boss)
    proposal.refresh_from_db()
    return proposal
