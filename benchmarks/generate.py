"""The benchmark's data: the demo (for the site, the accounts and the pages) plus a programme
grown to tens of thousands of rows with bulk inserts.

`populate(counts)` is additive: it tops every kind of row up to the counts asked for, so the
benchmark can measure the pages at a small size, grow the data, and measure them again.
Values are derived from the row number, so two runs make the same data.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from cooperation.accounts.roles import Role
from cooperation.forum.models.commitments import Completion, EarlyResults, UpdateKind
from cooperation.forum.models.stakeholders import StakeholderCategory
from cooperation.forum.models.workstreams import Forum, StrategyInitiative
from cooperation.models import (
    Commitment,
    CommitmentMilestone,
    Membership,
    Organisation,
    ProgressUpdate,
    Stakeholder,
    User,
    Workstream,
)
from cooperation.organisations.models import MembershipRole, OrganisationType
from funding.calls.models.calls import ActionType
from funding.models import Call, Partner, Programme, Proposal, ProposalSubmission, Topic
from funding.portfolio.models.delivery import (
    Deliverable,
    DeliverableType,
    DisseminationLevel,
    Payment,
    PaymentKind,
    ReportingPeriod,
)
from funding.portfolio.models.projects import (
    FundedProject,
    Participant,
    ParticipantRole,
    ProjectStatus,
)
from funding.proposals.models import Attachment, AttachmentKind, PartnerRole
from funding.proposals.statuses import ProposalStatus

BATCH = 2000
BENCH_APPLICANT = "bench.applicant@bench.example.eu"
MANAGER = "manager@demo.example.eu"
SECRETARIAT = "secretariat@demo.example.eu"
PARTNERS_PER_PROPOSAL = 3
PARTICIPANTS_PER_PROJECT = 4
DELIVERABLES_PER_PROJECT = 10
# Every fourth proposal goes to the first topic: the one the ranking is measured on.
RANKING_TOPIC_SHARE = 4
# The benchmark applicant's organisation coordinates one proposal in twenty.
APPLICANT_SHARE = 20
# Independent experts; the first RANKING_EXPERTS are the ranking topic's panel (50
# proposals each at full scale), the others evaluate the other closed topics.
EXPERTS = 1000
RANKING_EXPERTS = 300
COUNTRIES = ["BE", "NL", "FR", "DE", "ES", "IT", "PL", "SE", "AT", "PT", "IE", "FI", "CZ", "RO"]
ORG_TYPES = [
    OrganisationType.PUBLIC_BODY,
    OrganisationType.RESEARCH,
    OrganisationType.HIGHER_EDUCATION,
    OrganisationType.PRIVATE_COMPANY,
    OrganisationType.CIVIL_SOCIETY,
]


@dataclass(frozen=True)
class Counts:
    calls: int  # one topic each
    organisations: int  # applicant and participant organisations
    proposals: int
    projects: int  # DELIVERABLES_PER_PROJECT deliverables each
    stakeholders: int
    commitments: int


# The figures, a twentieth of them for development, and the small size the page
# query counts are first measured at.
FULL = Counts(20, 2000, 20000, 2000, 1000, 10000)
SMALL = Counts(20, 200, 1000, 100, 50, 500)
PROBE = Counts(20, 50, 100, 10, 10, 50)
SCALES = {"full": FULL, "small": SMALL}


def _bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH)


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def seed_demo() -> dict:
    """The demo's steps (site, pages, calls, accounts), as `manage.py seed_demo` runs them."""
    from demo.management.commands.seed_demo import STEPS

    context: dict = {}
    with transaction.atomic():
        for step in STEPS:
            import_string(step)(context)
    return context


