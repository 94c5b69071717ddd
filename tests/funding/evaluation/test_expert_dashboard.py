"""The expert dashboard (/expert/) costs the rows it shows: its numbers come from the
expert's stored progress (no count over their assignments), a group of "what waits" known
to be empty is not read, the consensus group looks up each assignment's consensus report
instead of joining the programme's, and each row's links are the addresses `reverse`
gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.evaluation.services import assignments as ev
from funding.evaluation.services import results
from funding.evaluation.waiting import expert_waiting
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluation_topic,
    expert,
    manager,
    scores_for,
    staff,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(django_capture_on_commit_callbacks):
    """Two experts on three proposals: one with the reports submitted and a consensus
    draft to approve, one under evaluation, one assigned and not declared."""
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    proposals = [submitted(topic) for _ in range(3)]
    close(topic)
    people = [expert(), expert()]
    for proposal in proposals:
        admit(proposal, boss)
    done = staff(proposals[0], boss, people)
    for assignment in done:
        ev.report_save(
            assignment=assignment,
            user=assignment.expert,
            entries=scores_for(proposals[0], ["4", "4", "4"]),
            submit=True,
        )
    report = results.consensus_appoint_rapporteur(
        proposal=proposals[0], rapporteur=people[0], user=boss
    )
    results.consensus_save(
        report=report, user=people[0], entries=scores_for(proposals[0], ["4", "4", "4"])
    )
    staff(proposals[1], boss, people)
    pending = [
        ev.assignment_create(proposal=proposals[2], expert=person, user=boss) for person in people
    ]
    return boss, proposals, people, pending


def _dashboard(client, person, query=""):
    client.force_login(person)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("expert:dashboard") + query)
    assert response.status_code == 200
    return response, [q["sql"] for q in captured.captured_queries]


def test_the_numbers_come_from_the_stored_progress(client, panel):
    """Failed on the old code: three counts over the expert's assignments."""
    _boss, _proposals, people, _pending = panel
    response, queries = _dashboard(client, people[1])
    assert not [sql for sql in queries if "COUNT(" in sql]
    assert response.context["pending_declarations"] == 1
    assert response.context["reports_to_finish"] == 1
    assert response.context["paginator"].count == 3
    body = response.content.decode()
    assert "1 declaration to sign" in body and "1 report to finish" in body


def test_filtered_the_list_counts_what_it_shows(client, panel):
    _boss, _proposals, people, _pending = panel
    response, _queries = _dashboard(client, people[1], "?state=done")
    assert response.context["paginator"].count == 1
    assert [row.submitted for row in response.context["assignments"]] == [True]


def test_the_consensus_group_does_not_join_the_programmes_reports(panel):
    """Failed on the old code: the consensus reports were joined to the expert's
    assignments, and PostgreSQL read every consensus report of the programme to find the
    drafts (17,641 at the benchmark's size)."""
    _boss, proposals, people, _pending = panel
    with CaptureQueriesContext(connection) as captured:
        groups = expert_waiting(user=people[1], to_sign=0, to_write=0)
    (sql,) = [q["sql"] for q in captured.captured_queries]
    assert 'INNER JOIN "funding_consensusreport" ON' not in sql
    assert [group.label for group in groups] == ["Consensus reports to draft or approve"]
    assert [item.text for item in groups[0].items] == [
        f"{proposals[0].number} {proposals[0].acronym}".strip()
    ]


def test_a_group_known_to_be_empty_is_not_read(panel):
    _boss, _proposals, people, _pending = panel
    with CaptureQueriesContext(connection) as captured:
        expert_waiting(user=people[1], to_sign=0, to_write=0)
    assert len(captured.captured_queries) == 1  # the consensus group only
    with CaptureQueriesContext(connection) as captured:
        groups = expert_waiting(user=people[1])
    assert len(captured.captured_queries) == 3
    assert [group.label for group in groups] == [
        "Conflict of interest declarations to sign",
        "Individual reports to finish",
        "Consensus reports to draft or approve",
    ]


def test_each_row_links_where_the_job_is_done(client, panel):
    _boss, proposals, people, pending = panel
    response, _queries = _dashboard(client, people[1])
    body = response.content.decode()
    rows = {row.number: row for row in response.context["assignments"]}
    assert set(rows) == {proposal.number for proposal in proposals}
    declare = reverse("expert:declare", args=[pending[1].pk])
    assert f'<a href="{declare}">Sign the conflict of interest declaration</a>' in body
    done = people[1].assignments.get(proposal=proposals[0])
    assert f'<a href="{reverse("expert:consensus", args=[done.pk])}">Consensus</a>' in body
    writing = people[1].assignments.get(proposal=proposals[1])
    assert f'<a href="{reverse("expert:report", args=[writing.pk])}">Write my report</a>' in body
    french = client.get("/fr" + reverse("expert:dashboard")).content.decode()
    assert f'href="/fr{declare}"' in french
