"""Evaluation review (redress): asked by the coordinator's members within the programme's
window after the results are published, on procedure only; decided by a programme manager
with a reason; shown on the applicant's and the manager's proposal pages."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from cooperation.accounts.roles import Role
from core.languages import localized_path
from funding.evaluation.permissions import can_decide_redress, can_request_redress
from funding.evaluation.services.assignments import EvaluationError
from funding.evaluation.services.redress import redress_request_create, redress_request_decide
from funding.models import Programme, RedressRequest, TopicEvaluation
from tests.cooperation.factories import MembershipFactory
from tests.funding.factories_evaluation import (
    close,
    evaluation_topic,
    manager,
    submitted,
    user_with,
)
from tests.funding.factories_results import one_published

pytestmark = pytest.mark.django_db

GROUNDS = (
    "The Evaluation Summary Report says our ethics annex was missing, but it was part of "
    "submission 1: we ask whether the experts received it."
)


@pytest.fixture
def boss():
    return manager()


@pytest.fixture
def rejected(boss):
    return one_published(boss, "rejected")


def _review(proposal):
    return reverse("evaluation_results:redress", args=[proposal.pk])


def _mails(mailoutbox):
    return [m for m in mailoutbox if "Evaluation review" in m.subject]


def test_a_request_is_made_decided_and_shown_on_both_pages(client, boss, rejected, mailoutbox):
    applicant = rejected.applicant
    client.force_login(applicant)
    page = client.get(reverse("applicant:proposal", args=[rejected.pk])).content.decode()
    assert "Request an evaluation review" in page
    form = client.get(_review(rejected)).content.decode()
    assert "does not reconsider the experts&#x27; judgement" in form
    assert "Requests are accepted until" in form
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(_review(rejected), {"grounds": GROUNDS})
    assert response.status_code == 302
    redress = RedressRequest.objects.get(proposal=rejected)
    assert (redress.requested_by, redress.grounds, redress.decided_at) == (applicant, GROUNDS, None)
    page = client.get(reverse("applicant:proposal", args=[rejected.pk])).content.decode()
    assert "Open: waiting for the programme manager" in page
    assert "Request an evaluation review</a>" not in page  # one open request at a time
    again = client.post(_review(rejected), {"grounds": "And another thing."})
    assert again.status_code == 403
    assert "already open" in again.content.decode()
    assert RedressRequest.objects.filter(proposal=rejected).count() == 1

    client.force_login(boss)
    listed = client.get(reverse("evaluation:redress_list")).content.decode()
    assert rejected.number in listed
    topic_page = client.get(reverse("evaluation:topic", args=[rejected.topic_id])).content.decode()
    assert "Open evaluation review requests" in topic_page and rejected.number in topic_page
    manager_page = client.get(reverse("evaluation:proposal", args=[rejected.pk])).content.decode()
    assert "Decide the evaluation review" in manager_page and "ethics annex" in manager_page
    decide = reverse("evaluation:redress", args=[rejected.pk])
    body = client.post(decide, {"outcome": "rejected", "reason": ""}, follow=True).content
    assert "This field is required" in body.decode()
    redress.refresh_from_db()
    assert redress.decided_at is None
    reason = "The annex was in the evaluated submission and each expert opened it."
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(decide, {"outcome": "rejected", "reason": reason})
    redress.refresh_from_db()
    assert (redress.outcome, redress.reason, redress.decided_by) == ("rejected", reason, boss)
    [message] = _mails(mailoutbox)
    assert applicant.email in message.to and reason in message.body
    assert "The evaluation stands" in message.body
    assert rejected.number not in client.get(reverse("evaluation:redress_list")).content.decode()
    decided = client.get(reverse("evaluation:redress_list"), {"state": "decided"})
    assert rejected.number in decided.content.decode()
    manager_page = client.get(reverse("evaluation:proposal", args=[rejected.pk])).content.decode()
    assert "Decide the evaluation review" not in manager_page and reason in manager_page
    # Deciding again: nothing is open any more, and the page says so.
    body = client.post(decide, {"outcome": "upheld", "reason": "x"}, follow=True).content.decode()
    assert "no open request" in body

    client.force_login(applicant)
    page = client.get(reverse("applicant:proposal", args=[rejected.pk])).content.decode()
    assert reason in page and ": Rejected." in page
    rejected.refresh_from_db()
    assert rejected.status == "rejected"  # a review changes no status by itself


def test_before_publication_and_after_the_window_the_request_is_refused(client, boss):
    topic = evaluation_topic(experts_per_proposal=2)
    proposal = submitted(topic)
    close(topic)
    client.force_login(proposal.applicant)
    page = client.get(_review(proposal))
    assert page.status_code == 200
    assert (
        "once the proposal&#x27;s Evaluation Summary Report is published" in page.content.decode()
    )
    assert client.post(_review(proposal), {"grounds": GROUNDS}).status_code == 403
    assert not RedressRequest.objects.exists()
    french = client.get(localized_path(_review(proposal), "fr")).content.decode()
    assert "ne revient pas sur l’appréciation des mérites" in french
    assert "Un réexamen de l’évaluation peut être demandé une fois publié" in french


def test_the_window_is_the_programmes(client, boss, rejected):
    evaluation = TopicEvaluation.objects.get(topic=rejected.topic)
    published = evaluation.results_published_at
    evaluation.results_published_at = published - dt.timedelta(days=31)
    evaluation.save()
    client.force_login(rejected.applicant)
    response = client.post(_review(rejected), {"grounds": GROUNDS})
    assert response.status_code == 403
    body = response.content.decode()
    assert "The time to request an evaluation review ended on" in body
    assert "30 days after the results were published" in body
    assert not RedressRequest.objects.exists()
    Programme.objects.filter(calls__topics=rejected.topic).update(redress_days=45)
    assert client.post(_review(rejected), {"grounds": GROUNDS}).status_code == 302
    # The window's last instant is in, the next one out (read by the rule itself).
    closes = evaluation.results_published_at + dt.timedelta(days=45)
    RedressRequest.objects.all().delete()
    assert can_request_redress(rejected.applicant, rejected, now=closes)
    refusal = can_request_redress(rejected.applicant, rejected, now=closes + dt.timedelta(1e-6))
    assert not refusal and "ended on" in refusal.reason


def test_only_members_of_the_coordinator_may_ask(client, boss, rejected):
    partner = rejected.partners.exclude(role="coordinator").first().organisation
    colleague = user_with(Role.APPLICANT)
    MembershipFactory(user=colleague, organisation=partner)
    client.force_login(colleague)
    page = client.get(_review(rejected))
    assert page.status_code == 200  # a partner sees the proposal, and why it cannot ask
    assert "Only members of the coordinating organisation" in page.content.decode()
    assert client.post(_review(rejected), {"grounds": GROUNDS}).status_code == 403
    client.force_login(user_with(Role.APPLICANT))  # another consortium: not found
    assert client.post(_review(rejected), {"grounds": GROUNDS}).status_code == 404
    client.force_login(boss)  # staff do not ask for reviews of others' proposals
    assert client.post(_review(rejected), {"grounds": GROUNDS}).status_code == 404
    assert not RedressRequest.objects.exists()


def test_the_services_refuse_in_plain_words(boss, rejected):
    applicant = rejected.applicant
    with pytest.raises(EvaluationError, match="which step of the evaluation procedure"):
        redress_request_create(proposal=rejected, user=applicant, grounds="   ")
    redress = redress_request_create(proposal=rejected, user=applicant, grounds=GROUNDS)
    with pytest.raises(EvaluationError, match="run by programme managers"):
        redress_request_decide(redress=redress, user=applicant, outcome="upheld", reason="x")
    with pytest.raises(EvaluationError, match="upheld or rejected"):
        redress_request_decide(redress=redress, user=boss, outcome="maybe", reason="x")
    upheld = redress_request_decide(
        redress=redress, user=boss, outcome="upheld", reason="An expert had a conflict."
    )
    assert upheld.outcome == "upheld" and upheld.decided_at is not None
    verdict = can_decide_redress(boss, upheld)
    assert not verdict and "already decided" in verdict.reason
    # Decided: a new request may be made within the window; a withdrawn proposal may not.
    assert can_request_redress(applicant, rejected)
    type(rejected).objects.filter(pk=rejected.pk).update(status="withdrawn")  # as from a list
    rejected.refresh_from_db()
    assert "withdrawn" in can_request_redress(applicant, rejected).reason


def test_one_open_request_per_proposal_in_the_database(boss, rejected):
    now = timezone.now()
    RedressRequest.objects.create(
        proposal=rejected, requested_by=rejected.applicant, requested_at=now, grounds="a"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        RedressRequest.objects.create(
            proposal=rejected, requested_by=rejected.applicant, requested_at=now, grounds="b"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RedressRequest.objects.filter(proposal=rejected).update(decided_at=now)  # no outcome


def test_the_list_queries_do_not_grow(client, boss, django_assert_max_num_queries):
    first = one_published(boss, "rejected")
    redress_request_create(proposal=first, user=first.applicant, grounds=GROUNDS)
    client.force_login(boss)
    url = reverse("evaluation:redress_list")
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for kind in ("rejected", "reserve"):
        other = one_published(boss, kind)
        redress_request_create(proposal=other, user=other.applicant, grounds=GROUNDS)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("/staff/evaluation/proposals/") >= 3