def _bench_calls(count: int, now: dt.datetime) -> list[Topic]:
    """`count` published calls with one topic each; most closed, a few open, like a
    programme's history. Each gets its page on the public site."""
    from cms.models import CallIndexPage, CallPage

    programme = Programme.objects.get(code="HORIZON")
    existing = Call.objects.filter(identifier__startswith="BENCH-").count()
    index = CallIndexPage.objects.first()
    for i in range(existing, count):
        year = 2015 + i // 2
        closed = i < count - 3
        deadline = (
            now - dt.timedelta(days=30 * (count - i))
            if closed
            else now + dt.timedelta(days=30 * (i - count + 4))
        )
        call = Call.objects.create(
            programme=programme,
            identifier=f"BENCH-{year}-CALL-{i:02d}",
            title=f"Fighting child sexual abuse online, call {i + 1}",
            summary="Research and innovation to detect, prevent and investigate abuse.",
            publication_date=(deadline - dt.timedelta(days=120)).date(),
            published_at=deadline - dt.timedelta(days=120),
        )
        Topic.objects.create(
            call=call,
            identifier=f"BENCH-{year}-TOPIC-{i:02d}",
            title=f"Victim identification and prevention, topic {i + 1}",
            action_type=ActionType.RIA,
            opening_at=deadline - dt.timedelta(days=90),
            deadline_at=deadline,
            budget=Decimal("20000000.00"),
            max_grant=Decimal("5000000.00"),
            expected_grants=5,
        )
        if index is not None:
            page = CallPage(title=call.title, slug=call.identifier.lower(), call=call)
            index.add_child(instance=page)
            page.save_revision().publish()
    return list(Topic.objects.filter(identifier__startswith="BENCH-").order_by("identifier"))


def _organisations(count: int) -> list[Organisation]:
    existing = Organisation.objects.filter(legal_name__startswith="Bench organisation ").count()
    _bulk(
        Organisation,
        [
            Organisation(
                legal_name=f"Bench organisation {i:05d}",
                short_name=f"BENCH{i:05d}",
                country=COUNTRIES[i % len(COUNTRIES)],
                organisation_type=ORG_TYPES[i % len(ORG_TYPES)],
                pic=f"{800000000 + i}",
            )
            for i in range(existing, count)
        ],
    )
    return list(
        Organisation.objects.filter(legal_name__startswith="Bench organisation ").order_by(
            "legal_name"
        )
    )


def bench_applicant(organisation: Organisation) -> User:
    user, created = User.objects.get_or_create(
        email=BENCH_APPLICANT, defaults={"first_name": "Bench", "last_name": "Applicant"}
    )
    if created:
        user.set_password("Bench-password-2026")
        user.email_confirmed_at = timezone.now()
        user.save()
        user.groups.add(Group.objects.get(name=Role.APPLICANT))
        Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.CONTACT)
    return user


def _proposals(count: int, topics: list[Topic], organisations: list[Organisation], now):
    existing = Proposal.objects.filter(number__startswith="B-").count()
    if existing >= count:
        return
    others = topics[1:]
    for start in range(existing, count, BATCH):
        numbers = range(start, min(start + BATCH, count))
        proposals = []
        for i in numbers:
            topic = topics[0] if i % RANKING_TOPIC_SHARE == 0 else others[i % len(others)]
            coordinator = organisations[
                0 if i % APPLICANT_SHARE == 0 else 1 + i % 997 % (len(organisations) - 1)
            ]
            submitted = topic.deadline_at <= now or i % 3 == 0
            proposals.append(
                Proposal(
                    topic=topic,
                    number=f"B-{i:06d}",
                    acronym=f"BENCH{i}",
                    title=f"Detecting and preventing online abuse, proposal {i}",
                    abstract="A consortium of police, researchers and hotlines.",
                    keywords="detection, prevention",
                    duration_months=24 + i % 13,
                    coordinator=coordinator,
                    status=ProposalStatus.SUBMITTED if submitted else ProposalStatus.DRAFT,
                    submitted_at=topic.deadline_at - dt.timedelta(hours=1 + i % 200)
                    if submitted
                    else None,
                    updated_at=topic.deadline_at - dt.timedelta(hours=1 + i % 200),
                )
            )
        _bulk(Proposal, proposals)
        created = Proposal.objects.filter(number__in=[p.number for p in proposals]).order_by(
            "number"
        )
        partners, submissions = [], []
        for proposal in created.select_related("topic"):
            i = int(proposal.number[2:])
            chosen = [proposal.coordinator_id]
            for k in range(1, PARTNERS_PER_PROPOSAL):
                candidate = organisations[(i * 7 + k * 131) % len(organisations)].pk
                if candidate not in chosen:
                    chosen.append(candidate)
            for position, organisation_id in enumerate(chosen):
                partners.append(
                    Partner(
                        proposal=proposal,
                        organisation_id=organisation_id,
                        role=PartnerRole.COORDINATOR if position == 0 else PartnerRole.BENEFICIARY,
                        personnel_costs=_money(200000 + (i * 37 + position * 1000) % 400000),
                        subcontracting_costs=_money((i * 11) % 50000),
                        purchase_costs=_money(10000 + (i * 13) % 90000),
                        other_direct_costs=_money((i * 17) % 30000),
                        position=position,
                    )
                )
            if proposal.status == ProposalStatus.SUBMITTED:
                submissions.append(
                    ProposalSubmission(
                        proposal=proposal,
                        number=1,
                        submitted_at=proposal.submitted_at,
                        snapshot={"proposal": {"number": proposal.number}},
                        checksum="0" * 64,
                    )
                )
        _bulk(Partner, partners)
        _bulk(ProposalSubmission, submissions)


