"""The evaluated version of a proposal: its last submission, read back from the snapshot.

After the deadline the last ProposalSubmission is what is evaluated, even if the proposal
was reopened. `snapshot_proposal` rebuilds unsaved Proposal, Partner and Attachment objects
from the snapshot, so the applicant-side checker (funding.proposals.eligibility) runs unchanged on
exactly what was submitted.
"""

from decimal import Decimal

from funding.proposals.budget import FUNDED_ROLES
from funding.proposals.models import (
    APPLICANT_ROLES,
    Attachment,
    Gender,
    Partner,
    ProposalSubmission,
)
from funding.proposals.snapshots import snapshot_general, snapshot_organisation


def last_submission(proposal) -> ProposalSubmission | None:
    return proposal.submissions.order_by("-number").first()


def snapshot_proposal(submission: ProposalSubmission, topic):
    """(proposal, partners, attachments) as submitted; nothing is saved."""
    data = submission.snapshot
    proposal = snapshot_general(data, topic=topic)
    lines = data["budget"]["partners"]
    partners = []
    for entry, line in zip(data["consortium"], lines, strict=True):
        partners.append(
            Partner(
                organisation=snapshot_organisation(entry),
                role=entry["role"],
                personnel_costs=Decimal(line["personnel"]),
                subcontracting_costs=Decimal(line["subcontracting"]),
                purchase_costs=Decimal(line["purchase"]),
                other_direct_costs=Decimal(line["other"]),
            )
        )
    attachments = [Attachment(kind=item["kind"]) for item in data["attachments"]]
    return proposal, partners, attachments


def gender_gap(women: int, men: int) -> Decimal:
    """Distance of the share of women from one half: 0 is 50/50, 0.5 one gender or none."""
    if women + men == 0:
        return Decimal("0.5")
    return abs(Decimal(women) / Decimal(women + men) - Decimal("0.5")).quantize(Decimal("0.0001"))


def funded_totals(snapshot: dict) -> tuple[Decimal, Decimal]:
    """(eligible costs, requested contribution) of the funded partners, from the snapshot's
    partner lines: an associated partner's line is left out even in a snapshot written
    before associated partners were shown for information only."""
    eligible = requested = Decimal("0.00")
    for entry, line in zip(snapshot["consortium"], snapshot["budget"]["partners"], strict=True):
        if entry["role"] in FUNDED_ROLES:
            eligible += Decimal(line["eligible"])
            requested += Decimal(line["requested"])
    return eligible, requested


def snapshot_figures(snapshot: dict, *, eligible_countries: frozenset[str]) -> dict:
    """Requested contribution, costs, gender balance and applicant countries, as submitted.

    `applicant_countries`, for the geographical-diversity tie-break, counts the distinct
    countries of the coordinator and beneficiaries that are in `eligible_countries` (the
    programme's Member States and Associated Countries on the topic's deadline,
    `EligibleCountry.objects.codes_for_topic`): a third country is not counted."""
    people = snapshot["personnel"]
    women = sum(1 for p in people if p["gender"] == Gender.FEMALE)
    men = sum(1 for p in people if p["gender"] == Gender.MALE)
    countries = {
        p["country"]
        for p in snapshot["consortium"]
        if p["role"] in APPLICANT_ROLES and p["country"] in eligible_countries
    }
    eligible, requested = funded_totals(snapshot)
    return {
        "requested": requested,
        "eligible_costs": eligible,
        "women": women,
        "men": men,
        "gender_gap": gender_gap(women, men),
        "applicant_countries": len(countries),
    }
