from decimal import Decimal

import pytest
from django.core import mail

from funding.evaluation.services import assignments as ev
from funding.evaluation.services import results
from funding.models import (
    Assignment,
    ConflictDeclaration,
    EvaluatedVersion,
    FundedProject,
    RankingEntry,
)
from funding.proposals.services import ProposalError as EvaluationError
from funding.proposals.statuses import ProposalStatus
from tests.cooperation.factories import MembershipFactory, OrganisationFactory
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
def topic():
    return evaluation_topic(experts_per_proposal=2)


@pytest.fixture
def boss():
    return manager()


def test_admission_waits_for_the_deadline(topic, boss):
    proposal = submitted(topic)
    with pytest.raises(EvaluationError, match="after the topic's deadline"):
        ev.proposal_check_admissibility(proposal=proposal, user=boss, decision="admit")


def test_admission_records_the_snapshot_figures(topic, boss):
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    version = EvaluatedVersion.objects.get(proposal=proposal)
    assert proposal.status == ProposalStatus.ADMITTED
    assert version.submission.number == 1
    assert version.women == 1 and version.men == 1 and version.gender_gap == 0
    assert version.applicant_countries == 3
    assert version.requested == Decimal(version.submission.snapshot["budget"]["total_requested"])


def test_a_reopened_draft_is_checked_on_its_last_submission(topic, boss):
    proposal = submitted(topic)
    from funding.proposals.lifecycle import proposal_reopen

    proposal_reopen(proposal=proposal, user=proposal.applicant)
    proposal.partners.exclude(role="coordinator").delete()  # edited after reopening
    close(topic)
    admit(proposal, boss)
    assert proposal.status == ProposalStatus.ADMITTED


def test_inadmissible_needs_a_reason(topic, boss):
    proposal = submitted(topic)
    close(topic)
    with pytest.raises(EvaluationError, match="reason"):
        ev.proposal_check_admissibility(proposal=proposal, user=boss, decision="inadmissible")
    ev.proposal_check_admissibility(
        proposal=proposal, user=boss, decision="inadmissible", reason="Part B unreadable."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.INADMISSIBLE


def test_an_applicant_cannot_admit(topic):
    proposal = submitted(topic)
    close(topic)
    with pytest.raises(EvaluationError, match="programme managers"):
        ev.proposal_check_admissibility(
            proposal=proposal, user=proposal.applicant, decision="admit"
        )


# --- conflicts of interest -----------------------------------------------------------------


def test_assignment_refused_when_the_employer_is_in_the_consortium(topic, boss):
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    conflicted = expert(employer=proposal.coordinator)
    with pytest.raises(EvaluationError, match="employer"):
        ev.assignment_create(proposal=proposal, expert=conflicted, user=boss)
    assert not Assignment.objects.exists()


def test_assignment_refused_for_a_member_of_an_applicant(topic, boss):
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    conflicted = expert()
    partner = proposal.partners.exclude(role="coordinator").first().organisation
    MembershipFactory(user=conflicted, organisation=partner)
    with pytest.raises(EvaluationError, match="member of"):
        ev.assignment_create(proposal=proposal, expert=conflicted, user=boss)


def test_assignment_refused_when_the_experts_organisation_applied_to_the_call(topic, boss):
    proposal = submitted(topic)
    rival = submitted(topic)
    close(topic)
    admit(proposal, boss)
    conflicted = expert(employer=rival.coordinator)
    with pytest.raises(EvaluationError, match="same call"):
        ev.assignment_create(proposal=proposal, expert=conflicted, user=boss)


def test_assigning_the_same_expert_twice_is_refused(topic, boss):
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    person = expert()
    ev.assignment_create(proposal=proposal, expert=person, user=boss)
    with pytest.raises(EvaluationError, match="already assigned"):
        ev.assignment_create(proposal=proposal, expert=person, user=boss)


def test_no_more_experts_than_the_topic_asks(topic, boss):
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    for _ in range(2):
        ev.assignment_create(proposal=proposal, expert=expert(), user=boss)
    with pytest.raises(EvaluationError, match="already has its 2 experts"):
        ev.assignment_create(proposal=proposal, expert=expert(), user=boss)


def test_declaring_a_conflict_releases_and_tells_the_manager(topic, boss, mailoutbox):
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    person = expert()
    assignment = ev.assignment_create(proposal=proposal, expert=person, user=boss)
    with pytest.raises(EvaluationError, match="what the conflict"):
        ev.declaration_sign(assignment=assignment, user=person, has_conflict=True)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        ev.declaration_sign(
            assignment=assignment, user=person, has_conflict=True, details="Former employer."
        )
    assignment.refresh_from_db()
    assert assignment.released_at is not None
    assert ConflictDeclaration.objects.get(assignment=assignment).has_conflict
    assert boss.email in mail.outbox[-1].to
    assert proposal.number in mail.outbox[-1].subject
    assert not Assignment.objects.cleared().filter(expert=person).exists()


def test_suggestion_matches_keywords_and_avoids_conflicts(topic, boss):
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    matching = expert(keywords="forensics, victim identification")
    other = expert(keywords="cybersecurity")
    conflicted = expert(employer=proposal.coordinator, keywords="forensics")
    unavailable = expert(keywords="forensics")
    for person in (matching, other, conflicted):
        ev.expert_set_availability(expert=person, call=topic.call, available=True)
    ev.expert_set_availability(expert=unavailable, call=topic.call, available=False)
    assert ev.assignment_suggest(proposal=proposal) == [matching, other]


# --- individual reports ----------------------------------------------------------------------


@pytest.fixture
def evaluating(topic, boss):
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    experts = [expert(), expert()]
    assignments = staff(proposal, boss, experts)
    return proposal, assignments


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("5.3", "from 0 to 5"),
        ("4.3", "steps of 0.5"),
        ("6", "from 0 to 5"),
        ("-1", "from 0 to 5"),
        ("abc", "not a number"),
    ],
)
def test_bad_scores_are_refused(evaluating, raw, message):
    proposal, (assignment, _other) = evaluating
    entries = scores_for(proposal, [raw, "4", "4"])
    with pytest.raises(EvaluationError, match=message):
        ev.report_save(assignment=assignment, user=assignment.expert, entries=entries)


