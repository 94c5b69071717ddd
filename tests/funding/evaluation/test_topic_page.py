"""The manager's page of a topic in evaluation costs the rows it shows: the progress per
expert from the stored rows, no semi-join with the programme's submissions, the list's
number of rows from the counts per status, the overdue reports bounded; and the rows
written in Python are the very HTML the template wrote."""

import datetime as dt

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from funding.evaluation import topic_page
from funding.evaluation.listing import ExpertAssignmentRow, pk_link
from funding.evaluation.models import Assignment
from funding.evaluation.progress import ExpertProgressRow
from funding.evaluation.services import assignments as ev
from funding.evaluation.topic_page import ProposalRow
from funding.templatetags.evaluation_tables import assignment_rows, progress_rows, proposal_rows
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
from tests.funding.factories_proposals import complete_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed(django_capture_on_commit_callbacks):
    """A topic of three admitted proposals, two under evaluation with two cleared experts
    each (no report written yet), one with its experts assigned and not declared."""
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    proposals = [submitted(topic, acronym=f"ACR{n}") for n in range(3)]
    close(topic)
    people = [expert(), expert()]
    for proposal in proposals:
        admit(proposal, boss)
    for proposal in proposals[:2]:
        staff(proposal, boss, people)
    for person in people:
        ev.assignment_create(proposal=proposals[2], expert=person, user=boss)
    return boss, topic, proposals, people


def _page(client, boss, topic, query=""):
    client.force_login(boss)
    url = reverse("evaluation:topic", args=[topic.pk]) + query
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in captured.captured_queries]


def test_the_progress_is_read_from_the_stored_rows(client, staffed):
    """Failed on the old code: the page grouped every assignment of the topic."""
    boss, topic, _proposals, people = staffed
    response, queries = _page(client, boss, topic)
    grouped = [sql for sql in queries if 'FROM "funding_assignment"' in sql and "GROUP BY" in sql]
    assert grouped == []
    summary = response.context["progress_summary"]
    assert summary.experts == 2
    assert summary.totals == {
        "to_sign": 2,
        "to_write": 4,
        "assigned": 6,
        "declared": 4,
        "conflicts": 0,
        "drafts": 0,
        "submitted": 0,
    }
    assert {row.pk for row in response.context["progress"]} == {p.pk for p in people}


def test_no_semi_join_with_the_programmes_submissions(client, staffed):
    """Failed on the old code: EXISTS over funding_proposalsubmission, which PostgreSQL ran
    as a hash of every submission of the programme."""
    boss, topic, proposals, _people = staffed
    response, queries = _page(client, boss, topic)
    assert not [sql for sql in queries if "funding_proposalsubmission" in sql]
    assert [row.number for row in response.context["proposals"]] == sorted(
        p.number for p in proposals
    )


def test_the_rows_counts_are_the_proposals_stored_counts(client, staffed):
    """Failed on the old code: each row's experts cleared and reports submitted were two
    counts over the assignments, compiled and run for every row shown."""
    boss, topic, proposals, people = staffed
    assignment = Assignment.objects.get(proposal=proposals[0], expert=people[0])
    values = scores_for(proposals[0], ["4", "3.5", "4"])
    ev.report_save(assignment=assignment, user=people[0], entries=values, submit=True)
    response, queries = _page(client, boss, topic)
    assert not [
        sql
        for sql in queries
        if '"funding_assignment"' in sql or '"funding_individualreport"' in sql
    ]
    shown = {row.number: (row.n_experts, row.n_submitted) for row in response.context["proposals"]}
    assert shown == {
        proposals[0].number: (2, 1),
        proposals[1].number: (2, 0),
        proposals[2].number: (0, 0),  # assigned, not declared
    }


def test_unfiltered_the_list_is_counted_once(client, staffed):
    """Failed on the old code: the paginator counted the rows the counts per status had
    just counted."""
    boss, topic, proposals, _people = staffed
    response, queries = _page(client, boss, topic)
    assert not [sql for sql in queries if "COUNT(*) AS" in sql and "__count" in sql]
    assert response.context["paginator"].count == 3
    assert sum(n for _label, n in response.context["counts"]) == 3


