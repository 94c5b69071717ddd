"""The evaluation starts by itself when the topic's number of experts have declared no
conflict of interest; experts are e-mailed when assigned; managers see what waits for whom."""

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.evaluation.services import assignments as ev
from funding.models import ProposalStatusChange
from funding.proposals.lifecycle import proposal_transition
from funding.proposals.services import ProposalError
from funding.proposals.statuses import ProposalAction, ProposalStatus
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluation_topic,
    expert,
    manager,
    scores_for,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss():
    return manager()


@pytest.fixture
def admitted(boss):
    topic = evaluation_topic(experts_per_proposal=2)
    proposal = submitted(topic)
    close(topic)
    return admit(proposal, boss)


def _status(proposal):
    proposal.refresh_from_db()
    return proposal.status


def test_the_declaration_completing_the_number_starts_the_evaluation(client, boss, admitted):
    first, second = expert(), expert()
    a1 = ev.assignment_create(proposal=admitted, expert=first, user=boss)
    a2 = ev.assignment_create(proposal=admitted, expert=second, user=boss)
    ev.declaration_sign(assignment=a1, user=first, has_conflict=False)
    assert _status(admitted) == ProposalStatus.ADMITTED
    client.force_login(second)
    response = client.post(reverse("expert:declare", args=[a2.pk]), {"has_conflict": "no"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "You can now read and score the proposal." in page
    assert _status(admitted) == ProposalStatus.UNDER_EVALUATION
    change = ProposalStatusChange.objects.filter(proposal=admitted).latest("pk")
    assert change.action == ProposalAction.START_WHEN_CLEARED
    assert change.changed_by == second
    assert "2 experts had declared no conflict" in change.reason
    # "Save as draft" works at once, for the expert who completed the number and the other.
    criteria = list(scores_for(admitted, ["", "", ""]))
    draft = {f"score_{criteria[0]}": "4", f"comment_{criteria[0]}": "Sound.", "save": "1"}
    response = client.post(reverse("expert:report", args=[a2.pk]), draft, follow=True)
    assert "Draft saved." in response.content.decode()
    report = ev.report_save(assignment=a1, user=first, entries=scores_for(admitted, ["4", "", ""]))
    assert report.status == "draft"


def test_fewer_declarations_do_not_start_it_and_the_expert_is_told_so(client, boss, admitted):
    first, second = expert(), expert()
    a1 = ev.assignment_create(proposal=admitted, expert=first, user=boss)
    ev.assignment_create(proposal=admitted, expert=second, user=boss)  # not declared yet
    client.force_login(first)
    response = client.post(reverse("expert:declare", args=[a1.pk]), {"has_conflict": "no"})
    page = client.get(response["Location"]).content.decode()
    assert "scoring opens when its 2 experts have declared no conflict of interest" in page
    assert _status(admitted) == ProposalStatus.ADMITTED
    with pytest.raises(ProposalError, match="Scoring opens when the proposal's 2 experts"):
        ev.report_save(assignment=a1, user=first, entries=scores_for(admitted, ["4", "4", "4"]))


def test_a_conflict_does_not_count_and_the_replacement_completes_the_number(boss, admitted):
    first, conflicted, replacement = expert(), expert(), expert()
    a1 = ev.assignment_create(proposal=admitted, expert=first, user=boss)
    a2 = ev.assignment_create(proposal=admitted, expert=conflicted, user=boss)
    ev.declaration_sign(assignment=a1, user=first, has_conflict=False)
    ev.declaration_sign(assignment=a2, user=conflicted, has_conflict=True, details="Co-author.")
    assert _status(admitted) == ProposalStatus.ADMITTED
    a3 = ev.assignment_create(proposal=admitted, expert=replacement, user=boss)
    ev.declaration_sign(assignment=a3, user=replacement, has_conflict=False)
    assert _status(admitted) == ProposalStatus.UNDER_EVALUATION


def test_only_a_cleared_expert_of_the_proposal_takes_the_start(boss, admitted):
    first, second, stranger = expert(), expert(), expert()
    for person in (first, second):
        ev.assignment_create(proposal=admitted, expert=person, user=boss)
    # Both assigned, one declared: the guard refuses; a stranger is refused whoever counts.
    assignment = admitted.assignments.get(expert=first)
    ev.declaration_sign(assignment=assignment, user=first, has_conflict=False)
    with pytest.raises(ProposalError, match="Only an expert cleared for this proposal"):
        proposal_transition(
            proposal=admitted, action=ProposalAction.START_WHEN_CLEARED, user=stranger
        )
    with pytest.raises(ProposalError, match="2 experts have declared.*1 have so far"):
        proposal_transition(proposal=admitted, action=ProposalAction.START_WHEN_CLEARED, user=first)


# --- the assignment e-mail ---------------------------------------------------------------


def test_the_expert_is_emailed_once_when_the_assignment_is_committed(
    boss, admitted, django_capture_on_commit_callbacks
):
    person = expert()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assignment = ev.assignment_create(
            proposal=admitted, expert=person, user=boss, site_url="https://csa.example.eu"
        )
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert admitted.number in message.subject
    declare = f"https://csa.example.eu/expert/assignments/{assignment.pk}/declare/"
    assert declare in message.body
    assert admitted.title not in message.body  # content only after the declaration
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ProposalError, match="already assigned"),
    ):
        ev.assignment_create(proposal=admitted, expert=person, user=boss)
    assert len(mail.outbox) == 1


