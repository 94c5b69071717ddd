"""Consortium work: the coordinator shares the proposal with a partner organisation, whose
members then fill their own budget lines and personnel (services.budget_update and
services.person_add ask `can_edit_partner_share`). The coordinator alone submits, reopens
and withdraws (the transition table's `who`)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import Membership, User
from core.brussels import brussels
from core.mail import mail_send
from core.sites import absolute_url
from funding.proposals.models import Partner
from funding.proposals.permissions import can_share_with_partner
from funding.proposals.services import ProposalError


@transaction.atomic
def partner_share_set(
    *, partner: Partner, user: User, shared: bool, now=None, site_url: str = ""
) -> Partner:
    """Share the proposal with the partner's members, or take it back (what they entered
    stays). Newly shared, the partner organisation's members are told by e-mail."""
    verdict = can_share_with_partner(user, partner)
    if not verdict:
        raise ProposalError(verdict.reason)
    partner = (
        Partner.objects.select_for_update(of=("self",))
        .select_related("proposal__topic", "proposal__coordinator", "organisation")
        .get(pk=partner.pk)
    )
    if shared and partner.shared_at is None:
        partner.shared_at = now or timezone.now()
        partner.save(update_fields=["shared_at"])
        partner_share_notify(partner=partner, user=user, site_url=site_url)
    elif not shared and partner.shared_at is not None:
        partner.shared_at = None
        partner.save(update_fields=["shared_at"])
    return partner


def partner_share_notify(*, partner: Partner, user: User, site_url: str = "") -> None:
    """Tell the partner organisation's members that they may fill their share (once per
    sharing: sharing again after taking it back tells them again)."""
    proposal = partner.proposal
    recipients = Membership.objects.filter(organisation=partner.organisation).values_list(
        "user__email", flat=True
    )
    mail_send(
        to=sorted(recipients),
        subject=_("%(coordinator)s shared proposal %(number)s with %(org)s")
        % {
            "coordinator": proposal.coordinator,
            "number": proposal.number,
            "org": partner.organisation,
        },
        template="applicant/email/shared.txt",
        context={
            "proposal": proposal,
            "partner": partner,
            "shared_by": user,
            "deadline": brussels(proposal.topic.deadline_at),
            "link": absolute_url(
                reverse("applicant:budget", kwargs={"pk": proposal.pk}), base=site_url
            ),
        },
        key=f"proposal-share:{partner.pk}:{partner.shared_at.isoformat()}",
    )