def test_filtered_the_list_counts_what_it_shows(client, staffed):
    boss, topic, proposals, _people = staffed
    response, _queries = _page(client, boss, topic, f"?q={proposals[1].acronym}")
    assert response.context["paginator"].count == 1
    assert [row.acronym for row in response.context["proposals"]] == [proposals[1].acronym]
    response, _queries = _page(client, boss, topic, "?status=admitted")
    assert response.context["paginator"].count == 1
    response, _queries = _page(client, boss, topic, "?status=nonsense")
    assert response.context["paginator"].count == 0  # an invalid filter shows nothing
    assert "Select a valid choice" in response.content.decode()


def test_a_proposal_never_submitted_is_not_listed(client, staffed):
    boss, topic, _proposals, _people = staffed
    complete_proposal(topic=topic)  # a draft
    response, _queries = _page(client, boss, topic)
    assert response.context["paginator"].count == 3


def _past_deadline(boss, topic):
    ev.topic_set_report_deadline(
        topic=topic, user=boss, deadline=timezone.now() - dt.timedelta(days=1)
    )


def test_overdue_reports_are_bounded(client, staffed, monkeypatch):
    boss, topic, _proposals, _people = staffed
    _past_deadline(boss, topic)
    monkeypatch.setattr(topic_page, "OVERDUE_ROWS", 3)
    response, _queries = _page(client, boss, topic)
    assert len(response.context["overdue"]) == 3 and response.context["overdue_more"]
    body = response.content.decode()
    assert "The first 3 overdue reports are shown, by proposal number; more are overdue." in body
    french = client.get("/fr" + reverse("evaluation:topic", args=[topic.pk])).content.decode()
    assert "Les 3 premiers rapports en retard sont affichés" in french
    monkeypatch.setattr(topic_page, "OVERDUE_ROWS", 4)
    response, _queries = _page(client, boss, topic)
    assert len(response.context["overdue"]) == 4 and not response.context["overdue_more"]


def test_no_report_to_write_is_none_overdue_without_reading(client, staffed):
    boss, topic, _proposals, _people = staffed
    _past_deadline(boss, topic)
    later = timezone.now() + dt.timedelta(days=1)
    shown = topic_page.topic_overdue(topic, deadline=later, now=timezone.now(), to_write=4)
    assert shown.rows == []  # the deadline not yet past
    with CaptureQueriesContext(connection) as captured:
        shown = topic_page.topic_overdue(
            topic, deadline=timezone.now() - dt.timedelta(days=1), now=timezone.now(), to_write=0
        )
    assert shown.rows == [] and captured.captured_queries == []
    shown = topic_page.topic_overdue(
        topic, deadline=timezone.now() - dt.timedelta(days=1), now=timezone.now(), to_write=4
    )
    assert len(shown.rows) == 4


# --- the rows written in Python are the template's HTML -----------------------------------

PROGRESS_TEMPLATE = (
    '{% for expert in progress %}<tr><th scope="row">{{ expert }}</th><td class="number">'
    "{% if expert.to_sign %}<strong>{{ expert.to_sign }}</strong>{% else %}0{% endif %}</td>"
    '<td class="number">{% if expert.to_write %}<strong>{{ expert.to_write }}</strong>'
    '{% else %}0{% endif %}</td><td class="number">{{ expert.assigned }}</td>'
    '<td class="number">{{ expert.declared }}</td><td class="number">{{ expert.conflicts }}'
    '</td><td class="number">{{ expert.drafts }}</td><td class="number">{{ expert.submitted }}'
    "</td></tr>{% endfor %}"
)

