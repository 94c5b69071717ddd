"""No result before publication: every surface an applicant reaches derives from the one
applicant-facing status (funding.proposals.applicant_status), before and after the topic's
results are published."""

import re

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from funding.models import Proposal, TopicEvaluation
from funding.proposals.applicant_status import (
    HIDDEN_UNTIL_PUBLISHED,
    STATUS_RANK,
    applicant_status,
    proposal_applicant_status,
    with_applicant_status,
)
from funding.proposals.statuses import ProposalStatus
from tests.funding.factories import TopicFactory
from tests.funding.factories_evaluation import manager
from tests.funding.factories_proposals import ProposalFactory
from tests.funding.factories_results import publish, three_outcomes

pytestmark = pytest.mark.django_db

KINDS = ("main", "reserve", "rejected")
# What an applicant must not learn before publication, as the pages would print it.
OUTCOME_WORDS = ("Main list", "Reserve list", "Rejected", "Ranked", "Consensus reached")


@pytest.fixture
def boss():
    return manager()


@pytest.fixture
def outcomes(boss):
    return three_outcomes(boss)


def test_the_annotation_and_the_function_agree_on_every_status():
    published, pending = TopicFactory(), TopicFactory()
    TopicEvaluation.objects.create(topic=published, results_published_at=timezone.now())
    TopicEvaluation.objects.create(topic=pending)  # an evaluation, nothing published yet
    made = []
    for topic in (published, pending, TopicFactory()):  # the last has no evaluation at all
        for status in ProposalStatus.values:
            proposal = ProposalFactory(topic=topic)
            Proposal.objects.filter(pk=proposal.pk).update(status=status)
            made.append(proposal.pk)
    # The rank is an alias (in the SQL only when ordered by): selected here to be compared.
    rows = with_applicant_status(Proposal.objects.filter(pk__in=made)).annotate(
        shown_rank=F("applicant_status_rank")
    )
    for row in rows:
        fresh = Proposal.objects.get(pk=row.pk)  # no annotation: the function asks itself
        is_published = row.topic_id == published.pk
        assert row.results_published is is_published
        assert row.applicant_status == proposal_applicant_status(fresh), row.status
        assert row.applicant_status == applicant_status(row.status, is_published)
        hidden = row.status in HIDDEN_UNTIL_PUBLISHED and not is_published
        assert row.applicant_status == ("under_evaluation" if hidden else row.status)
        assert row.shown_rank == STATUS_RANK[row.applicant_status]
    assert len(rows) == 3 * len(ProposalStatus.values)


def test_the_annotations_ask_whether_results_are_published_a_fixed_number_of_times():
    """The rank was a CASE on the shown status, which repeated that status's CASE and its
    EXISTS once per status (16 times in the query; failed here)."""
    sql = str(with_applicant_status(Proposal.objects.all()).query)
    assert sql.count("funding_topicevaluation") <= 3


def _rows(client, **query) -> list[str]:
    """The proposal numbers listed on the applicant's dashboard, in order."""
    response = client.get(reverse("applicant:dashboard"), query)
    assert response.status_code == 200, query
    return re.findall(r'href="/applicant/proposals/\d+/">(\S+) ', response.content.decode())


# Every status value, a few that are none, and the empty choice.
FILTER_VALUES = [*ProposalStatus.values, "", "bogus", "REJECTED", "rejected ", "0", "x" * 500]


def test_the_status_filter_reveals_no_outcome_before_publication(client, outcomes):
    _topic, proposals, applicant = outcomes
    client.force_login(applicant)
    numbers = {kind: proposals[kind].number for kind in KINDS}
    for value in FILTER_VALUES:
        rows = set(_rows(client, status=value))
        listed = {kind for kind in KINDS if numbers[kind] in rows}
        # All three or none: the row set never tells one outcome from another.
        assert listed in (set(), set(KINDS)), (value, listed)
    assert set(_rows(client, status="rejected")) == set()
    assert set(_rows(client, status="main_list")) == set()
    assert set(_rows(client, status="under_evaluation")) == set(numbers.values())


def test_the_status_filter_finds_each_outcome_once_published(client, boss, outcomes):
    topic, proposals, applicant = outcomes
    publish(topic, boss)
    client.force_login(applicant)
    assert _rows(client, status="rejected") == [proposals["rejected"].number]
    assert _rows(client, status="main_list") == [proposals["main"].number]
    assert _rows(client, status="reserve_list") == [proposals["reserve"].number]
    assert _rows(client, status="under_evaluation") == []
    for value in FILTER_VALUES:
        _rows(client, status=value)  # never a 500


def _badges(body: str) -> list[str]:
    return re.findall(r'class="badge badge--([a-z_]+)"', body)