def test_no_email_when_the_assignment_is_rolled_back(
    boss, admitted, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ev.assignment_create(proposal=admitted, expert=expert(), user=boss)
        raise RuntimeError("the request failed after the assignment")
    assert callbacks == []
    assert mail.outbox == []
    assert not admitted.assignments.exists()


def test_the_assignment_email_is_in_the_experts_language(
    boss, admitted, django_capture_on_commit_callbacks
):
    person = expert()
    person.preferred_language = "fr"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        ev.assignment_create(proposal=admitted, expert=person, user=boss)
    message = mail.outbox[0]
    assert (
        message.subject == f"Vous êtes affecté à l’évaluation de la proposition {admitted.number}"
    )
    assert "déclaration" in message.body


# --- what waits for whom -----------------------------------------------------------------


def test_the_topic_page_says_what_waits_for_each_expert(client, boss, admitted):
    first, second = expert(), expert()
    first.first_name, first.last_name = "Ada", "Waiting"
    first.save()
    a1 = ev.assignment_create(proposal=admitted, expert=first, user=boss)
    ev.assignment_create(proposal=admitted, expert=second, user=boss)
    ev.declaration_sign(assignment=a1, user=first, has_conflict=False)
    client.force_login(boss)
    response = client.get(reverse("evaluation:topic", args=[admitted.topic_id]))
    rows = {row.pk: row for row in response.context["progress"]}
    assert (rows[first.pk].to_sign, rows[first.pk].to_write) == (0, 1)
    assert (rows[second.pk].to_sign, rows[second.pk].to_write) == (1, 0)
    body = response.content.decode()
    assert "Declarations to sign" in body and "Reports to write" in body


def test_the_waiting_summary_is_one_query_whatever_the_number_of_experts(client, boss):
    topic = evaluation_topic(experts_per_proposal=3)
    proposals = [submitted(topic) for _ in range(3)]
    close(topic)
    for proposal in proposals:
        admit(proposal, boss)
    client.force_login(boss)
    url = reverse("evaluation:topic", args=[topic.pk])

    def queries_with_experts():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    ev.assignment_create(proposal=proposals[0], expert=expert(), user=boss)
    few = queries_with_experts()
    for proposal in proposals:
        for _ in range(3 if proposal != proposals[0] else 2):
            ev.assignment_create(proposal=proposal, expert=expert(), user=boss)
    assert queries_with_experts() == few
