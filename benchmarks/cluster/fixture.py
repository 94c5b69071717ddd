"""The rush's data, made on the client host through the cluster's database and bucket:
`python -m benchmarks.cluster.fixture PLAN.json --clients N --rush-seconds S --late-seconds L`.

Per client an applicant, its organisation and one complete draft proposal whose Part B is
a real PDF written to the bucket through the private storage; a topic whose deadline falls
`S` seconds after the rush starts; a signed-in session per applicant. The plan (the clients,
their sessions and proposals, the instants of the rush) is written to PLAN.json."""

import argparse
import datetime as dt
import hashlib
import json
import secrets
import time
from decimal import Decimal

import django

django.setup()

import boto3  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.bulk import COUNTRIES  # noqa: E402
from cooperation.accounts.roles import Role  # noqa: E402
from cooperation.models import Membership, Organisation, User  # noqa: E402
from cooperation.organisations.models import MembershipRole, OrganisationType  # noqa: E402
from funding.calls.models.calls import ActionType  # noqa: E402
from funding.models import Call, Partner, Programme, Proposal, Topic  # noqa: E402
from funding.proposals.models import Attachment, AttachmentKind, PartnerRole  # noqa: E402

PART_B = b"%PDF-1.4\n% Part B of a cluster rush proposal\n" + b"0" * 4000 + b"\n%%EOF\n"


def make_bucket() -> None:
    options = settings.STORAGES["private"]["OPTIONS"]
    client = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    client.create_bucket(
        Bucket=options["bucket_name"],
        CreateBucketConfiguration={"LocationConstraint": options["region_name"]},
    )


def _session(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "cooperation.accounts.auth.EmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@transaction.atomic
def make_data(*, clients: int, opening_at) -> list[dict]:
    programme, _ = Programme.objects.get_or_create(
        code="CLUSTER", defaults={"name": "Cluster rush programme"}
    )
    call = Call.objects.create(
        programme=programme, identifier="CLUSTER-CALL", title="Cluster rush",
        published_at=opening_at,
    )  # fmt: skip
    topic = Topic.objects.create(
        call=call,
        identifier="CLUSTER-TOPIC",
        title="Cluster rush",
        action_type=ActionType.RIA,
        opening_at=opening_at,
        deadline_at=timezone.now() + dt.timedelta(hours=1),  # set to the rush's below
        budget=Decimal("100000000.00"),
    )
    applicants = Group.objects.get(name=Role.APPLICANT)
    sha256 = hashlib.sha256(PART_B).hexdigest()
    plan = []
    for c in range(clients):
        organisation = Organisation.objects.create(
            legal_name=f"Cluster organisation {c:04d}",
            country=COUNTRIES[c % len(COUNTRIES)],
            organisation_type=OrganisationType.PUBLIC_BODY,
        )
        user = User.objects.create(
            email=f"cluster{c:04d}@bench.example.eu", password="!", email_confirmed_at=opening_at
        )
        user.groups.add(applicants)
        Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.CONTACT)
        proposal = Proposal.objects.create(
            topic=topic,
            number=f"CL-{c:04d}",
            acronym=f"CLUSTER{c}",
            title="Last-minute proposal",
            abstract="Submitted in the last minute before the deadline.",
            duration_months=24,
            coordinator=organisation,
            created_by=user,
            updated_by=user,
            updated_at=opening_at,
        )
        Partner.objects.create(
            proposal=proposal,
            organisation=organisation,
            role=PartnerRole.COORDINATOR,
            personnel_costs=Decimal("300000.00"),
            purchase_costs=Decimal("20000.00"),
        )
        attachment = Attachment(
            proposal=proposal,
            kind=AttachmentKind.PART_B,
            original_name="part-b.pdf",
            content_type="application/pdf",
            size=len(PART_B),
            sha256=sha256,
            uploaded_at=opening_at,
        )
        attachment.file.save("part-b.pdf", ContentFile(PART_B), save=False)
        attachment.save()
        plan.append(
            {"pk": proposal.pk, "number": proposal.number, "attachment": attachment.pk,
             "session": _session(user)}
        )  # fmt: skip
    return plan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan")
    parser.add_argument("--clients", type=int, required=True)
    parser.add_argument("--rush-seconds", type=float, required=True)
    parser.add_argument("--late-seconds", type=float, required=True)
    arguments = parser.parse_args()
    make_bucket()
    opening_at = timezone.now() - dt.timedelta(days=30)
    clients = make_data(clients=arguments.clients, opening_at=opening_at)
    start_at = time.time() + 3.0
    deadline = start_at + arguments.rush_seconds
    Topic.objects.filter(identifier="CLUSTER-TOPIC").update(
        deadline_at=dt.datetime.fromtimestamp(deadline, tz=dt.UTC)
    )
    with open(arguments.plan, "w") as out:
        json.dump(
            {
                "clients": clients,
                "start_at": start_at,
                "deadline": deadline,
                "end_at": deadline + arguments.late_seconds,
                "csrf": secrets.token_hex(16),
                "sha256": hashlib.sha256(PART_B).hexdigest(),
            },
            out,
        )


if __name__ == "__main__":
    main()
