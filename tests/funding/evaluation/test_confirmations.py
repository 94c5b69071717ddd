"""Freezing the ranking, publishing the results and the funding decision cannot be undone:
each has a confirmation page that says what will happen and changes nothing; only its
"Yes, …" button acts. The ranking page itself no longer acts on a POST."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import MailStatus, OutgoingMail
from funding.evaluation.models import RankingEntry, TopicEvaluation
from funding.evaluation.services import results
from funding.models import FundedProject, Proposal
from funding.proposals.statuses import ProposalStatus
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    submitted,
)
from tests.mail_backends import FlakySMTP

pytestmark = pytest.mark.django_db


@pytest.fixture
def french():
    """The test's addresses are reversed in French (/fr/…), so its pages answer in French."""
    with translation.override("fr"):
        yield


@pytest.fixture
def boss():
    return manager()


@pytest.fixture
def evaluated(boss):
    """Two proposals with closed consensus reports; nothing frozen or published yet."""
    topic = evaluation_topic(experts_per_proposal=1, budget=Decimal("100000000"), max_grant=None)
    proposals = [submitted(topic) for _ in range(2)]
    close(topic)
    for proposal in proposals:
        admit(proposal, boss)
        evaluate(proposal, boss, [expert()], ["4", "4", "4"])
    return topic, proposals


@pytest.fixture
def boss_client(client, boss):
    client.force_login(boss)
    return client


def _state(topic) -> tuple:
    evaluation = TopicEvaluation.objects.filter(topic=topic).first()
    return (
        evaluation and evaluation.lists_computed_at,
        evaluation and evaluation.results_published_at,
        sorted(Proposal.objects.filter(topic=topic).values_list("pk", "status")),
        RankingEntry.objects.filter(topic=topic).count(),
        OutgoingMail.objects.count(),
        FundedProject.objects.count(),
    )


def test_the_ranking_page_links_to_the_confirmation_pages_and_ignores_a_post(
    boss_client, evaluated
):
    topic, _proposals = evaluated
    ranking = reverse("evaluation:ranking", args=[topic.pk])
    body = boss_client.get(ranking).content.decode()
    assert f'href="{reverse("evaluation:freeze", args=[topic.pk])}"' in body
    assert '<form method="post">' not in body
    before = _state(topic)
    # The old one-click button posted here: a POST now does nothing.
    assert boss_client.post(ranking, {"lists": ""}).status_code == 405
    assert boss_client.post(ranking, {"publish": ""}).status_code == 405
    assert _state(topic) == before


