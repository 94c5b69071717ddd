"""The benchmark's evaluation: the award criteria of every benchmark topic, a pool of
independent experts, and every submitted proposal of a closed topic evaluated to a closed
consensus, as `generate_evaluations` describes. Values are derived from the proposal's
number, so two runs make the same evaluations.
"""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from benchmarks.bulk import BATCH, COUNTRIES, MANAGER, RANKING_TOPIC_SHARE, bulk, money
from cooperation.accounts.roles import Role
from cooperation.models import ExpertProfile, User
from funding.calls.criteria_templates import HORIZON_RIA_CSA
from funding.calls.services import criteria_from_template
from funding.evaluation.models import (
    Assignment,
    ConflictDeclaration,
    ConsensusApproval,
    ConsensusReport,
    ConsensusScore,
    ConsensusStatus,
    EvaluatedVersion,
    ExpertAvailability,
    IndividualReport,
    IndividualScore,
    ReportStatus,
    TopicEvaluation,
)
from funding.evaluation.models_inputs import RankingInputs
from funding.evaluation.models_progress import ExpertProgress, ProposalProgress
from funding.evaluation.services.assignments import DECLARATION_STATEMENT
from funding.evaluation.snapshot import gender_gap
from funding.models import AwardCriterion, Call, Proposal, ProposalSubmission, Topic
from funding.proposals.models import ProposalStatusChange
from funding.proposals.statuses import ProposalStatus

# Independent experts; the first RANKING_EXPERTS are the ranking topic's panel (50
# proposals each at full scale), the others evaluate the other closed topics.
EXPERTS = 1000
RANKING_EXPERTS = 300


def _criteria(topics: list[Topic]) -> dict[int, list[int]]:
    """The Horizon Europe criteria on every benchmark topic; {topic id: criterion ids}."""
    have = set(AwardCriterion.objects.filter(topic__in=topics).values_list("topic_id", flat=True))
    bulk(
        AwardCriterion,
        [
            criterion
            for topic in topics
            if topic.pk not in have
            for criterion in criteria_from_template(topic=topic, template=HORIZON_RIA_CSA)
        ],
    )
    criteria: dict[int, list[int]] = {}
    for topic_id, pk in (
        AwardCriterion.objects.filter(topic__in=topics)
        .order_by("topic_id", "position", "pk")
        .values_list("topic_id", "pk")
    ):
        criteria.setdefault(topic_id, []).append(pk)
    return criteria


def _experts(now) -> list[User]:
    """EXPERTS users with the Expert role and a profile, available for every benchmark call.
    The first RANKING_EXPERTS evaluate the ranking topic, the others the other topics."""
    existing = User.objects.filter(email__startswith="bench.expert").count()
    if existing < EXPERTS:
        bulk(
            User,
            [
                User(
                    email=f"bench.expert{n:04d}@bench.example.eu",
                    first_name="Expert",
                    last_name=f"Bench {n:04d}",
                    password="!",  # signed in by the test client, never with a password
                    email_confirmed_at=now,
                )
                for n in range(existing, EXPERTS)
            ],
        )
        experts = list(User.objects.filter(email__startswith="bench.expert").order_by("email"))
        group = Group.objects.get(name=Role.EXPERT)
        fresh = experts[existing:]
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=group.pk) for u in fresh]
        )
        keywords = ["forensics", "victim identification", "prevention", "hotlines", "AI"]
        bulk(
            ExpertProfile,
            [
                ExpertProfile(
                    user=u,
                    keywords=f"{keywords[n % 5]}, {keywords[(n + 2) % 5]}",
                    country=COUNTRIES[n % len(COUNTRIES)],
                )
                for n, u in enumerate(fresh, start=existing)
            ],
        )
        calls = list(
            Call.objects.filter(identifier__startswith="BENCH-")
            .order_by("identifier")
            .values_list("pk", flat=True)
        )
        bulk(
            ExpertAvailability,
            [
                ExpertAvailability(expert=u, call_id=call_id)
                for n, u in enumerate(fresh, start=existing)
                for call_id in (calls[:1] if n < RANKING_EXPERTS else calls[1:])
            ],
        )
    return list(User.objects.filter(email__startswith="bench.expert").order_by("email"))


