"""The benchmark's data: the demo (for the site, the accounts and the pages) plus a programme
grown to tens of thousands of rows with bulk inserts.

`populate(counts)` is additive: it tops every kind of row up to the counts asked for, so the
benchmark can measure the pages at a small size, grow the data, and measure them again.
Values are derived from the row number, so two runs make the same data. This module makes
the calls, organisations and proposals; `benchmarks.generate_portfolio` the funded projects
and the forum, `benchmarks.generate_evaluation` the experts and their evaluations.
"""

import datetime as dt
import sqlite3
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from benchmarks.bulk import (
    BATCH,
    COUNTRIES,
    MANAGER,
    ORG_TYPES,
    RANKING_TOPIC_SHARE,
    Counts,
    bulk,
    money,
)
from benchmarks.generate_evaluation import generate_evaluations
from benchmarks.generate_portfolio import generate_forum, generate_projects
from cms.models import CallIndexPage, CallPage
from cooperation.accounts.roles import Role
from cooperation.models import (
    Commitment,
    Membership,
    Organisation,
    ProgressUpdate,
    Stakeholder,
    User,
)
from cooperation.organisations.models import MembershipRole
from demo.management.commands.seed_demo import STEPS
from funding.calls.models.calls import ActionType
from funding.evaluation.models import (
    Assignment,
    ConsensusReport,
    IndividualReport,
    IndividualScore,
    ReportStatus,
)
from funding.models import Call, Partner, Programme, Proposal, ProposalSubmission, Topic
from funding.portfolio.models.delivery import Deliverable
from funding.portfolio.models.projects import FundedProject, Participant
from funding.proposals.models import PartnerRole
from funding.proposals.statuses import ProposalStatus

BENCH_APPLICANT = "bench.applicant@bench.example.eu"
SECRETARIAT = "secretariat@demo.example.eu"
PARTNERS_PER_PROPOSAL = 3
# The benchmark applicant's organisation coordinates the first proposals (more than a page of
# its dashboard) and no others, so that its dashboard shows the same proposals at every size:
# the page's growth is then what everyone else's proposals cost it.
APPLICANT_PROPOSALS = 30


def seed_demo() -> dict:
    """The demo's steps (site, pages, calls, accounts), as `manage.py seed_demo` runs them."""
    context: dict = {}
    with transaction.atomic():
        for step in STEPS:
            import_string(step)(context)
    return context


def _bench_calls(count: int, now: dt.datetime) -> list[Topic]:
    """`count` published calls with one topic each; most closed, a few open, like a
    programme's history. Each gets its page on the public site."""
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
    bulk(
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
                0 if i < APPLICANT_PROPOSALS else 1 + i % 997 % (len(organisations) - 1)
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
        bulk(Proposal, proposals)
        created = Proposal.objects.filter(number__in=[p.number for p in proposals]).order_by(
            "number"
        )
        partners, submissions = [], []
        for proposal in created.select_related("topic"):
            i = int(proposal.number[2:])
            chosen = [proposal.coordinator_id]
            for k in range(1, PARTNERS_PER_PROPOSAL):
                candidate = organisations[1 + (i * 7 + k * 131) % (len(organisations) - 1)].pk
                if candidate not in chosen:
                    chosen.append(candidate)
            for position, organisation_id in enumerate(chosen):
                partners.append(
                    Partner(
                        proposal=proposal,
                        organisation_id=organisation_id,
                        role=PartnerRole.COORDINATOR if position == 0 else PartnerRole.BENEFICIARY,
                        personnel_costs=money(200000 + (i * 37 + position * 1000) % 400000),
                        subcontracting_costs=money((i * 11) % 50000),
                        purchase_costs=money(10000 + (i * 13) % 90000),
                        other_direct_costs=money((i * 17) % 30000),
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
        bulk(Partner, partners)
        bulk(ProposalSubmission, submissions)


def populate(counts: Counts) -> dict:
    """Top the benchmark data up to `counts`. Returns what the measurements need."""
    now = timezone.now()
    with transaction.atomic():
        topics = _bench_calls(counts.calls, now)
        organisations = _organisations(counts.organisations)
        applicant = bench_applicant(organisations[0])
        _proposals(counts.proposals, topics, organisations, now)
        generate_projects(count=counts.projects, topics=topics, organisations=organisations)
        generate_forum(
            stakeholders=counts.stakeholders,
            commitments=counts.commitments,
            today=timezone.localdate(),
        )
    generate_evaluations(topic=topics[0], others=topics[1:])
    return {
        "ranking_topic": topics[0],
        "expert": User.objects.get(email="bench.expert0000@bench.example.eu"),
        "call_topic": topics[-1],
        "applicant": applicant,
        "manager": User.objects.get(email=MANAGER),
        "secretariat": User.objects.get(email=SECRETARIAT),
    }


# The server settings the figures depend on, recorded with them.
POSTGRES_SETTINGS = (
    "server_version",
    "jit",
    "shared_buffers",
    "work_mem",
    "effective_cache_size",
    "random_page_cost",
    "max_connections",
    "synchronous_commit",
)


def database_settings() -> dict:
    """The database the figures were measured on: PostgreSQL's settings as the benchmark's
    own connection sees them (so `jit` is the connection option's), or SQLite's version."""
    if connection.vendor != "postgresql":
        return {"sqlite_version": sqlite3.sqlite_version}
    with connection.cursor() as cursor:
        # current_setting() answers as SHOW does, with its unit ("128MB", "off").
        cursor.execute(
            "SELECT name, current_setting(name) FROM unnest(%s::text[]) AS name",
            [list(POSTGRES_SETTINGS)],
        )
        return dict(cursor.fetchall())


def settle() -> None:
    """After the bulk inserts, the state autovacuum keeps a real database in: visibility
    maps written (index-only scans) and the planner's statistics up to date. Without it,
    the first minutes after a bulk load are measured, not a working day."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def row_counts() -> dict:
    """How big the data is, as the report states it."""
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
