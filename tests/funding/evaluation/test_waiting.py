"""What waits for experts and programme managers on their dashboards: each item links to
the page where the job is done, and the pages cost the same with few or many items."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.evaluation.services import assignments as ev
from funding.evaluation.services import results
from funding.evaluation.services.redress import redress_request_create
from funding.evaluation.waiting import LIMIT, expert_waiting, manager_waiting
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
from tests.funding.factories_portfolio import DeliverableFactory, ReportingPeriodFactory
from tests.funding.factories_results import one_published

pytestmark = pytest.mark.django_db


def _labels(groups):
    return {group.label: [item.url for item in group.items] for group in groups}


def test_an_expert_sees_each_step_as_it_comes(client):
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    first, second = expert(), expert()
    assignment = ev.assignment_create(proposal=proposal, expert=first, user=boss)
    assert _labels(expert_waiting(user=first)) == {
        "Conflict of interest declarations to sign": [
            reverse("expert:declare", args=[assignment.pk])
        ]
    }
    client.force_login(first)
    page = client.get(reverse("expert:dashboard")).content.decode()
    assert "What waits for you" in page
    assert f'href="{reverse("expert:declare", args=[assignment.pk])}"' in page
    ev.declaration_sign(assignment=assignment, user=first, has_conflict=False)
    other = ev.assignment_create(proposal=proposal, expert=second, user=boss)
    ev.declaration_sign(assignment=other, user=second, has_conflict=False)
    assert _labels(expert_waiting(user=first)) == {
        "Individual reports to finish": [reverse("expert:report", args=[assignment.pk])]
    }
    for each in (assignment, other):
        ev.report_save(
            assignment=each,
            user=each.expert,
            entries=scores_for(proposal, ["4", "4", "4"]),
            submit=True,
        )
    assert expert_waiting(user=first) == []
    report = results.consensus_appoint_rapporteur(proposal=proposal, rapporteur=first, user=boss)
    assert _labels(expert_waiting(user=second)) == {
        "Consensus reports to draft or approve": [reverse("expert:consensus", args=[other.pk])]
    }
    results.consensus_save(report=report, user=first, entries=scores_for(proposal, ["4"] * 3))
    results.consensus_approve(report=report, user=second)
    assert expert_waiting(user=second) == []
    # The manager may now close it.
    closing = _labels(manager_waiting())["Consensus reports approved by the experts, to close"]
    assert closing == [reverse("evaluation:proposal", args=[proposal.pk])]


def test_a_manager_sees_what_to_check_staff_decide_and_approve(client):
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=2)
    to_check, to_staff = submitted(topic), submitted(topic)
    close(topic)
    admit(to_staff, boss)
    ev.assignment_create(proposal=to_staff, expert=expert(), user=boss)
    rejected = one_published(boss, "rejected")
    redress_request_create(proposal=rejected, user=rejected.applicant, grounds="Procedure.")
    period = ReportingPeriodFactory(report_submitted_date=dt.date(2025, 8, 20))
    deliverable = DeliverableFactory(submitted_date=dt.date(2025, 5, 1))
    DeliverableFactory(submitted_date=dt.date(2025, 5, 1), approved_date=dt.date(2025, 5, 9))
    waiting = _labels(manager_waiting())
    assert waiting["Submitted proposals to check for admissibility and eligibility"] == [
        reverse("evaluation:proposal", args=[to_check.pk])
    ]
    assert waiting["Admitted proposals that need experts"] == [
        reverse("evaluation:proposal", args=[to_staff.pk])
    ]
    assert waiting["Evaluation review requests to decide"] == [
        reverse("evaluation:proposal", args=[rejected.pk])
    ]
    assert waiting["Project reports to approve"] == [
        reverse("portfolio:detail", args=[period.project.grant_number])
    ]
    assert waiting["Deliverables to approve"] == [
        reverse("portfolio:detail", args=[deliverable.project.grant_number])
    ]
    client.force_login(boss)
    page = client.get(reverse("evaluation:home")).content.decode()
    assert "(1/2)" in page  # one expert of two
    assert f'href="{reverse("evaluation:proposal", args=[to_check.pk])}"' in page


def _count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_dashboards_queries_do_not_grow(client):
    boss = manager()
    person = expert()
    topic = evaluation_topic(experts_per_proposal=1)
    proposals = [submitted(topic) for _ in range(LIMIT + 4)]
    close(topic)

    def add(chosen):
        for proposal in chosen:
            admit(proposal, boss)
            assignment = ev.assignment_create(proposal=proposal, expert=person, user=boss)
            ev.declaration_sign(assignment=assignment, user=person, has_conflict=False)
            DeliverableFactory(submitted_date=dt.date(2025, 5, 1))
            ReportingPeriodFactory(report_submitted_date=dt.date(2025, 8, 20))

    add(proposals[:2])
    client.force_login(person)
    few_expert = _count(client, reverse("expert:dashboard"))
    client.force_login(boss)
    few_manager = _count(client, reverse("evaluation:home"))
    add(proposals[2:])
    client.force_login(person)
    assert _count(client, reverse("expert:dashboard")) == few_expert
    client.force_login(boss)
    assert _count(client, reverse("evaluation:home")) == few_manager
    assert "and more" in client.get(reverse("evaluation:home")).content.decode()


def test_staffed_proposals_leave_the_managers_list():
    boss = manager()
    topic = evaluation_topic(experts_per_proposal=1)
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    staff(proposal, boss, [expert()])
    assert "Admitted proposals that need experts" not in _labels(manager_waiting())