def _criteria(topics: list[Topic]) -> dict[int, list[int]]:
    """The Horizon Europe criteria on every benchmark topic; {topic id: criterion ids}."""
    from funding.calls.criteria_templates import HORIZON_RIA_CSA
    from funding.calls.services import criteria_from_template
    from funding.models import AwardCriterion

    have = set(AwardCriterion.objects.filter(topic__in=topics).values_list("topic_id", flat=True))
    _bulk(
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
    from cooperation.models import ExpertProfile
    from funding.evaluation.models import ExpertAvailability

    existing = User.objects.filter(email__startswith="bench.expert").count()
    if existing < EXPERTS:
        _bulk(
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
        _bulk(
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
        _bulk(
            ExpertAvailability,
            [
                ExpertAvailability(expert=u, call_id=call_id)
                for n, u in enumerate(fresh, start=existing)
                for call_id in (calls[:1] if n < RANKING_EXPERTS else calls[1:])
            ],
        )
    return list(User.objects.filter(email__startswith="bench.expert").order_by("email"))


def _score(i: int, k: int, shift: int = 0) -> Decimal:
    """A half-point score from 0 to 5 derived from the proposal and criterion numbers."""
    steps = min(10, max(0, (i * 7 + k * 5) % 11 + shift))
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
    from funding.evaluation.models import (
        Assignment,
        ConflictDeclaration,
        ConsensusApproval,
        ConsensusReport,
        ConsensusScore,
        ConsensusStatus,
        EvaluatedVersion,
        IndividualReport,
        IndividualScore,
        ReportStatus,
        TopicEvaluation,
    )
    from funding.evaluation.services.assignments import DECLARATION_STATEMENT
    from funding.evaluation.snapshot import gender_gap
    from funding.proposals.models import ProposalStatusChange

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
                requested = _money(1000000 + (i * 7919) % 2000000)
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
            _bulk(EvaluatedVersion, versions)
            _bulk(Assignment, assignments)
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
            _bulk(ConflictDeclaration, declarations)
            _bulk(IndividualReport, reports)
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
            _bulk(IndividualScore, scores)
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
            _bulk(ConsensusReport, consensus)
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
            _bulk(ConsensusScore, consensus_scores)
            _bulk(ConsensusApproval, approvals)
            _bulk(ProposalStatusChange, history)
            Proposal.objects.filter(pk__in=[row[0] for row in chunk]).update(
                status=ProposalStatus.CONSENSUS
            )


def _projects(count: int, topics: list[Topic], organisations: list[Organisation]):
    existing = FundedProject.objects.filter(grant_number__startswith="9").count()
    if existing >= count:
        return
    programme = Programme.objects.get(code="HORIZON")
    statuses = [ProjectStatus.ONGOING] * 6 + [ProjectStatus.CLOSED] * 3 + [ProjectStatus.SUSPENDED]
    for start in range(existing, count, BATCH):
        projects = []
        for i in range(start, min(start + BATCH, count)):
            topic = topics[i % len(topics)]
            begin = dt.date(2016, 1, 1) + dt.timedelta(days=(i * 3) % 3300)
            total = _money(1000000 + (i * 7919) % 4000000)
            projects.append(
                FundedProject(
                    grant_number=f"9{i:08d}",
                    acronym=f"FUNDED{i}",
                    title=f"Funded project {i} against child sexual abuse online",
                    objective="Tools for victim identification and prevention.",
                    programme=programme,
                    call_id=topic.call_id,
                    topic=topic,
                    start_date=begin,
                    end_date=begin + dt.timedelta(days=365 * 3),
                    total_cost=total,
                    eu_contribution=_money(total * Decimal("0.9")),
                    signature_date=begin - dt.timedelta(days=30),
                    status=statuses[i % len(statuses)],
                )
            )
        _bulk(FundedProject, projects)
        created = FundedProject.objects.filter(
            grant_number__in=[p.grant_number for p in projects]
        ).order_by("grant_number")
        participants, deliverables, periods, payments = [], [], [], []
        for project in created:
            i = int(project.grant_number[1:])
            share = _money(project.eu_contribution / PARTICIPANTS_PER_PROJECT)
            cost = _money(project.total_cost / PARTICIPANTS_PER_PROJECT)
            used = set()
            for position in range(PARTICIPANTS_PER_PROJECT):
                organisation = organisations[(i * 5 + position * 257) % len(organisations)]
                if organisation.pk in used:
                    continue
                used.add(organisation.pk)
                participants.append(
                    Participant(
                        project=project,
                        organisation=organisation,
                        role=ParticipantRole.COORDINATOR
                        if position == 0
                        else ParticipantRole.BENEFICIARY,
                        eu_contribution=share,
                        total_cost=cost,
                        position=position,
                    )
                )
            for d in range(DELIVERABLES_PER_PROJECT):
                due = project.start_date + dt.timedelta(days=90 * (d + 1))
                submitted = due + dt.timedelta(days=10) if (i + d) % 3 else None
                deliverables.append(
                    Deliverable(
                        project=project,
                        code=f"D{d // 3 + 1}.{d % 3 + 1}",
                        title=f"Deliverable {d + 1} of project {i}",
                        work_package=d // 3 + 1,
                        deliverable_type=DeliverableType.REPORT,
                        dissemination_level=DisseminationLevel.PUBLIC
                        if d % 4
                        else DisseminationLevel.SENSITIVE,
                        due_date=due,
                        submitted_date=submitted,
                        approved_date=submitted + dt.timedelta(days=20)
                        if submitted and d % 2
                        else None,
                    )
                )
            for n in (1, 2):
                begin = project.start_date + dt.timedelta(days=540 * (n - 1))
                end = begin + dt.timedelta(days=539)
                periods.append(
                    ReportingPeriod(
                        project=project,
                        number=n,
                        start_date=begin,
                        end_date=end,
                        report_due_date=end + dt.timedelta(days=60),
                        report_submitted_date=end + dt.timedelta(days=50) if i % 4 else None,
                    )
                )
            payments.append(
                Payment(
                    project=project,
                    kind=PaymentKind.PRE_FINANCING,
                    amount=_money(project.eu_contribution * Decimal("0.4")),
                    paid_on=project.start_date + dt.timedelta(days=30),
                )
            )
        _bulk(Participant, participants)
        _bulk(Deliverable, deliverables)
        _bulk(ReportingPeriod, periods)
        _bulk(Payment, payments)


def _forum(stakeholders: int, commitments: int, today: dt.date):
    existing = Organisation.objects.filter(legal_name__startswith="Bench stakeholder ").count()
    categories = list(StakeholderCategory.values)
    _bulk(
        Organisation,
        [
            Organisation(
                legal_name=f"Bench stakeholder {i:05d}",
                short_name=f"STAKE{i:05d}",
                country=COUNTRIES[i % len(COUNTRIES)],
                organisation_type=ORG_TYPES[i % len(ORG_TYPES)],
            )
            for i in range(existing, stakeholders)
        ],
    )
    new = Organisation.objects.filter(
        legal_name__startswith="Bench stakeholder ", stakeholder__isnull=True
    ).order_by("legal_name")
    _bulk(
        Stakeholder,
        [
            Stakeholder(
                organisation=organisation,
                category=categories[n % len(categories)],
                forum_participant_since=dt.date(2016, 1, 1) if n % 2 else None,
            )
            for n, organisation in enumerate(new)
        ],
    )
    for n in range(10):
        Workstream.objects.get_or_create(
            name=f"Bench workstream {n}",
            defaults={
                "forum": list(Forum.values)[n % len(Forum.values)],
                "initiative": StrategyInitiative.values[n % 8],
            },
        )
    owners = list(
        Stakeholder.objects.filter(
            organisation__legal_name__startswith="Bench stakeholder "
        ).values_list("pk", flat=True)
    )
    workstreams = list(
        Workstream.objects.filter(name__startswith="Bench workstream ").values_list("pk", flat=True)
    )
    existing = Commitment.objects.filter(title__startswith="Bench commitment ").count()
    levels = list(Completion.values)
    results = list(EarlyResults.values)
    for start in range(existing, commitments, BATCH):
        rows = [
            Commitment(
                owner_id=owners[i % len(owners)],
                workstream_id=workstreams[i % len(workstreams)],
                title=f"Bench commitment {i:06d}",
                problem="Reports of abuse material take too long to process.",
                actions="Train staff, deploy hash matching, report quarterly.",
                due_date=today + dt.timedelta(days=(i % 730) - 365),
                public=i % 3 == 0,
            )
            for i in range(start, min(start + BATCH, commitments))
        ]
        _bulk(Commitment, rows)
        created = Commitment.objects.filter(title__in=[c.title for c in rows])
        milestones, updates = [], []
        for commitment in created:
            i = int(commitment.title.rsplit(" ", 1)[1])
            milestones.append(
                CommitmentMilestone(
                    commitment=commitment,
                    title="Half-way review",
                    due_date=commitment.due_date - dt.timedelta(days=90),
                    done_date=commitment.due_date - dt.timedelta(days=95) if i % 2 else None,
                )
            )
            updates.append(
                ProgressUpdate(
                    commitment=commitment,
                    kind=UpdateKind.SELF_REPORT,
                    date=today - dt.timedelta(days=i % 300),
                    completion=levels[i % len(levels)],
                    early_results=results[i % len(results)],
                    narrative="Progress as planned.",
                )
            )
            if i % 2 == 0:
                updates.append(
                    ProgressUpdate(
                        commitment=commitment,
                        kind=UpdateKind.ASSESSMENT,
                        date=today - dt.timedelta(days=i % 200),
                        completion=levels[(i + 1) % len(levels)],
                        early_results=results[(i + 2) % len(results)],
                        narrative="Assessed by the secretariat.",
                    )
                )
        _bulk(CommitmentMilestone, milestones)
        _bulk(ProgressUpdate, updates)


def populate(counts: Counts) -> dict:
    """Top the benchmark data up to `counts`. Returns what the measurements need."""
    now = timezone.now()
    with transaction.atomic():
        topics = _bench_calls(counts.calls, now)
        organisations = _organisations(counts.organisations)
        applicant = bench_applicant(organisations[0])
        _proposals(counts.proposals, topics, organisations, now)
        _projects(counts.projects, topics, organisations)
        _forum(counts.stakeholders, counts.commitments, timezone.localdate())
    generate_evaluations(topic=topics[0], others=topics[1:])
    return {
        "ranking_topic": topics[0],
        "expert": User.objects.get(email="bench.expert0000@bench.example.eu"),
        "call_topic": topics[-1],
        "applicant": applicant,
        "manager": User.objects.get(email=MANAGER),
        "secretariat": User.objects.get(email=SECRETARIAT),
    }


def row_counts() -> dict:
    """How big the data is, as the report states it."""
    from funding.evaluation.models import (
        Assignment,
        ConsensusReport,
        IndividualReport,
        IndividualScore,
        ReportStatus,
    )

    return {
        "calls": Call.objects.count(),
        "topics": Topic.objects.count(),
        "organisations": Organisation.objects.count(),
        "proposals": Proposal.objects.count(),
        "partners": Partner.objects.count(),
        "submissions": ProposalSubmission.objects.count(),
        "funded_projects": FundedProject.objects.count(),
        "participants": Participant.objects.count(),
        "deliverables": Deliverable.objects.count(),
        "stakeholders": Stakeholder.objects.count(),
        "commitments": Commitment.objects.count(),
        "progress_updates": ProgressUpdate.objects.count(),
        "experts": User.objects.filter(groups__name=Role.EXPERT).count(),
        "assignments": Assignment.objects.count(),
        "individual_reports": IndividualReport.objects.filter(
            status=ReportStatus.SUBMITTED
        ).count(),
        "individual_scores": IndividualScore.objects.count(),
        "consensus_reports": ConsensusReport.objects.count(),
    }


def rush_fixture(*, clients: int, per_client: int, opening_at, deadline_at) -> dict:
    """A topic closing at `deadline_at`, and per client an account and organisation with
    `per_client` complete draft proposals ready to submit."""
    programme = Programme.objects.get(code="HORIZON")
    stamp = deadline_at.strftime("%H%M%S")
    applicant_group = Group.objects.get(name=Role.APPLICANT)
    with transaction.atomic():
        call = Call.objects.create(
            programme=programme,
            identifier=f"RUSH-{stamp}-CALL",
            title="Deadline rush",
            published_at=opening_at,
        )
        topic = Topic.objects.create(
            call=call,
            identifier=f"RUSH-{stamp}-TOPIC",
            title="Deadline rush",
            action_type=ActionType.RIA,
            opening_at=opening_at,
            deadline_at=deadline_at,
            budget=Decimal("100000000.00"),
        )
        organisations = _bulk(
            Organisation,
            [
                Organisation(
                    legal_name=f"Rush organisation {stamp} {c:03d}",
                    country=COUNTRIES[c % len(COUNTRIES)],
                    organisation_type=OrganisationType.PUBLIC_BODY,
                )
                for c in range(clients)
            ],
        )
        organisations = list(
            Organisation.objects.filter(
                legal_name__startswith=f"Rush organisation {stamp} "
            ).order_by("legal_name")
        )
        users = _bulk(
            User,
            [
                User(
                    email=f"rush{c:03d}.{stamp}@bench.example.eu",
                    password="!",  # never signs in with a password: sessions are made for it
                    email_confirmed_at=opening_at,
                )
                for c in range(clients)
            ],
        )
        users = list(
            User.objects.filter(email__endswith=f".{stamp}@bench.example.eu").order_by("email")
        )
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=applicant_group.pk) for u in users]
        )
        _bulk(
            Membership,
            [
                Membership(user=u, organisation=o, role=MembershipRole.CONTACT)
                for u, o in zip(users, organisations, strict=True)
            ],
        )
        _bulk(
            Proposal,
            [
                Proposal(
                    topic=topic,
                    number=f"R-{stamp}-{c:03d}-{k:03d}",
                    acronym=f"RUSH{c}X{k}",
                    title="Last-minute proposal",
                    abstract="Submitted in the last minute before the deadline.",
                    duration_months=24,
                    coordinator=organisations[c],
                    created_by=users[c],
                    updated_by=users[c],
                    updated_at=opening_at,
                )
                for c in range(clients)
                for k in range(per_client)
            ],
        )
        proposals = list(Proposal.objects.filter(topic=topic).order_by("number"))
        _bulk(
            Partner,
            [
                Partner(
                    proposal=p,
                    organisation_id=p.coordinator_id,
                    role=PartnerRole.COORDINATOR,
                    personnel_costs=Decimal("300000.00"),
                    purchase_costs=Decimal("20000.00"),
                )
                for p in proposals
            ],
        )
        _bulk(
            Attachment,
            [
                Attachment(
                    proposal=p,
                    kind=AttachmentKind.PART_B,
                    file=f"bench/{p.number}-part-b.pdf",
                    original_name="part-b.pdf",
                    content_type="application/pdf",
                    size=123456,
                    sha256="a" * 64,
                    uploaded_at=opening_at,
                )
                for p in proposals
            ],
        )
    plan = {u.pk: [] for u in users}
    by_org = {o.pk: u for u, o in zip(users, organisations, strict=True)}
    for p in proposals:
        plan[by_org[p.coordinator_id].pk].append(p.pk)
    return {"topic": topic, "users": users, "plan": plan}