# Consensus scores as a panel gives them: each proposal has an overall quality (normal
# around QUALITY, spread SPREAD, in points of 0 to 5) and each criterion varies around it
# by CRITERION_SPREAD. With the Horizon thresholds (3 per criterion, 10 of 15) about four
# proposals in ten pass, a few of them fit the topic's budget (main list), the others wait
# on the reserve list, and the rest are rejected; ties in the total are common, as with
# half points, so the tie-breaks run too.
QUALITY, SPREAD, CRITERION_SPREAD = Decimal("3.2"), 0.8, 0.5


def _score(i: int, k: int, shift: int = 0) -> Decimal:
    """The half-point score (0 to 5) of proposal number `i` on its `k`-th criterion, the
    same in every run; `shift` half points for an individual expert's view of it."""
    quality = random.Random(i).gauss(float(QUALITY), SPREAD)
    value = quality + random.Random(i * 16 + k + 1).gauss(0, CRITERION_SPREAD)
    steps = min(10, max(0, round(value * 2) + shift))
    return Decimal(steps) / 2


def generate_evaluations(*, topic: Topic, others: list[Topic]) -> None:
    """Evaluate every submitted benchmark proposal of a closed topic, as the evaluation
    leaves it once the consensus is reached: the evaluated version (admitted), three
    experts each with a signed declaration of no conflict (one proposal in twenty also has
    a fourth expert released for a declared conflict), three submitted Individual
    Evaluation Reports with a score and a comment per criterion, and a Consensus Report
    approved by the other two experts and closed. `topic` (the ranking topic) gets its own
    panel of RANKING_EXPERTS experts; the other closed topics share the rest. Additive:
    proposals evaluated before are left alone."""
    now = timezone.now()
    topics = [topic, *others]
    closed = {t.pk: t for t in topics if t.deadline_at <= now}
    with transaction.atomic():
        criteria = _criteria(topics)
        experts = _experts(now)
    manager = User.objects.get(email=MANAGER)
    statement = str(DECLARATION_STATEMENT)
    for t in closed.values():
        TopicEvaluation.objects.get_or_create(
            topic=t, defaults={"report_deadline": t.deadline_at + dt.timedelta(days=45)}
        )
    pending = (
        Proposal.objects.filter(
            topic__in=list(closed),
            number__startswith="B-",
            status=ProposalStatus.SUBMITTED,
            evaluated_version__isnull=True,
        )
        .order_by("number")
        .values_list("pk", "number", "topic_id")
    )
    pending = list(pending)
    panel = RANKING_EXPERTS
    rest = len(experts) - panel
    for start in range(0, len(pending), BATCH):
        chunk = pending[start : start + BATCH]
        with transaction.atomic():
            submission_of = dict(
                ProposalSubmission.objects.filter(
                    proposal_id__in=[row[0] for row in chunk]
                ).values_list("proposal_id", "pk")
            )
            versions, assignments, plans = [], [], []
            for pk, number, topic_id in chunk:
                i = int(number[2:])
                t = closed[topic_id]
                deadline = t.deadline_at
                if topic_id == topic.pk:
                    j = i // RANKING_TOPIC_SHARE
                    team = [experts[(3 * j + k) % panel] for k in range(4)]
                else:
                    team = [experts[panel + (3 * i + k) % rest] for k in range(4)]
                women, men = i % 4, 1 + i % 3
                requested = money(1000000 + (i * 7919) % 2000000)
                versions.append(
                    EvaluatedVersion(
                        proposal_id=pk,
                        submission_id=submission_of[pk],
                        requested=requested,
                        eligible_costs=requested,
                        women=women,
                        men=men,
                        gender_gap=gender_gap(women, men),
                        applicant_countries=1 + i % 5,
                        checked_by=manager,
                        checked_at=deadline + dt.timedelta(days=2),
                    )
                )
                conflict = i % 20 == 0
                for k, person in enumerate(team[: 4 if conflict else 3]):
                    released = k == 3
                    assignments.append(
                        Assignment(
                            proposal_id=pk,
                            expert=person,
                            assigned_by=manager,
                            assigned_at=deadline + dt.timedelta(days=3),
                            released_at=deadline + dt.timedelta(days=4) if released else None,
                            release_reason="conflict of interest declared by the expert: "
                            "former employee of the coordinator"
                            if released
                            else "",
                        )
                    )
                plans.append((pk, i, t, team[:3]))
            bulk(EvaluatedVersion, versions)
            bulk(Assignment, assignments)
            declarations, reports = [], []
            for a in assignments:
                declarations.append(
                    ConflictDeclaration(
                        assignment=a,
                        has_conflict=a.released_at is not None,
                        details="Former employee of the coordinator." if a.released_at else "",
                        statement=statement,
                        signed_at=a.assigned_at + dt.timedelta(days=1),
                    )
                )
                if a.released_at is None:
                    reports.append(
                        IndividualReport(
                            assignment=a,
                            status=ReportStatus.SUBMITTED,
                            saved_at=a.assigned_at + dt.timedelta(days=10),
                            submitted_at=a.assigned_at + dt.timedelta(days=10),
                        )
                    )
            bulk(ConflictDeclaration, declarations)
            bulk(IndividualReport, reports)
            proposal_of = {a.pk: a.proposal_id for a in assignments}
            number_of = {pk: i for pk, i, _t, _team in plans}
            topic_of = {pk: t for pk, _i, t, _team in plans}
            scores = []
            for n, report in enumerate(reports):
                pk = proposal_of[report.assignment.pk]
                i = number_of[pk]
                for k, criterion_id in enumerate(criteria[topic_of[pk].pk]):
                    scores.append(
                        IndividualScore(
                            report=report,
                            criterion_id=criterion_id,
                            score=_score(i, k, shift=(n % 3) - 1),
                            comment="Clear objectives; the methodology is sound but the "
                            "risks of the pilot are underestimated.",
                        )
                    )
            bulk(IndividualScore, scores)
            consensus = [
                ConsensusReport(
                    proposal_id=pk,
                    rapporteur=team[0],
                    status=ConsensusStatus.CLOSED,
                    minority_views="",
                    saved_at=t.deadline_at + dt.timedelta(days=20),
                    closed_at=t.deadline_at + dt.timedelta(days=25),
                    closed_by=manager,
                )
                for pk, _i, t, team in plans
            ]
            bulk(ConsensusReport, consensus)
            consensus_scores, approvals, history = [], [], []
            for report, (pk, i, t, team) in zip(consensus, plans, strict=True):
                for k, criterion_id in enumerate(criteria[t.pk]):
                    consensus_scores.append(
                        ConsensusScore(
                            report=report,
                            criterion_id=criterion_id,
                            score=_score(i, k),
                            comment="The experts agree on the strengths and weaknesses.",
                        )
                    )
                for person in team[1:]:
                    approvals.append(
                        ConsensusApproval(
                            report=report,
                            expert=person,
                            approved_at=t.deadline_at + dt.timedelta(days=21),
                        )
                    )
                steps = [
                    ("admit", ProposalStatus.SUBMITTED, ProposalStatus.ADMITTED, 2),
                    (
                        "start_evaluation",
                        ProposalStatus.ADMITTED,
                        ProposalStatus.UNDER_EVALUATION,
                        5,
                    ),
                    (
                        "reach_consensus",
                        ProposalStatus.UNDER_EVALUATION,
                        ProposalStatus.CONSENSUS,
                        25,
                    ),
                ]
                for action, before, after, days in steps:
                    history.append(
                        ProposalStatusChange(
                            proposal_id=pk,
                            action=action,
                            from_status=before,
                            to_status=after,
                            changed_by=manager,
                            changed_at=t.deadline_at + dt.timedelta(days=days),
                        )
                    )
            bulk(ConsensusScore, consensus_scores)
            bulk(ConsensusApproval, approvals)
            bulk(ProposalStatusChange, history)
            Proposal.objects.filter(pk__in=[row[0] for row in chunk]).update(
                status=ProposalStatus.CONSENSUS
            )
    # The experts' and proposals' stored progress and the ranking inputs' tokens (kept by
    # the services and the ranking's signals; bulk rows bypass them).
    with transaction.atomic():
        ExpertProgress.objects.rebuild(topic_ids=list(closed))
        ProposalProgress.objects.rebuild(topic_ids=list(closed))
        RankingInputs.objects.renew(closed)
