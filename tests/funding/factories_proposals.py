import hashlib
from decimal import Decimal

import factory
from django.utils import timezone

from funding.models import Attachment, AttachmentKind, Partner, PartnerRole, Proposal
from tests.cooperation.factories import MembershipFactory, OrganisationFactory
from tests.funding.factories import TopicFactory

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    topic = factory.SubFactory(TopicFactory)
    number = factory.Sequence(lambda n: f"P-2026-{n + 1:05d}")
    acronym = factory.Sequence(lambda n: f"SAFE{n}")
    title = "Safer investigations of online child sexual abuse"
    abstract = "Tools for lawful evidence collection."
    keywords = "forensics, victim identification"
    duration_months = 24
    coordinator = factory.SubFactory(OrganisationFactory)
    updated_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def with_coordinator(obj, create, extracted, **kwargs):
        if create:
            Partner.objects.create(
                proposal=obj, organisation=obj.coordinator, role=PartnerRole.COORDINATOR
            )


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    proposal = factory.SubFactory(ProposalFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.BENEFICIARY


def member_of(organisation, make_user, **fields):
    from cooperation.accounts.roles import Role

    user = make_user(Role.APPLICANT, **fields)
    MembershipFactory(user=user, organisation=organisation)
    return user


def complete_proposal(**kwargs) -> Proposal:
    """A draft that passes every check of its (default, open) topic."""
    proposal = ProposalFactory(**kwargs)
    proposal.coordinator.country = "NL"
    proposal.coordinator.save()
    Partner.objects.filter(proposal=proposal).update(personnel_costs=Decimal("400000.00"))
    for country in ("BE", "ES"):
        PartnerFactory(
            proposal=proposal,
            organisation=OrganisationFactory(country=country),
            personnel_costs=Decimal("200000.00"),
        )
    from django.core.files.base import ContentFile

    attachment = Attachment(
        proposal=proposal,
        kind=AttachmentKind.PART_B,
        original_name="part-b.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        sha256=hashlib.sha256(PDF_BYTES).hexdigest(),
        uploaded_at=timezone.now(),
    )
    attachment.file.save(f"proposals/{proposal.pk}/part-b.pdf", ContentFile(PDF_BYTES), save=True)
    return proposal
