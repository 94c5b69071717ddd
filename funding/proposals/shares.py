"""Consortium work: the coordinator shares the proposal with a partner organisation, whose
members then fill their own budget lines and personnel (services.budget_update and
services.person_add ask `can_edit_partner_share`). The coordinator alone submits, reopens
and withdraws (the transition table's `who`)."""

from django.db import transaction
from django.utils import timezone

from cooperation.models import User
from funding.proposals.models import Partner
from funding.proposals.permissions import can_share_with_partner
from funding.proposals.services import ProposalError


@transaction.atomic
def partner_share_set(*, partner: Partner, user: User, shared: bool, now=None) -> Partner:
    """Share the proposal with the partner's members, or take it back (what they entered
    stays)."""
    verdict = can_share_with_partner(user, partner)
    if not verdict:
        raise ProposalError(verdict.reason)
    partner = Partner.objects.select_for_update().select_related("proposal").get(pk=partner.pk)
    if shared and partner.shared_at is None:
        partner.shared_at = now or timezone.now()
    elif not shared:
        partner.shared_at = None
    partner.save(update_fields=["shared_at"])
    return partner