PROPOSALS_TEMPLATE = """{% for proposal in proposals %}
    <tr>
      <th scope="row"><a href="{{ proposal.link }}">{{ proposal.number }} {{ proposal.acronym }}</a></th>
      <td>{{ proposal.coordinator }}</td>
      <td>{{ proposal.status_label }}</td>
      <td class="number">{{ proposal.n_experts }}</td>
      <td class="number">{{ proposal.n_submitted }}</td>
      <td>{{ proposal.consensus_label|default:"—" }}</td>
    </tr>
  {% endfor %}"""


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("big", [7, 1234567])
def test_the_rows_are_the_templates_html(language, big, settings):
    settings.USE_THOUSAND_SEPARATOR = big > 1000
    experts = [
        ExpertProgressRow(
            pk=1,
            name="Zoë <O'Brien> & co",
            to_sign=0,
            to_write=big,
            assigned=big,
            declared=0,
            conflicts=1,
            drafts=2,
            submitted=3,
        ),
        ExpertProgressRow(
            pk=2,
            name="b@example.eu",
            to_sign=5,
            to_write=0,
            assigned=5,
            declared=0,
            conflicts=0,
            drafts=0,
            submitted=0,
        ),
    ]
    proposals = [
        ProposalRow(
            link="/staff/evaluation/proposals/1/?a=1&b=2",
            number="P-1",
            acronym="<ACR>",
            coordinator="Société & Fils",
            status_label="Under evaluation",
            n_experts=big,
            n_submitted=0,
            consensus_label="",
        ),
        ProposalRow(
            link="/x/",
            number="P-2",
            acronym="",
            coordinator="O'Neil",
            status_label="Admis",
            n_experts=3,
            n_submitted=3,
            consensus_label="Closed",
        ),
    ]
    with translation.override(language):
        old_progress = Template(PROGRESS_TEMPLATE).render(Context({"progress": experts}))
        old_proposals = Template(PROPOSALS_TEMPLATE).render(Context({"proposals": proposals}))
        assert progress_rows(experts) == old_progress
        assert proposal_rows(proposals) == old_proposals


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pk_link_is_reverse(language):
    with translation.override(language):
        for name in ("evaluation:proposal", "expert:declare", "expert:consensus"):
            link = pk_link(name)
            for pk in (1, 42, 10**12):
                assert link(pk) == reverse(name, args=[pk])


ASSIGNMENTS_TEMPLATE = """{% load i18n %}{% trans "Report submitted" as submitted_text %}{% trans "Consensus" as consensus_text %}{% trans "Write my report" as write_text %}{% trans "Sign the conflict of interest declaration" as sign_text %}{% for a in assignments %}
    <tr>
      <th scope="row">{{ a.number }}</th>
      <td>{{ a.topic }}</td>
      <td>{% if a.released %}{% trans "Released: you declared a conflict of interest." %}
        {% elif not a.declared %}<a href="{{ a.links.declare }}">{{ sign_text }}</a>
        {% else %}<a href="{{ a.links.proposal }}">{{ a.acronym }}</a> —
          {% if a.submitted %}{{ submitted_text }} · <a href="{{ a.links.consensus }}">{{ consensus_text }}</a>{% else %}<a href="{{ a.links.report }}">{{ write_text }}</a>{% endif %}
        {% endif %}</td>
    </tr>
  {% endfor %}"""  # noqa: E501 - the dashboard's markup as it was


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_expert_rows_are_the_templates_html(language):
    links = {
        name: f"/expert/assignments/7/{name}/?a=1&b=<2>"
        for name in ("declare", "proposal", "report", "consensus")
    }

    def row(**state):
        return ExpertAssignmentRow(
            pk=7, number="P-7", acronym="<A&B>", topic="T'1", links=links, **state
        )

    rows = [
        row(released=True, declared=True, submitted=False),
        row(released=False, declared=False, submitted=False),
        row(released=False, declared=True, submitted=False),
        row(released=False, declared=True, submitted=True),
    ]
    with translation.override(language):
        old = Template(ASSIGNMENTS_TEMPLATE).render(Context({"assignments": rows}))
        assert assignment_rows(rows) == old
