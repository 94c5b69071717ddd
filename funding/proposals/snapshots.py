"""The snapshot of a submitted proposal: canonical JSON and its SHA-256 checksum.

The snapshot holds the content, consortium, budget (amounts as strings, to the cent),
personnel and the attachment rows it holds (id, kind, name, size, SHA-256). The canonical
form sorts keys and drops insignificant whitespace, so the checksum can be recomputed from
the stored JSON. `submission_files` reads a submission's files back, each row checked
against what the snapshot recorded; `snapshot_general` and `snapshot_organisation` read its
parts back into unsaved objects.
"""

import hashlib
import json
from decimal import Decimal

from cooperation.models import Organisation
from funding.proposals.budget import proposal_budget
from funding.proposals.contents import proposal_contents
from funding.proposals.models import Attachment, Proposal, ProposalSubmission


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def proposal_snapshot(proposal: Proposal) -> dict:
    """Everything that was submitted, as JSON-ready data (money as strings): the rows the
    submit guard checked (`proposal_contents`)."""
    contents = proposal_contents(proposal)
    partners, people = contents.partners, contents.people
    budget = proposal_budget(proposal, partners)
    return {
        "proposal": {
            "number": proposal.number,
            "topic": proposal.topic.identifier,
            "acronym": proposal.acronym,
            "title": proposal.title,
            "abstract": proposal.abstract,
            "keywords": proposal.keywords,
            "duration_months": proposal.duration_months,
        },
        "consortium": [
            {
                "organisation": p.organisation.legal_name,
                "short_name": p.organisation.short_name,
                "pic": p.organisation.pic,
                "country": str(p.organisation.country),
                "organisation_type": p.organisation.organisation_type,
                "role": p.role,
            }
            for p in partners
        ],
        "budget": {
            "currency": "EUR",
            "indirect_cost_rate": _money(proposal.topic.indirect_cost_rate),
            "partners": [
                {
                    "organisation": p.organisation.legal_name,
                    "personnel": _money(b.personnel),
                    "subcontracting": _money(b.subcontracting),
                    "purchase": _money(b.purchase),
                    "other": _money(b.other),
                    "direct": _money(b.direct),
                    "indirect": _money(b.indirect),
                    "eligible": _money(b.eligible),
                    "funding_rate": _money(b.funding_rate),
                    "requested": _money(b.requested),
                }
                for p, b in zip(partners, budget.partners, strict=True)
            ],
            "total_eligible": _money(budget.eligible),
            "total_requested": _money(budget.requested),
        },
        "personnel": [
            {
                "first_name": person.first_name,
                "last_name": person.last_name,
                "organisation": person.partner.organisation.legal_name,
                "role_in_project": person.role_in_project,
                "gender": person.gender,
            }
            for person in people
        ],
        "attachments": [
            {
                "id": a.pk,
                "kind": a.kind,
                "name": a.original_name,
                "size": a.size,
                "sha256": a.sha256,
            }
            for a in contents.attachments
        ],
    }


def canonical_json(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def snapshot_checksum(data: dict) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def submission_files(submission: ProposalSubmission) -> list[Attachment]:
    """The attachment rows a submission holds, each the row its snapshot names, with the
    kind and SHA-256 it recorded. (A snapshot written before rows' ids were recorded names
    its files by kind and SHA-256 alone.)"""
    recorded = {
        (item.get("id"), item["kind"], item["sha256"])
        for item in submission.snapshot.get("attachments", [])
    }
    return [
        row
        for row in submission.attachments.order_by("kind", "original_name", "pk")
        if {(row.pk, row.kind, row.sha256), (None, row.kind, row.sha256)} & recorded
    ]


def submission_file(submission: ProposalSubmission, pk: int) -> Attachment | None:
    """One of `submission_files`, or None when the submission holds no such row."""
    return next((row for row in submission_files(submission) if row.pk == pk), None)


def snapshot_general(data: dict, *, topic) -> Proposal:
    """The proposal's general information as the snapshot recorded it (unsaved)."""
    general = data.get("proposal", {})
    return Proposal(
        topic=topic,
        number=general.get("number", ""),
        acronym=general.get("acronym", ""),
        title=general.get("title", ""),
        abstract=general.get("abstract", ""),
        keywords=general.get("keywords", ""),
        duration_months=general.get("duration_months"),
    )


def snapshot_organisation(entry: dict) -> Organisation:
    """A consortium entry's organisation as the snapshot recorded it (unsaved)."""
    return Organisation(
        legal_name=entry["organisation"],
        short_name=entry.get("short_name", ""),
        pic=entry.get("pic", ""),
        country=entry.get("country", ""),
        organisation_type=entry.get("organisation_type", ""),
    )
