"""What a submission is made of, read once: the partners (with their organisations), the
current files and the people of the proposal.

The submit guard checks these rows and the snapshot records them, on the same locked
proposal and in the same transaction: `proposal_contents` reads them the first time it is
asked for a proposal instance and keeps them on it, so what is checked is exactly what is
recorded, and read once (three queries) instead of twice.
"""

from dataclasses import dataclass

from funding.proposals.models import Attachment, Partner, Person, Proposal


@dataclass(frozen=True)
class Contents:
    partners: list[Partner]
    attachments: list[Attachment]
    people: list[Person]


def proposal_contents(proposal: Proposal) -> Contents:
    kept = getattr(proposal, "_submission_contents", None)
    if kept is not None:
        return kept
    partners = list(
        Partner.objects.filter(proposal=proposal)
        .select_related("organisation")
        .order_by("position", "pk")
    )
    by_pk = {partner.pk: partner for partner in partners}
    people = list(
        Person.objects.filter(proposal=proposal).order_by("last_name", "first_name", "pk")
    )
    for person in people:
        if person.partner_id in by_pk:  # the partner rows above, not a query per person
            person.partner = by_pk[person.partner_id]
    attachments = list(proposal.attachments.order_by("kind", "original_name", "pk"))
    proposal._submission_contents = Contents(partners, attachments, people)
    return proposal._submission_contents