def test_points_scheme_uses_the_topics_step_and_maximum(boss):
    from decimal import Decimal as D

    topic = evaluation_topic(
        criteria=(("relevance", "Relevance", 1, D("1")),), score_step=D("1"), experts_per_proposal=1
    )
    from funding.models import AwardCriterion

    AwardCriterion.objects.filter(topic=topic).update(max_score=30, threshold=21)
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    (assignment,) = staff(proposal, boss, [expert()])
    with pytest.raises(EvaluationError, match="steps of 1"):
        ev.report_save(
            assignment=assignment, user=assignment.expert, entries=scores_for(proposal, ["21.5"])
        )
    report = ev.report_save(
        assignment=assignment,
        user=assignment.expert,
        entries=scores_for(proposal, ["27"]),
        submit=True,
    )
    assert report.scores.get().score == D("27.00")


def test_submitting_with_a_criterion_missing_is_refused(evaluating):
    proposal, (assignment, _other) = evaluating
    entries = scores_for(proposal, ["4", "4", ""])
    ev.report_save(assignment=assignment, user=assignment.expert, entries=entries)  # draft ok
    with pytest.raises(EvaluationError, match="missing: Implementation"):
        ev.report_save(assignment=assignment, user=assignment.expert, entries=entries, submit=True)


def test_a_submitted_report_is_locked(evaluating):
    proposal, (assignment, _other) = evaluating
    entries = scores_for(proposal, ["4", "4", "4"])
    ev.report_save(assignment=assignment, user=assignment.expert, entries=entries, submit=True)
    with pytest.raises(EvaluationError, match="locked"):
        ev.report_save(assignment=assignment, user=assignment.expert, entries=entries)


# --- consensus ----------------------------------------------------------------------------


def test_consensus_waits_for_every_report_and_approval(evaluating, boss):
    proposal, (first, second) = evaluating
    report = results.consensus_appoint_rapporteur(
        proposal=proposal, rapporteur=first.expert, user=boss
    )
    entries = scores_for(proposal, ["4", "4", "3.5"])
    ev.report_save(assignment=first, user=first.expert, entries=entries, submit=True)
    with pytest.raises(EvaluationError, match="every expert has submitted"):
        results.consensus_save(report=report, user=first.expert, entries=entries)
    ev.report_save(assignment=second, user=second.expert, entries=entries, submit=True)
    with pytest.raises(EvaluationError, match="Only the rapporteur"):
        results.consensus_save(report=report, user=second.expert, entries=entries)
    results.consensus_save(
        report=report, user=first.expert, entries=entries, minority_views="One expert saw 3."
    )
    with pytest.raises(EvaluationError, match="Waiting for the approval"):
        results.consensus_close(report=report, user=boss)
    results.consensus_approve(report=report, user=second.expert)
    results.consensus_close(report=report, user=boss)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONSENSUS


def test_a_new_draft_withdraws_the_approvals(evaluating, boss):
    proposal, (first, second) = evaluating
    entries = scores_for(proposal, ["4", "4", "4"])
    for assignment in (first, second):
        ev.report_save(assignment=assignment, user=assignment.expert, entries=entries, submit=True)
    report = results.consensus_appoint_rapporteur(
        proposal=proposal, rapporteur=first.expert, user=boss
    )
    results.consensus_save(report=report, user=first.expert, entries=entries)
    results.consensus_approve(report=report, user=second.expert)
    results.consensus_save(
        report=report, user=first.expert, entries=scores_for(proposal, ["5", "4", "4"])
    )
    assert not report.approvals.exists()


# --- lists, publication, selection ---------------------------------------------------------------