def test_counts_and_ordering_by_status_before_and_after_publication(client, boss, outcomes):
    topic, proposals, applicant = outcomes
    client.force_login(applicant)
    by_number = sorted(p.number for p in proposals.values())
    body = client.get(reverse("applicant:dashboard")).content.decode()
    counts = re.findall(r'status=([a-z_]+)"><span class="badge[^>]*>([^<]+)</span> (\d+)', body)
    assert counts == [("under_evaluation", "Under evaluation", "3")]
    # Ordered by status, the three look alike: they come in proposal-number order, both ways.
    assert _rows(client, o="status") == by_number
    assert _rows(client, o="-status") == by_number
    for value in ("bogus", "applicant_status_rank", "-", "status,number", "updated_at"):
        _rows(client, o=value)  # an unknown ordering is refused without a 500
    publish(topic, boss)
    body = client.get(reverse("applicant:dashboard")).content.decode()
    counts = re.findall(r'status=([a-z_]+)"><span class="badge[^>]*>([^<]+)</span> (\d+)', body)
    assert counts == [("main_list", "Main list", "1"), ("reserve_list", "Reserve list", "1")] + [
        ("rejected", "Rejected", "1")
    ]
    numbers = [proposals[kind].number for kind in KINDS]
    assert _rows(client, o="status") == numbers  # in the order of the proposal's life
    assert _rows(client, o="-status") == numbers[::-1]
    assert _badges(client.get(reverse("applicant:dashboard"), {"o": "status"}).content.decode())[
        -3:
    ] == ["main_list", "reserve_list", "rejected"]


def _history(body: str) -> list[str]:
    section = body.split("<h2>History</h2>", 1)[1]
    return [row.strip() for row in re.findall(r": ([^:<]+ → [^<(]+)", section)]


def test_the_proposal_pages_tell_nothing_before_publication(client, boss, outcomes, mailoutbox):
    topic, proposals, applicant = outcomes
    client.force_login(applicant)
    seen = {}
    for kind in KINDS:
        pk = proposals[kind].pk
        body = client.get(reverse("applicant:proposal", args=[pk])).content.decode()
        for word in OUTCOME_WORDS:
            assert word not in body, (kind, word)
        assert _badges(body) == ["under_evaluation"]
        assert "Withdraw the proposal" in body  # offered alike, whatever the outcome
        seen[kind] = _history(body)
        for section in ("general", "consortium", "budget", "personnel", "attachments"):
            # Locked for changes: read-only, the notice names the status the applicant sees.
            page = client.get(reverse(f"applicant:{section}", args=[pk]))
            assert page.status_code == 200
            section_body = page.content.decode()
            assert "is under evaluation and can no longer be changed" in section_body
            for word in OUTCOME_WORDS:
                assert word not in section_body, (kind, section, word)
            assert client.post(page.request["PATH_INFO"]).status_code == 403
        receipt = client.get(reverse("applicant:receipt", args=[pk, 1])).content.decode()
        for word in OUTCOME_WORDS:
            assert word not in receipt
        assert client.get(reverse("evaluation_results:summary", args=[pk])).status_code == 404
        for export in ("evaluation:ranking_csv", "evaluation:ranking_xlsx"):
            assert client.get(reverse(export, args=[topic.pk])).status_code == 403
    assert seen["main"] == seen["rejected"] == seen["reserve"]
    assert seen["main"] == ["Draft → Submitted", "Submitted → Admitted"]
    for feed in ("cms:calls_rss", "cms:calls_atom", "cms:deadlines_ics"):
        body = client.get(reverse(feed)).content.decode()
        assert not any(p.number in body or p.acronym in body for p in proposals.values())
    # Nothing was e-mailed to the applicants by the evaluation's steps.
    contacts = {p.applicant.email for p in proposals.values()}
    assert [m.subject for m in mailoutbox if contacts & set(m.to)] == []

    # Withdrawing from the main list before publication: the history says so in the
    # words of the status the applicant saw.
    url = reverse("applicant:withdraw", args=[proposals["main"].pk])
    client.post(url, {"reason": "The consortium is dissolved."})
    body = client.get(reverse("applicant:proposal", args=[proposals["main"].pk])).content.decode()
    assert _history(body)[-1] == "Under evaluation → Withdrawn"
    assert "Main list" not in body
    # A rejected proposal is withdrawn alike before publication: its answer tells nothing.
    url = reverse("applicant:withdraw", args=[proposals["rejected"].pk])
    body = client.post(url, {"reason": "We give up."}, follow=True).content.decode()
    assert "The proposal is withdrawn." in body
    assert _history(body)[-1] == "Under evaluation → Withdrawn"
    assert "rejected" not in body.lower().replace("rejected_", "")


def test_the_proposal_pages_tell_the_outcome_once_published(client, boss, outcomes, mailoutbox):
    topic, proposals, applicant = outcomes
    publish(topic, boss)
    client.force_login(applicant)
    body = client.get(reverse("applicant:proposal", args=[proposals["rejected"].pk])).content
    body = body.decode()
    assert _badges(body) == ["rejected"]
    assert "Evaluation Summary Report" in body
    history = _history(body)
    assert history[-1] == "Ranked → Rejected"
    assert "Under evaluation → Consensus reached" in history
    summary = reverse("evaluation_results:summary", args=[proposals["rejected"].pk])
    assert client.get(summary).status_code == 200
    page = client.get(reverse("applicant:budget", args=[proposals["main"].pk])).content.decode()
    assert "is main list and can no longer be changed" in page
    # Each coordinator's contact receives its Evaluation Summary Report, outcome included.
    assert len(mailoutbox) == 3
    rejected = next(m for m in mailoutbox if proposals["rejected"].number in m.subject)
    assert proposals["rejected"].applicant.email in rejected.to
    assert "Rejected" in rejected.body