def test_the_freeze_page_says_what_happens_and_changes_nothing(boss_client, evaluated):
    topic, _proposals = evaluated
    before = _state(topic)
    response = boss_client.get(reverse("evaluation:freeze", args=[topic.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Freeze the ranking of {topic.identifier}?" in body
    assert "The ranking of the 2 proposals with a closed consensus report" in body
    assert "This cannot be undone." in body
    assert "Yes, freeze the ranking and make the lists</button>" in body
    assert f'href="{reverse("evaluation:ranking", args=[topic.pk])}">Cancel</a>' in body
    assert _state(topic) == before


def test_yes_on_the_freeze_page_makes_the_lists(boss_client, evaluated):
    topic, proposals = evaluated
    response = boss_client.post(reverse("evaluation:freeze", args=[topic.pk]), follow=True)
    assert "The ranking is frozen and the lists are made." in response.content.decode()
    assert TopicEvaluation.objects.get(topic=topic).lists_computed_at is not None
    assert RankingEntry.objects.filter(topic=topic).count() == 2
    # Once made, the page says so and offers nothing to confirm.
    body = boss_client.get(reverse("evaluation:freeze", args=[topic.pk])).content.decode()
    assert "already computed" in body and "Yes, " not in body


def test_the_freeze_page_waits_for_every_consensus(boss_client, evaluated, boss):
    topic, _proposals = evaluated
    late = submitted(evaluation_topic(experts_per_proposal=1))
    Proposal.objects.filter(pk=late.pk).update(topic=topic, status=ProposalStatus.ADMITTED)
    body = boss_client.get(reverse("evaluation:freeze", args=[topic.pk])).content.decode()
    assert late.number in body and "Yes, " not in body


def test_the_publish_page_says_what_happens_and_changes_nothing(boss_client, evaluated, boss):
    topic, _proposals = evaluated
    results.topic_compute_lists(topic=topic, user=boss)
    before = _state(topic)
    response = boss_client.get(reverse("evaluation:publish", args=[topic.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Publish the results of {topic.identifier}?" in body
    assert "The applicants of the 2 ranked proposals" in body
    assert "Published results cannot be withdrawn or changed." in body
    assert "Yes, publish the results</button>" in body
    assert _state(topic) == before


def test_the_publish_page_before_the_lists_says_why_not(boss_client, evaluated):
    topic, _proposals = evaluated
    body = boss_client.get(reverse("evaluation:publish", args=[topic.pk])).content.decode()
    assert "Compute the ranking and the lists before publishing." in body
    assert "Yes, " not in body


def test_yes_on_the_publish_page_publishes_and_a_later_visit_sends_the_missing_notices(
    boss_client, evaluated, boss, settings, django_capture_on_commit_callbacks
):
    topic, _proposals = evaluated
    results.topic_compute_lists(topic=topic, user=boss)
    publish = reverse("evaluation:publish", args=[topic.pk])
    smtp = FlakySMTP.install(settings, fail_from=2)
    with django_capture_on_commit_callbacks(execute=True):  # the notices leave on commit
        response = boss_client.post(publish)
    body = boss_client.get(response["Location"]).content.decode()
    assert "Results published: 2 applicants receive their report." in body
    assert "Notices accepted by the mail server: 1 of 2." in body
    assert f'<a href="{publish}">Send the missing notices</a>' in body
    assert TopicEvaluation.objects.get(topic=topic).results_published_at is not None

    body = boss_client.get(publish).content.decode()
    assert f"Send the missing notices of {topic.identifier}?" in body
    assert "The 1 notice not yet accepted" in body and "Yes, send the missing notices" in body
    assert OutgoingMail.objects.filter(status=MailStatus.FAILED).count() == 1  # GET: no retry

    smtp.recover()
    with django_capture_on_commit_callbacks(execute=True):
        response = boss_client.post(publish)
    body = boss_client.get(response["Location"]).content.decode()
    assert "1 missing notice is on its way." in body
    assert "Notices accepted by the mail server: 2 of 2." in body
    assert "Send the missing notices" not in body
    assert smtp.attempts == 3
    assert "Every notice is sent." in boss_client.get(publish).content.decode()


@pytest.fixture
def published(evaluated, boss):
    topic, proposals = evaluated
    results.topic_compute_lists(topic=topic, user=boss)
    results.topic_publish_results(topic=topic, user=boss)
    return topic, [Proposal.objects.get(pk=p.pk) for p in proposals]


def test_the_proposal_page_links_to_the_decision_pages(boss_client, published):
    _topic, proposals = published
    decide = reverse("evaluation:decide", args=[proposals[0].pk])
    body = boss_client.get(reverse("evaluation:proposal", args=[proposals[0].pk])).content
    body = body.decode()
    assert f'href="{decide}?select=yes">Select for funding</a>' in body
    assert f'href="{decide}?select=no">Do not fund</a>' in body
    assert f'action="{decide}"' not in body


def test_the_selection_page_says_what_happens_and_changes_nothing(boss_client, published):
    topic, proposals = published
    before = _state(topic)
    url = reverse("evaluation:decide", args=[proposals[0].pk])
    response = boss_client.get(url, {"select": "yes"})
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Select {proposals[0].number} {proposals[0].acronym} for funding?" in body
    assert "A funded project in grant preparation is created" in body
    assert "This cannot be undone." in body and "Yes, select for funding</button>" in body
    assert '<input type="hidden" name="select" value="yes"' in body
    assert _state(topic) == before
    # Without a decision named, the page offers both, and acts on neither.
    body = boss_client.get(url).content.decode()
    assert "?select=yes" in body and "?select=no" in body and "Yes, " not in body
    assert _state(topic) == before


def test_yes_on_the_selection_page_selects(boss_client, published):
    _topic, proposals = published
    url = reverse("evaluation:decide", args=[proposals[0].pk])
    response = boss_client.post(url, {"select": "yes", "reason": ""}, follow=True)
    assert "is in grant preparation" in response.content.decode()
    assert Proposal.objects.get(pk=proposals[0].pk).status == ProposalStatus.SELECTED
    assert FundedProject.objects.filter(proposal=proposals[0]).exists()


def test_not_funding_asks_the_reason_on_its_page(boss_client, published):
    topic, proposals = published
    url = reverse("evaluation:decide", args=[proposals[1].pk])
    body = boss_client.get(url, {"select": "no"}).content.decode()
    assert f"Do not fund {proposals[1].number} {proposals[1].acronym}?" in body
    assert "Yes, do not fund this proposal</button>" in body
    before = _state(topic)
    response = boss_client.post(url, {"select": "no", "reason": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "reason" in body and "Yes, do not fund this proposal" in body
    assert _state(topic) == before
    boss_client.post(url, {"select": "no", "reason": "Budget cut."})
    assert Proposal.objects.get(pk=proposals[1].pk).status == ProposalStatus.NOT_FUNDED


def test_the_evaluation_confirmation_pages_speak_french(boss_client, evaluated, boss, french):
    topic, _proposals = evaluated
    body = boss_client.get(reverse("evaluation:freeze", args=[topic.pk])).content.decode()
    assert f"Figer le classement de {topic.identifier} ?" in body
    assert "Oui, figer le classement et établir les listes" in body
    results.topic_compute_lists(topic=topic, user=boss)
    body = boss_client.get(reverse("evaluation:publish", args=[topic.pk])).content.decode()
    assert "Les candidats des 2 propositions classées" in body
    assert "Oui, publier les résultats" in body
