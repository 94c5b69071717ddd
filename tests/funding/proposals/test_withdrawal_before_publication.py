"""Before a topic's results are published, withdrawal tells nothing of the outcome: every
internal status the applicant sees as "Under evaluation" offers it, confirms it, answers
its POST and records it alike (funding.proposals.workflow, the unpublished guard). Once
the results are published, a final outcome (rejected, not funded) can no longer be
withdrawn."""

import itertools
import re

import pytest
from django.urls import reverse

from funding.models import Proposal, ProposalStatusChange, TopicEvaluation
from funding.proposals.applicant_status import HIDDEN_UNTIL_PUBLISHED
from funding.proposals.lifecycle import ProposalTransitionRefused, proposal_withdraw
from funding.proposals.statuses import ProposalStatus
from tests.cooperation.factories import OrganisationFactory
from tests.funding.factories import TopicFactory
from tests.funding.factories_proposals import ProposalFactory, member_of

pytestmark = pytest.mark.django_db

HIDDEN = sorted(HIDDEN_UNTIL_PUBLISHED)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
TIME = re.compile(r"<time [^>]*>[^<]*</time>")


def _normal(text: str, proposal) -> str:
    """A page's text with what names this proposal replaced: the rest must be equal."""
    text = text.replace(proposal.number, "NUMBER").replace(proposal.acronym, "ACRONYM")
    text = re.sub(rf"/{proposal.pk}/", "/PK/", text)
    text = TIME.sub("<time/>", text)  # when it was withdrawn: a second apart
    return CSRF.sub("CSRF", text)


def _main(body: str) -> str:
    return body.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _withdrawal_section(body: str) -> str:
    found = re.search(r'<section class="withdrawal".*?</section>', body, re.S)
    return found.group(0) if found else ""


def _dashboard_row(body: str, proposal) -> str:
    rows = re.findall(r"<tr>.*?</tr>", body, re.S)
    return next(row for row in rows if proposal.number in row)


def _history(body: str) -> str:
    return (body.split("<h2>History</h2>", 1) + [""])[1].split("</ul>", 1)[0]


def _messages(body: str) -> list[str]:
    return re.findall(r'class="message message--[a-z]+"[^>]*>(.*?)<', body, re.S)


@pytest.fixture
def pending(make_user):
    """One proposal in each status hidden before publication, on one topic whose results
    are not published; `applicant` belongs to their coordinator."""
    topic = TopicFactory()
    TopicEvaluation.objects.create(topic=topic)
    organisation = OrganisationFactory()
    applicant = member_of(organisation, make_user)
    proposals = {}
    for status in HIDDEN:
        proposal = ProposalFactory(topic=topic, coordinator=organisation)
        Proposal.objects.filter(pk=proposal.pk).update(status=status)
        proposal.refresh_from_db()
        proposals[status] = proposal
    return topic, proposals, applicant


def _what_withdrawal_shows(client, proposal) -> dict:
    """Every answer an applicant gets about withdrawing this proposal, normalised."""
    page = client.get(reverse("applicant:proposal", args=[proposal.pk])).content.decode()
    dashboard = client.get(reverse("applicant:dashboard")).content.decode()
    url = reverse("applicant:withdraw", args=[proposal.pk])
    confirm = client.get(url).content.decode()
    missing = client.post(url, {"reason": ""})
    posted = client.post(url, {"reason": "The consortium is dissolved."})
    after = client.get(reverse("applicant:proposal", args=[proposal.pk])).content.decode()
    history = ProposalStatusChange.objects.filter(proposal=proposal).order_by("-pk")
    return {
        "offer": _normal(_withdrawal_section(page), proposal),
        "dashboard": _normal(_dashboard_row(dashboard, proposal), proposal),
        "confirm": _normal(_main(confirm), proposal),
        "reason missing": (missing.status_code, _normal(_main(missing.content.decode()), proposal)),
        "post": (posted.status_code, _normal(posted.headers.get("Location", ""), proposal)),
        "answer": _messages(after),
        "history": _normal(_history(after), proposal),
        "status": Proposal.objects.get(pk=proposal.pk).status,
        "recorded": history.values_list("action", "to_status").first(),
    }


def test_withdrawal_is_answered_alike_for_every_status_hidden_before_publication(client, pending):
    """Failed on the old code: a rejected (or not funded) proposal's confirmation page said
    it "cannot be withdrawn from the status “Rejected”" and its POST was refused, while a
    proposal on the main list was withdrawn."""
    _topic, proposals, applicant = pending
    client.force_login(applicant)
    seen = {
        status: _what_withdrawal_shows(client, proposal) for status, proposal in proposals.items()
    }
    for first, second in itertools.combinations(HIDDEN, 2):
        for key in seen[first]:
            assert seen[first][key] == seen[second][key], (first, second, key)
    sample = seen[HIDDEN[0]]
    assert "Withdraw the proposal" in sample["offer"]
    assert "Yes, withdraw the proposal" in sample["confirm"]
    assert sample["reason missing"][0] == 200
    assert "Please give a reason for withdrawing." in sample["reason missing"][1]
    assert sample["post"] == (302, "/applicant/proposals/PK/")
    assert sample["answer"] == ["The proposal is withdrawn."]
    assert "Under evaluation → Withdrawn" in sample["history"]
    assert sample["status"] == ProposalStatus.WITHDRAWN
    assert sample["recorded"] == ("withdraw", ProposalStatus.WITHDRAWN)


@pytest.mark.parametrize("status", [ProposalStatus.REJECTED, ProposalStatus.NOT_FUNDED])
def test_a_final_outcome_cannot_be_withdrawn_once_published(client, pending, status):
    topic, proposals, applicant = pending
    TopicEvaluation.objects.filter(topic=topic).update(results_published_at=topic.deadline_at)
    proposal = proposals[status]
    client.force_login(applicant)
    page = client.get(reverse("applicant:proposal", args=[proposal.pk])).content.decode()
    assert _withdrawal_section(page) == ""
    confirm = client.get(reverse("applicant:withdraw", args=[proposal.pk])).content.decode()
    assert "cannot be withdrawn" in confirm
    with pytest.raises(ProposalTransitionRefused):
        proposal_withdraw(proposal=proposal, user=applicant, reason="Too late.")
    assert Proposal.objects.get(pk=proposal.pk).status == status


def test_the_main_and_reserve_lists_may_still_be_withdrawn_once_published(client, pending):
    topic, proposals, applicant = pending
    TopicEvaluation.objects.filter(topic=topic).update(results_published_at=topic.deadline_at)
    client.force_login(applicant)
    for status in (ProposalStatus.MAIN_LIST, ProposalStatus.RESERVE_LIST):
        proposal = proposals[status]
        page = client.get(reverse("applicant:proposal", args=[proposal.pk])).content.decode()
        assert "Withdraw the proposal" in _withdrawal_section(page)
        proposal_withdraw(proposal=proposal, user=applicant, reason="Declined.")
        assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.WITHDRAWN
