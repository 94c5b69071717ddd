"""Demo consortium work: SAFE-CHAT, a draft coordinated by Politie NL (applicant@), shared
with its partner INCIBE, whose applicant (applicant2@) is filling INCIBE's budget lines and
personnel (in progress); the coordinator's own share, DFKI's and the Part B are complete.
Stichting Offlimits, typed into Politie NL's UNDERCOVER-EU draft, stays pending: seen in
that proposal only, offered in nobody's registry drop-down, until its own people register it.

Runs after the proposals step, through the services. Idempotent: the proposal is looked up
by its acronym and coordinator, and made only once.
"""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from demo.proposals import PART_B
from funding.models import Proposal, Topic
from funding.proposals import services, shares
from funding.proposals.models import AttachmentKind, Gender, PartnerRole
from funding.proposals.statuses import ProposalStatus

ACRONYM = "SAFE-CHAT"
PENDING_IN = "UNDERCOVER-EU"
PENDING = {
    "legal_name": "Stichting Offlimits",
    "short_name": "Offlimits",
    "country": "NL",
    "organisation_type": "CSO",
    "pic": "",
}


def _line(personnel, subcontracting, purchase, other, **extra):
    values = (Decimal(personnel), Decimal(subcontracting), Decimal(purchase), Decimal(other))
    return {**dict(zip(services.BUDGET_FIELDS, values, strict=True)), **extra}


def seed(context: dict) -> None:
    organisations, users = context["organisations"], context["users"]
    coordinator = organisations["Politie NL"]
    anna, lucia = users["applicant@demo.example.eu"], users["applicant2@demo.example.eu"]
    add_pending_partner(coordinator, anna)
    topic = Topic.objects.open().order_by("deadline_at", "identifier").first()
    if topic is None or Proposal.objects.filter(acronym=ACRONYM, coordinator=coordinator).exists():
        return
    proposal = services.proposal_create(
        topic=topic,
        coordinator=coordinator,
        user=anna,
        acronym=ACRONYM,
        title="Safer chat platforms: detecting grooming of children across languages",
    )
    services.proposal_update_general(
        proposal=proposal,
        user=anna,
        lock_version=proposal.lock_version,
        data={
            "abstract": "Police, researchers and a hotline build grooming detection that "
            "works across languages and keeps the evidence lawful.",
            "keywords": "grooming, online child sexual abuse, natural language processing",
            "duration_months": 24,
        },
    )
    incibe, dfki = (
        services.partner_add(
            proposal=proposal,
            user=anna,
            lock_version=proposal.lock_version,
            role=PartnerRole.BENEFICIARY,
            organisation=organisations[name],
        )
        for name in ("INCIBE", "DFKI")
    )
    own = proposal.partners.get(role=PartnerRole.COORDINATOR)
    # The coordinator fills its own share and DFKI's, and says both are complete.
    services.budget_update(
        proposal=proposal,
        user=anna,
        lock_version=proposal.lock_version,
        lines={
            own.pk: _line("310000", "0", "25000", "12000", complete=True),
            dfki.pk: _line("180000", "0", "10000", "5000", complete=True),
        },
    )
    services.attachment_add(
        proposal=proposal,
        user=anna,
        lock_version=proposal.lock_version,
        kind=AttachmentKind.PART_B,
        upload=SimpleUploadedFile(f"{ACRONYM}-part-b.pdf", PART_B, "application/pdf"),
    )
    incibe = shares.partner_share_set(partner=incibe, user=anna, shared=True)
    # INCIBE's own applicant is filling INCIBE's share: in progress, not yet complete.
    services.person_add(
        proposal=proposal,
        user=lucia,
        lock_version=proposal.lock_version,
        partner=incibe,
        data={
            "first_name": "Lucía",
            "last_name": "Martín",
            "role_in_project": "Work package lead, language models",
            "gender": Gender.FEMALE,
        },
    )
    services.budget_update(
        proposal=proposal,
        user=lucia,
        lock_version=proposal.lock_version,
        lines={incibe.pk: _line("240000", "15000", "20000", "8000")},
    )


def add_pending_partner(coordinator, user) -> None:
    """Stichting Offlimits, typed into the coordinator's UNDERCOVER-EU draft: pending."""
    proposal = (
        Proposal.objects.filter(acronym=PENDING_IN, coordinator=coordinator).order_by("pk").first()
    )
    if proposal is None or proposal.status != ProposalStatus.DRAFT:
        return
    if proposal.partners.filter(organisation__legal_name=PENDING["legal_name"]).exists():
        return
    services.partner_add(
        proposal=proposal,
        user=user,
        lock_version=proposal.lock_version,
        role=PartnerRole.BENEFICIARY,
        new_organisation=PENDING,
    )
