"""Demo proposals: drafts and submissions from the demo applicants' organisations
(Politie NL for applicant@, INCIBE for applicant2@) to the open demo topics.

Runs after the calls step. If no topic is open (for instance when the calls step is not
there), it adds one minimal open Horizon topic. Idempotent: a proposal is looked up by
topic, coordinator and acronym, and made only once.
"""

import contextlib
import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.brussels import brussels_deadline
from funding.models import ActionType, Call, Partner, Programme, Proposal, Topic
from funding.proposals import lifecycle, services
from funding.proposals.models import AttachmentKind, Gender

DEMO_TOPIC = "HORIZON-CL3-2026-FCT-01-01"
DEMO_CALL = "HORIZON-CL3-2026-FCT-01"

# A tiny but well-formed PDF, standing in for each demo Part B.
PART_B = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# (coordinator, account, acronym, title, abstract, partners, people, submit)
# partners: (short name, role, personnel, subcontracting, purchase, other)
PROPOSALS = [
    (
        "Politie NL",
        "applicant@demo.example.eu",
        "VICTIM-ID",
        "Faster victim identification across borders with shared image intelligence",
        "Law-enforcement agencies, a hotline network and researchers pool image-analysis "
        "tools so that victims of online child sexual abuse are identified and safeguarded "
        "sooner, with evidence that stands in court.",
        [
            ("Politie NL", "coordinator", "420000", "0", "60000", "25000"),
            ("Fed. Police BE", "beneficiary", "260000", "0", "20000", "15000"),
            ("DFKI", "beneficiary", "380000", "40000", "30000", "10000"),
            # An associated partner: its costs are shown for information, never requested.
            ("INHOPE", "associated", "45000", "0", "0", "3000"),
        ],
        [
            ("Anna", "de Vries", "Project coordinator", Gender.FEMALE),
            ("Jan", "Bakker", "Digital forensics lead", Gender.MALE),
        ],
        True,
    ),
    (
        "Politie NL",
        "applicant@demo.example.eu",
        "UNDERCOVER-EU",
        "Lawful online undercover investigations into child sexual abuse networks",
        "",
        [("Politie NL", "coordinator", "150000", "0", "0", "0")],
        [],
        False,
    ),
    (
        "INCIBE",
        "applicant2@demo.example.eu",
        "4NSEEK-NEXT",
        "Forensic tools against the sexual exploitation of children, second generation",
        "Building on 4NSEEK, Spanish, Maltese and Portuguese partners extend the forensic "
        "toolkit to new platforms and train first responders.",
        [
            ("INCIBE", "coordinator", "350000", "30000", "40000", "20000"),
            ("ULE", "beneficiary", "240000", "0", "15000", "10000"),
            ("Malta Police", "beneficiary", "180000", "0", "10000", "5000"),
            ("APAV", "beneficiary", "90000", "0", "0", "5000"),
        ],
        [
            ("Lucía", "Martín", "Project coordinator", Gender.FEMALE),
            ("Javier", "Alegre", "Technical lead", Gender.MALE),
            ("Maria", "Borg", "Training lead", ""),
        ],
        True,
    ),
]


def ensure_open_topic() -> None:
    if Topic.objects.open().exists():
        return
    programme, _ = Programme.objects.get_or_create(
        code="HORIZON", defaults={"name": "Horizon Europe", "managing_service": "REA"}
    )
    now = timezone.now()
    call, _ = Call.objects.get_or_create(
        identifier=DEMO_CALL,
        defaults={
            "programme": programme,
            "title": "Fighting Crime and Terrorism 2026",
            "publication_date": (now - dt.timedelta(days=30)).date(),
            "published_at": now - dt.timedelta(days=30),
        },
    )
    Topic.objects.get_or_create(
        identifier=DEMO_TOPIC,
        defaults={
            "call": call,
            "title": "Better identification of victims of child sexual abuse",
            "action_type": ActionType.RIA,
            "opening_at": brussels_deadline((now - dt.timedelta(days=30)).date()),
            "deadline_at": brussels_deadline((now + dt.timedelta(days=90)).date()),
            "budget": Decimal("6000000.00"),
            "min_grant": Decimal("500000.00"),
            "max_grant": Decimal("3000000.00"),
            "expected_grants": 2,
            "min_applicants": 3,
            "min_countries": 3,
            "max_duration_months": 36,
        },
    )


def seed_proposal(topic, row, organisations, users) -> None:
    coordinator_name, email, acronym, title, abstract, partners, people, submit = row
    coordinator = organisations[coordinator_name]
    if Proposal.objects.filter(topic=topic, coordinator=coordinator, acronym=acronym).exists():
        return
    user = users[email]
    proposal = services.proposal_create(
        topic=topic, coordinator=coordinator, user=user, acronym=acronym, title=title
    )
    services.proposal_update_general(
        proposal=proposal,
        user=user,
        lock_version=proposal.lock_version,
        data={
            "abstract": abstract,
            "keywords": "child sexual abuse, digital forensics, victim identification",
            "duration_months": 24,
        },
    )
    for short_name, role, *_costs in partners:
        if role != "coordinator":
            services.partner_add(
                proposal=proposal,
                user=user,
                lock_version=proposal.lock_version,
                role=role,
                organisation=organisations[short_name],
            )
    by_organisation = {p.organisation_id: p for p in proposal.partners.all()}
    lines = {}
    for short_name, _role, *costs in partners:
        partner = by_organisation[organisations[short_name].pk]
        lines[partner.pk] = dict(
            zip(services.BUDGET_FIELDS, (Decimal(c) for c in costs), strict=True)
        )
    services.budget_update(
        proposal=proposal, user=user, lock_version=proposal.lock_version, lines=lines
    )
    coordinator_partner = Partner.objects.get(proposal=proposal, role="coordinator")
    for first, last, role_in_project, gender in people:
        services.person_add(
            proposal=proposal,
            user=user,
            lock_version=proposal.lock_version,
            partner=coordinator_partner,
            data={
                "first_name": first,
                "last_name": last,
                "role_in_project": role_in_project,
                "gender": gender,
            },
        )
    if abstract:
        services.attachment_add(
            proposal=proposal,
            user=user,
            lock_version=proposal.lock_version,
            kind=AttachmentKind.PART_B,
            upload=SimpleUploadedFile(f"{acronym}-part-b.pdf", PART_B, "application/pdf"),
        )
    if submit:
        # On a demo topic with stricter rules the proposal stays a draft.
        with contextlib.suppress(services.ProposalError):
            lifecycle.proposal_submit(proposal=proposal, user=user, send_receipt=False)


def seed(context: dict) -> None:
    ensure_open_topic()
    organisations, users = context["organisations"], context["users"]
    for topic in Topic.objects.open().order_by("deadline_at", "identifier")[:3]:
        for row in PROPOSALS:
            seed_proposal(topic, row, organisations, users)
