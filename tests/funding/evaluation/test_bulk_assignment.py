"""Bulk assignment: a topic's admitted proposals get their experts in one action, balanced
by load, never an expert already asked, conflicted or unavailable; a preview that changes
nothing, then a confirmation that makes all the previewed pairs or none."""

from collections import Counter

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperation.models import Membership
from funding.evaluation.models import Assignment
from funding.evaluation.services import assignments as ev
from funding.evaluation.services.assignments import EvaluationError
from funding.evaluation.services.bulk_assignments import (
    assignment_plan,
    assignments_create_bulk,
    available_experts,
)
from funding.evaluation.services.conflicts import conflicted_expert_ids, conflicted_pairs
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluation_topic,
    expert,
    manager,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss():
    return manager()


def admitted_topic(boss, n_proposals, experts_per_proposal=2):
    topic = evaluation_topic(experts_per_proposal=experts_per_proposal)
    proposals = [submitted(topic) for _ in range(n_proposals)]
    close(topic)
    return topic, [admit(p, boss) for p in proposals]


def available(*people, topic, flag=True):
    for person in people:
        ev.expert_set_availability(expert=person, call=topic.call, available=flag)
    return people


def test_the_plan_is_balanced_by_load_and_gives_each_proposal_its_experts(boss):
    topic, proposals = admitted_topic(boss, 6)
    pool = available(*[expert() for _ in range(4)], topic=topic)
    plan = assignment_plan(topic=topic)
    assert Assignment.objects.count() == 0  # a preview changes nothing
    assert all(len(row.proposed) == 2 and row.missing == 0 for row in plan.rows)
    for row in plan.rows:
        assert len({e.pk for e in row.proposed}) == 2  # two different experts
    per_expert = Counter(expert_id for _p, expert_id in plan.pairs)
    assert sorted(per_expert.values()) == [3, 3, 3, 3]
    assert set(per_expert) == {e.pk for e in pool}


def test_an_existing_load_in_the_call_is_counted(boss):
    topic, proposals = admitted_topic(boss, 4)
    busy, free_a, free_b = available(expert(), expert(), expert(), topic=topic)
    # busy already evaluates two proposals of the call (another topic of the same call).
    other = evaluation_topic(call=topic.call, experts_per_proposal=1)
    others = [submitted(other), submitted(other)]
    close(other)
    for proposal in others:
        ev.assignment_create(proposal=admit(proposal, boss), expert=busy, user=boss)
    plan = assignment_plan(topic=topic)
    per_expert = Counter(expert_id for _p, expert_id in plan.pairs)
    loads = {load.expert.pk: load for load in plan.loads}
    assert loads[busy.pk].before == 2
    # 8 places on top of busy's 2: 10 in all, spread 4, 3, 3; busy gets the fewest new ones.
    assert sum(per_expert.values()) == 8
    assert sorted(x.after for x in plan.loads) == [3, 3, 4]
    assert per_expert[busy.pk] <= min(per_expert[free_a.pk], per_expert[free_b.pk])
    assert per_expert[busy.pk] == loads[busy.pk].after - 2


def test_nobody_already_asked_conflicted_or_unavailable_is_proposed(boss):
    topic, (first, second) = admitted_topic(boss, 2)
    employed = expert(employer=first.coordinator)  # conflicted on `first`
    member = expert()
    Membership.objects.create(user=member, organisation=second.coordinator)  # on `second`
    released, keen = expert(), expert()
    unavailable, silent = expert(), expert()  # one says no; the other never said
    available(employed, member, released, keen, topic=topic)
    available(unavailable, topic=topic, flag=False)
    assignment = ev.assignment_create(proposal=first, expert=released, user=boss)
    ev.declaration_sign(assignment=assignment, user=released, has_conflict=True, details="x")
    plan = assignment_plan(topic=topic)
    proposed = {row.proposal.pk: {e.pk for e in row.proposed} for row in plan.rows}
    # Each member of an organisation that submitted to the call is conflicted on every
    # proposal of the call (the conflict rules), so `employed` and `member` are never proposed.
    assert employed.pk not in proposed[first.pk] and employed.pk not in proposed[second.pk]
    assert member.pk not in proposed[second.pk]
    assert released.pk not in proposed[first.pk]
    for ids in proposed.values():
        assert unavailable.pk not in ids and silent.pk not in ids
    assert keen.pk in proposed[first.pk]
    short = {row.proposal.pk: row.missing for row in plan.rows}
    assert short[first.pk] == 1 and plan.missing >= 1  # said, not hidden


def test_the_topics_number_of_experts_counts_those_already_assigned(boss):
    topic, (proposal,) = admitted_topic(boss, 1, experts_per_proposal=3)
    first, *others = available(*[expert() for _ in range(4)], topic=topic)
    ev.assignment_create(proposal=proposal, expert=first, user=boss)
    (row,) = assignment_plan(topic=topic).rows
    assert [e.pk for e in row.assigned] == [first.pk]
    assert len(row.proposed) == 2 and first not in row.proposed


