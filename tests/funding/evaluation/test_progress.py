"""The topic page's progress per expert: one grouped query, the experts with the most
waiting first, bounded, with a last row that counts every expert of the topic."""

import pytest
from django.urls import reverse

from funding.evaluation import progress
from funding.evaluation.services import assignments as ev
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluation_topic,
    expert,
    manager,
    submitted,
)

pytestmark = pytest.mark.django_db


def test_the_busiest_experts_come_first_and_the_total_counts_them_all(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=4)
    proposals = [submitted(topic) for _ in range(2)]
    close(topic)
    for proposal in proposals:
        admit(proposal, boss)
    idle, busy, signed = expert(), expert(), expert()
    with django_capture_on_commit_callbacks(execute=True):
        done = ev.assignment_create(proposal=proposals[0], expert=idle, user=boss)
        ev.declaration_sign(assignment=done, user=idle, has_conflict=False)
        for proposal in proposals:
            ev.assignment_create(proposal=proposal, expert=busy, user=boss)
        ev.assignment_create(proposal=proposals[1], expert=signed, user=boss)
    monkeypatch.setattr(progress, "PROGRESS_ROWS", 2)
    client.force_login(boss)
    response = client.get(reverse("evaluation:topic", args=[topic.pk]))
    rows = response.context["progress"]
    assert [row.pk for row in rows] == [busy.pk, signed.pk]  # 2 and 1 declarations to sign
    assert (rows[0].to_sign, rows[0].assigned) == (2, 2)
    summary = response.context["progress_summary"]
    assert summary.experts == 3
    assert summary.totals["to_sign"] == 3 and summary.totals["to_write"] == 1
    assert summary.totals["assigned"] == 4 and summary.totals["declared"] == 1
    body = response.content.decode()
    assert "All 3 experts" in body and "The 2 experts with the most waiting are shown, of 3" in body


def test_the_rows_and_the_totals_come_from_one_query(django_assert_num_queries):
    """The totals were a second aggregate over every assignment of the topic (failed here
    with 2 queries): they are the sums of the experts' rows."""
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    people = [expert(), expert()]
    for person in people:
        ev.assignment_create(proposal=proposal, expert=person, user=boss)
    with django_assert_num_queries(1):
        shown = progress.topic_expert_progress(topic, limit=1)
    assert len(shown.rows) == 1
    assert shown.experts == 2
    assert shown.totals["assigned"] == 2 and shown.totals["to_sign"] == 2
