import io
from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from funding.evaluation.services import assignments as ev
from funding.evaluation.services import results
from funding.models import Attachment
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluate,
    evaluation_topic,
    expert,
    manager,
    scores_for,
    staff,
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


def _urls(assignment):
    attachment = Attachment.objects.get(proposal=assignment.proposal)
    return [
        reverse("expert:proposal", args=[assignment.pk]),
        reverse("expert:report", args=[assignment.pk]),
        reverse("expert:reports", args=[assignment.pk]),
        reverse("expert:consensus", args=[assignment.pk]),
        reverse("expert:attachment", args=[assignment.pk, attachment.pk]),
    ]


def test_a_conflicted_expert_gets_404_everywhere(client, boss, admitted):
    person = expert()
    assignment = ev.assignment_create(proposal=admitted, expert=person, user=boss)
    ev.declaration_sign(assignment=assignment, user=person, has_conflict=True, details="Co-author.")
    client.force_login(person)
    for url in [*_urls(assignment), reverse("expert:declare", args=[assignment.pk])]:
        assert client.get(url).status_code == 404, url
    page = client.get(reverse("expert:dashboard"))
    assert admitted.acronym not in page.content.decode()


def test_an_expert_not_assigned_gets_404(client, boss, admitted):
    assignment = ev.assignment_create(proposal=admitted, expert=expert(), user=boss)
    ev.declaration_sign(assignment=assignment, user=assignment.expert, has_conflict=False)
    client.force_login(expert())
    for url in _urls(assignment):
        assert client.get(url).status_code == 404, url


