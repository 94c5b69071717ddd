"""The deadline rush's data: applicant accounts signed in by sessions made beforehand,
the topics and complete draft proposals they submit (see benchmarks.rush)."""

from decimal import Decimal

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction

from benchmarks.bulk import COUNTRIES, bulk
from cooperation.accounts.roles import Role
from cooperation.models import Membership, Organisation, User
from cooperation.organisations.models import MembershipRole, OrganisationType
from funding.calls.models.calls import ActionType
from funding.models import Call, Partner, Programme, Proposal, Topic
from funding.proposals.models import Attachment, AttachmentKind, PartnerRole


def rush_accounts(*, clients: int, opening_at, stamp: str) -> list[tuple]:
    """`clients` applicant accounts, each the contact person of its own organisation:
    (user, organisation) pairs."""
    applicant_group = Group.objects.get(name=Role.APPLICANT)
    with transaction.atomic():
        bulk(
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
        bulk(
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
        bulk(
            Membership,
            [
                Membership(user=u, organisation=o, role=MembershipRole.CONTACT)
                for u, o in zip(users, organisations, strict=True)
            ],
        )
    return list(zip(users, organisations, strict=True))


def rush_topic(*, label: str, opening_at, deadline_at) -> Topic:
    programme = Programme.objects.get(code="HORIZON")
    call = Call.objects.create(
        programme=programme,
        identifier=f"RUSH-{label}-CALL",
        title="Deadline rush",
        published_at=opening_at,
    )
    return Topic.objects.create(
        call=call,
        identifier=f"RUSH-{label}-TOPIC",
        title="Deadline rush",
        action_type=ActionType.RIA,
        opening_at=opening_at,
        deadline_at=deadline_at,
        budget=Decimal("100000000.00"),
    )


def rush_proposals(*, topic, accounts, count: int, opening_at) -> list[tuple[int, int]]:
    """`count` complete draft proposals to `topic`, dealt round the accounts:
    (proposal pk, user pk) in the order they will be sent."""
    with transaction.atomic():
        bulk(
            Proposal,
            [
                Proposal(
                    topic=topic,
                    number=f"R-{topic.pk}-{k:05d}",
                    acronym=f"RUSH{k}",
                    title="Last-minute proposal",
                    abstract="Submitted in the last minute before the deadline.",
                    duration_months=24,
                    coordinator=accounts[k % len(accounts)][1],
                    created_by=accounts[k % len(accounts)][0],
                    updated_by=accounts[k % len(accounts)][0],
                    updated_at=opening_at,
                )
                for k in range(count)
            ],
        )
        proposals = list(Proposal.objects.filter(topic=topic).order_by("number"))
        bulk(
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
        bulk(
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
    return [(p.pk, p.created_by_id) for p in proposals]


def session_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that signs people in (the first, django-axes's, only counts failures).
    session[BACKEND_SESSION_KEY] = "cooperation.accounts.auth.EmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key