def _three_evaluated(topic, boss, budget):
    type(topic).objects.filter(pk=topic.pk).update(budget=budget)
    proposals = [submitted(topic) for _ in range(3)]
    close(topic)
    experts = [expert(), expert()]
    values = (["5", "4.5", "4"], ["4", "4", "4"], ["2.5", "5", "5"])
    for proposal, scores in zip(proposals, values, strict=True):
        admit(proposal, boss)
        evaluate(proposal, boss, experts, scores)
    return proposals


def test_lists_cut_the_budget_between_main_and_reserve(topic, boss):
    version_requested = None
    proposals = _three_evaluated(topic, boss, Decimal("1"))
    version_requested = proposals[0].evaluated_version.requested
    type(topic).objects.filter(pk=topic.pk).update(budget=version_requested * 1 + Decimal("1"))
    topic.refresh_from_db()
    results.topic_compute_lists(topic=topic, user=boss)
    statuses = [
        p.status
        for p in type(proposals[0])
        .objects.filter(pk__in=[p.pk for p in proposals])
        .order_by("ranking__position")
    ]
    assert statuses == [
        ProposalStatus.MAIN_LIST,
        ProposalStatus.RESERVE_LIST,
        ProposalStatus.REJECTED,
    ]
    rejected = RankingEntry.objects.get(proposal=proposals[2])
    assert "Excellence scored 2.50" in rejected.list_reason


def test_publishing_before_every_consensus_is_closed_is_refused(topic, boss):
    proposals = _three_evaluated(topic, boss, Decimal("10000000"))
    late = submitted(evaluation_topic(experts_per_proposal=2, call=topic.call))
    close(late.topic)
    with pytest.raises(EvaluationError, match="Compute the ranking"):
        results.topic_publish_results(topic=topic, user=boss)
    results.topic_compute_lists(topic=topic, user=boss)
    assert proposals[0].pk


def test_publishing_with_an_open_consensus_report_is_refused(topic, boss):
    proposal = submitted(topic)
    close(topic)
    admit(proposal, boss)
    experts = [expert(), expert()]
    staff(proposal, boss, experts)
    with pytest.raises(EvaluationError, match="Close every consensus report"):
        results.topic_publish_results(topic=topic, user=boss)


def test_publication_sends_the_esr(topic, boss, mailoutbox):
    from django.test import TestCase

    proposals = _three_evaluated(topic, boss, Decimal("10000000"))
    results.topic_compute_lists(topic=topic, user=boss)
    with TestCase.captureOnCommitCallbacks(execute=True):
        results.topic_publish_results(topic=topic, user=boss)
    assert len(mail.outbox) == 3
    message = next(m for m in mail.outbox if proposals[2].number in m.subject)
    assert proposals[2].applicant.email in message.to
    assert "Excellence: 2.50 / 5.00 (threshold 3.00) — below the threshold" in message.body
    assert "Rejected" in message.body
    assert "Well argued." in message.body


def test_selection_creates_the_funded_project_from_the_snapshot(topic, boss):
    proposals = _three_evaluated(topic, boss, Decimal("10000000"))
    winner = proposals[0]
    # the live consortium changes after submission: the project follows the snapshot
    winner.partners.filter(role="beneficiary").update(personnel_costs=Decimal("1.00"))
    results.topic_compute_lists(topic=topic, user=boss)
    with pytest.raises(EvaluationError, match="Publish"):
        results.proposal_decide(proposal=winner, user=boss, select=True)
    results.topic_publish_results(topic=topic, user=boss)
    project = results.proposal_decide(proposal=winner, user=boss, select=True)
    snapshot = winner.submissions.get().snapshot
    assert project.proposal == winner
    assert project.status == "grant_preparation"
    assert project.eu_contribution == Decimal(snapshot["budget"]["total_requested"])
    assert project.total_cost == Decimal(snapshot["budget"]["total_eligible"])
    participants = list(project.participants.order_by("position"))
    assert [p.organisation.legal_name for p in participants] == [
        e["organisation"] for e in snapshot["consortium"]
    ]
    assert [str(p.eu_contribution) for p in participants] == [
        line["requested"] for line in snapshot["budget"]["partners"]
    ]
    assert participants[0].role == "coordinator"
    assert FundedProject.objects.count() == 1
    winner.refresh_from_db()
    assert winner.status == ProposalStatus.SELECTED


def test_not_funding_needs_a_reason(topic, boss):
    proposals = _three_evaluated(topic, boss, Decimal("10000000"))
    results.topic_compute_lists(topic=topic, user=boss)
    with pytest.raises(EvaluationError, match="reason"):
        results.proposal_decide(proposal=proposals[1], user=boss, select=False)
    results.proposal_decide(proposal=proposals[1], user=boss, select=False, reason="Budget cut.")
    proposals[1].refresh_from_db()
    assert proposals[1].status == ProposalStatus.NOT_FUNDED


def test_an_organisation_unused(topic):
    assert OrganisationFactory().pk
