"""The benchmark's funded portfolio and forum: projects with their participants,
deliverables, reporting periods and payments; stakeholders and their commitments with
milestones and progress updates. Values are derived from the row number, so two runs make
the same data.
"""

import datetime as dt
from decimal import Decimal

from benchmarks.bulk import BATCH, COUNTRIES, ORG_TYPES, bulk, money
from cooperation.forum.models.commitments import Completion, EarlyResults, UpdateKind
from cooperation.forum.models.stakeholders import StakeholderCategory
from cooperation.forum.models.workstreams import Forum, StrategyInitiative
from cooperation.models import (
    Commitment,
    CommitmentMilestone,
    DashboardCountsState,
    Organisation,
    ProgressUpdate,
    Stakeholder,
    Workstream,
)
from funding.models import Programme, Topic
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

PARTICIPANTS_PER_PROJECT = 4
DELIVERABLES_PER_PROJECT = 10


def generate_projects(
    *, count: int, topics: list[Topic], organisations: list[Organisation]
) -> None:
    """Top the funded projects up to `count`, spread over `topics`: each with up to
    PARTICIPANTS_PER_PROJECT participants from `organisations`, DELIVERABLES_PER_PROJECT
    deliverables, two reporting periods and a pre-financing payment."""
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
            total = money(1000000 + (i * 7919) % 4000000)
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
                    eu_contribution=money(total * Decimal("0.9")),
                    signature_date=begin - dt.timedelta(days=30),
                    status=statuses[i % len(statuses)],
                )
            )
        bulk(FundedProject, projects)
        created = FundedProject.objects.filter(
            grant_number__in=[p.grant_number for p in projects]
        ).order_by("grant_number")
        participants, deliverables, periods, payments = [], [], [], []
        for project in created:
            i = int(project.grant_number[1:])
            share = money(project.eu_contribution / PARTICIPANTS_PER_PROJECT)
            cost = money(project.total_cost / PARTICIPANTS_PER_PROJECT)
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
                    amount=money(project.eu_contribution * Decimal("0.4")),
                    paid_on=project.start_date + dt.timedelta(days=30),
                )
            )
        bulk(Participant, participants)
        bulk(Deliverable, deliverables)
        bulk(ReportingPeriod, periods)
        bulk(Payment, payments)
        # Inserted in bulk, past the services: the health facts that follow, as they store.
        created.refresh_health_facts()


def generate_forum(*, stakeholders: int, commitments: int, today: dt.date) -> None:
    """Top the forum up to `stakeholders` stakeholders (each with its organisation) and
    `commitments` commitments spread over ten workstreams, each with a milestone and a
    self-report, every other one also a secretariat's assessment."""
    existing = Organisation.objects.filter(legal_name__startswith="Bench stakeholder ").count()
    categories = list(StakeholderCategory.values)
    bulk(
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
    bulk(
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
        bulk(Commitment, rows)
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
        bulk(CommitmentMilestone, milestones)
        bulk(ProgressUpdate, updates)
        # What commitment_record_progress stores with each update, for the whole batch.
        created.refresh_progress()
    # Bulk inserts send no signal: the dashboard's kept counts are renewed here, as the
    # ranking's tokens are after the evaluations.
    DashboardCountsState.objects.renew()