def test_confirming_makes_every_pair_and_emails_each_expert(
    boss, django_capture_on_commit_callbacks
):
    topic, proposals = admitted_topic(boss, 3)
    available(*[expert() for _ in range(3)], topic=topic)
    plan = assignment_plan(topic=topic)
    with django_capture_on_commit_callbacks(execute=True):
        made = assignments_create_bulk(topic=topic, user=boss, pairs=plan.pairs)
    assert len(made) == 6 == Assignment.objects.count()
    assert len(mail.outbox) == 6
    assert assignment_plan(topic=topic).pairs == []  # nothing left to do


def test_a_pair_that_became_wrong_since_the_preview_assigns_nothing(boss):
    topic, (first, second) = admitted_topic(boss, 2)
    available(*[expert() for _ in range(2)], topic=topic)
    plan = assignment_plan(topic=topic)
    proposal_id, expert_id = plan.pairs[0]
    # Meanwhile the expert joins the coordinator's organisation: a known conflict.
    proposal = first if first.pk == proposal_id else second
    Membership.objects.create(user_id=expert_id, organisation=proposal.coordinator)
    with pytest.raises(EvaluationError, match="Nothing was assigned"):
        assignments_create_bulk(topic=topic, user=boss, pairs=plan.pairs)
    assert Assignment.objects.count() == 0


def test_an_unavailable_expert_or_a_proposal_of_another_topic_is_refused(boss):
    topic, (proposal,) = admitted_topic(boss, 1)
    no = available(expert(), topic=topic, flag=False)[0]
    with pytest.raises(EvaluationError, match="no longer available"):
        assignments_create_bulk(topic=topic, user=boss, pairs=[(proposal.pk, no.pk)])
    other, (elsewhere,) = admitted_topic(boss, 1)
    yes = available(expert(), topic=topic)[0]
    with pytest.raises(EvaluationError, match="not in this topic"):
        assignments_create_bulk(topic=topic, user=boss, pairs=[(elsewhere.pk, yes.pk)])
    assert Assignment.objects.count() == 0


def test_only_a_programme_manager_may_assign_in_bulk(boss):
    topic, (proposal,) = admitted_topic(boss, 1)
    person = available(expert(), topic=topic)[0]
    with pytest.raises(EvaluationError):
        assignments_create_bulk(topic=topic, user=person, pairs=[(proposal.pk, person.pk)])
    assert Assignment.objects.count() == 0


def test_the_preview_page_and_its_confirmation(client, boss, django_capture_on_commit_callbacks):
    topic, proposals = admitted_topic(boss, 2)
    pool = available(expert(), expert(), topic=topic)
    client.force_login(boss)
    url = reverse("evaluation:bulk_assign", args=[topic.pk])
    page = client.get(url)
    assert page.status_code == 200 and Assignment.objects.count() == 0
    text = page.content.decode()
    assert "Yes, make these 4 assignments" in text and str(pool[0]) in text
    pairs = [f"{p}-{e}" for p, e in page.context["plan"].pairs]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"pairs": pairs})
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:topic", args=[topic.pk])
    assert Assignment.objects.count() == 4
    # A garbled or stale preview: refused with the reason, nothing changes.
    response = client.post(url, {"pairs": ["x-y"]}, follow=True)
    assert "could not be read" in response.content.decode()
    response = client.post(url, {"pairs": pairs}, follow=True)
    assert "Nothing was assigned" in response.content.decode()
    assert Assignment.objects.count() == 4


def test_the_bulk_conflicts_agree_with_the_one_proposal_rules(boss):
    """`conflicted_pairs` (many proposals at once) and `conflicted_expert_ids` (one) name
    the same experts."""
    topic, proposals = admitted_topic(boss, 3)
    employed = expert(employer=proposals[0].coordinator)
    member = expert()
    Membership.objects.create(user=member, organisation=proposals[1].partners.last().organisation)
    pool = list(
        available_experts(topic).filter(
            pk__in=[e.pk for e in available(employed, member, expert(), topic=topic)]
        )
    )
    bulk = conflicted_pairs(proposals, pool)
    for proposal in proposals:
        one = conflicted_expert_ids(proposal) & {e.pk for e in pool}
        assert bulk[proposal.pk] == one, proposal.number
    assert employed.pk in bulk[proposals[0].pk] and member.pk in bulk[proposals[1].pk]


def test_the_preview_takes_as_many_queries_for_many_proposals(client, boss):
    def preview_queries(n):
        topic, _proposals = admitted_topic(boss, n)
        available(expert(), expert(), expert(), topic=topic)
        client.force_login(boss)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("evaluation:bulk_assign", args=[topic.pk])).status_code == 200
        return len(captured)

    assert preview_queries(6) == preview_queries(2)