def test_the_proposal_stays_hidden_until_the_declaration(client, boss, admitted):
    person = expert()
    assignment = ev.assignment_create(proposal=admitted, expert=person, user=boss)
    client.force_login(person)
    assert client.get(reverse("expert:proposal", args=[assignment.pk])).status_code == 404
    page = client.get(reverse("expert:declare", args=[assignment.pk]))
    assert admitted.title not in page.content.decode()
    response = client.post(reverse("expert:declare", args=[assignment.pk]), {"has_conflict": "no"})
    assert response.status_code == 302
    page = client.get(reverse("expert:proposal", args=[assignment.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert admitted.title in body
    # Labels, never codes: the snapshot keeps "coordinator" and "214000.00"; people read
    # "Coordinator" and an amount in their locale's format.
    assert "<td>Coordinator</td>" in body and ">coordinator<" not in body
    total = admitted.submissions.latest("number").snapshot["budget"]["total_requested"]
    assert f">{total}<" not in body
    download = client.get(_urls(assignment)[-1])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_reports_of_others_only_after_submitting_ones_own(client, boss, admitted):
    first, second = expert(), expert()
    a1, a2 = staff(admitted, boss, [first, second])
    ev.report_save(
        assignment=a2, user=second, entries=scores_for(admitted, ["4", "4", "4"]), submit=True
    )
    client.force_login(first)
    url = reverse("expert:reports", args=[a1.pk])
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Submit your own report first" in refused.content.decode()
    ev.report_save(
        assignment=a1, user=first, entries=scores_for(admitted, ["3", "3", "3"]), submit=True
    )
    page = client.get(url)
    assert page.status_code == 200
    assert str(second) in page.content.decode()


def test_a_bad_score_is_refused_and_the_input_kept(client, boss, admitted):
    first, second = expert(), expert()
    a1, _a2 = staff(admitted, boss, [first, second])
    client.force_login(first)
    criteria = list(scores_for(admitted, ["", "", ""]))
    data = {f"score_{criteria[0]}": "5.3", f"comment_{criteria[0]}": "Strong methodology."}
    response = client.post(reverse("expert:report", args=[a1.pk]), {**data, "save": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "5.3 is outside" in body
    assert "Strong methodology." in body


def test_managers_only(client, admitted):
    person = expert()
    client.force_login(person)
    assert client.get(reverse("evaluation:home")).status_code == 403
    assert client.get(reverse("evaluation:proposal", args=[admitted.pk])).status_code == 403


def test_manager_pages_render(client, boss, admitted):
    client.force_login(boss)
    for url in (
        reverse("evaluation:home"),
        reverse("evaluation:topic", args=[admitted.topic_id]),
        reverse("evaluation:ranking", args=[admitted.topic_id]),
        reverse("evaluation:proposal", args=[admitted.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert admitted.topic.identifier in response.content.decode()


def test_assigning_twice_through_the_page_says_why(client, boss, admitted):
    person = expert()
    client.force_login(boss)
    url = reverse("evaluation:assign", args=[admitted.pk])
    client.post(url, {"expert": person.pk})
    response = client.post(url, {"expert": person.pk}, follow=True)
    assert "already assigned to this proposal" in response.content.decode()


def test_expert_dashboard_queries_do_not_grow(client, django_assert_max_num_queries, boss):
    person = expert()
    topic = evaluation_topic(experts_per_proposal=1)
    proposals = [submitted(topic) for _ in range(6)]
    close(topic)
    for proposal in proposals[:2]:
        admit(proposal, boss)
        ev.assignment_create(proposal=proposal, expert=person, user=boss)
    # One declaration to sign and one report to write: a group known to be empty from the
    # expert's stored counts is not read, so the first count has every group in it.
    ev.declaration_sign(assignment=proposals[0].assignments.get(), user=person, has_conflict=False)
    client.force_login(person)
    url = reverse("expert:dashboard")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for proposal in proposals[2:]:
        admit(proposal, boss)
        assignment = ev.assignment_create(proposal=proposal, expert=person, user=boss)
        ev.declaration_sign(assignment=assignment, user=person, has_conflict=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("expert/assignments/") >= 6


def _evaluated_topic(boss, count, budget=Decimal("100000000")):
    topic = evaluation_topic(experts_per_proposal=2, budget=budget, max_grant=None)
    proposals = [submitted(topic) for _ in range(count)]
    close(topic)
    experts = [expert(), expert()]
    for index, proposal in enumerate(proposals):
        admit(proposal, boss)
        evaluate(proposal, boss, experts, ["4", "4", "4.5" if index % 2 else "4"])
    return topic, proposals


def test_ranking_and_topic_pages_queries_do_not_grow(client, django_assert_max_num_queries, boss):
    client.force_login(boss)
    small, _ = _evaluated_topic(boss, 2)
    large, _ = _evaluated_topic(boss, 5)
    for name in ("evaluation:ranking", "evaluation:topic"):
        # Both viewed once: the live ranking's order is then kept (ranking.preview).
        client.get(reverse(name, args=[small.pk]))
        client.get(reverse(name, args=[large.pk]))
        with django_assert_max_num_queries(40) as baseline:
            client.get(reverse(name, args=[small.pk]))
        with django_assert_max_num_queries(len(baseline.captured_queries)):
            response = client.get(reverse(name, args=[large.pk]))
        assert response.status_code == 200


def test_ranking_page_explains_the_ties(client, boss):
    topic, proposals = _evaluated_topic(boss, 3)
    client.force_login(boss)
    body = client.get(reverse("evaluation:ranking", args=[topic.pk])).content.decode()
    assert "Tie broken by:" in body
    assert "lower proposal number" in body  # equal scores, equal consortia


def test_esr_shown_to_the_applicant_once_published(client, boss):
    topic, proposals = _evaluated_topic(boss, 2)
    applicant = proposals[0].applicant
    client.force_login(applicant)
    page = reverse("applicant:proposal", args=[proposals[0].pk])
    summary = reverse("evaluation_results:summary", args=[proposals[0].pk])
    assert "Evaluation Summary Report" not in client.get(page).content.decode()
    assert client.get(summary).status_code == 404
    results.topic_compute_lists(topic=topic, user=boss)
    with TestCase.captureOnCommitCallbacks(execute=True):
        results.topic_publish_results(topic=topic, user=boss)
    body = client.get(page).content.decode()
    assert "Evaluation Summary Report" in body
    assert "Well argued." in body
    assert "Main list" in body
    assert client.get(summary).status_code == 200
    client.force_login(proposals[1].applicant)
    assert client.get(summary).status_code == 404  # another consortium's report


def test_ranking_exports_open_with_the_right_figures(client, boss):
    topic, proposals = _evaluated_topic(boss, 3)
    client.force_login(boss)
    response = client.get(reverse("evaluation:ranking_xlsx", args=[topic.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == topic.identifier
    assert rows[1][:3] == ("Rank", "Proposal", "Acronym")
    first = rows[2]
    assert first[0] == 1 and first[1] == proposals[1].number  # 4 + 4 + 4.5 ranks first
    assert first[3:8] == (4, 4, 4.5, 12.5, 12.5)
    csv_body = client.get(reverse("evaluation:ranking_csv", args=[topic.pk])).content.decode()
    assert f"1,{proposals[1].number}" in csv_body


def test_statistics_export(client, boss):
    topic, proposals = _evaluated_topic(boss, 2)
    results.topic_compute_lists(topic=topic, user=boss)
    results.topic_publish_results(topic=topic, user=boss)
    project = results.proposal_decide(proposal=proposals[0], user=boss, select=True)
    client.force_login(boss)
    response = client.get(reverse("evaluation:statistics"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    row = rows[topic.call.identifier]
    requested = sum(p.evaluated_version.requested for p in proposals)
    assert row[2:6] == (2, 2, 2, 1)
    assert Decimal(str(row[6])) == requested
    assert Decimal(str(row[7])) == project.eu_contribution


def test_the_applicant_sees_no_list_before_publication(client, boss):
    topic, proposals = _evaluated_topic(boss, 2)
    results.topic_compute_lists(topic=topic, user=boss)
    client.force_login(proposals[0].applicant)
    for url in (
        reverse("applicant:proposal", args=[proposals[0].pk]),
        reverse("applicant:dashboard"),
    ):
        body = client.get(url).content.decode()
        assert "Under evaluation" in body
        assert "Main list</span>" not in body and "badge--main_list" not in body
    results.topic_publish_results(topic=topic, user=boss)
    body = client.get(reverse("applicant:proposal", args=[proposals[0].pk])).content.decode()
    assert "Main list</span>" in body
