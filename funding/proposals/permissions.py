"""Who may do what with a proposal. Pure functions `(user, obj) -> Verdict`.

Who may *see* a proposal is decided by `Proposal.objects.visible_to(user)`: anything
outside it is answered with 404. These rules decide what a user who can see it may do.
"""

from django.utils.translation import gettext as _

from cooperation.models import Membership
from core.verdicts import ALLOWED, Verdict, deny, signed_in
from funding.proposals.applicant_status import proposal_applicant_status, status_label
from funding.proposals.models import PartnerRole
from funding.proposals.statuses import ProposalStatus


def member_organisation_ids(user) -> frozenset[int]:
    """The organisations the user is a member of, read once per request (kept on the user)."""
    cache = getattr(user, "_organisation_ids", None)
    if cache is None:
        cache = frozenset(
            Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
        )
        user._organisation_ids = cache
    return cache


def _member_of(user, organisation_id) -> bool:
    return organisation_id in member_organisation_ids(user)


def can_use_applicant_area(user, obj=None) -> Verdict:
    return signed_in(user)


def can_choose_topic(user) -> Verdict:
    """Whoever may start a proposal once they pick an open topic: a member of an organisation."""
    if not (refusal := signed_in(user)):
        return refusal
    if not Membership.objects.filter(user=user).exists():
        return deny(
            _(
                "You are not a member of any organisation. Register your organisation, or ask "
                "a colleague to invite you to theirs, before starting a proposal."
            )
        )
    return ALLOWED


def can_start_proposal(user, topic) -> Verdict:
    if not (refusal := can_choose_topic(user)):
        return refusal
    if topic is None:
        return deny(_("Choose a topic from an open call to start a proposal."))
    if not topic.is_open():
        return deny(
            _("The topic %(topic)s is not open for submissions.") % {"topic": topic.identifier}
        )
    return ALLOWED


def can_view_proposal(user, proposal) -> Verdict:
    """Members of the coordinating organisation or of a partner organisation."""
    if not (refusal := signed_in(user)):
        return refusal
    if _member_of(user, proposal.coordinator_id):
        return ALLOWED
    organisation_ids = {p.organisation_id for p in proposal.partners.all()}
    if any(_member_of(user, pk) for pk in organisation_ids):
        return ALLOWED
    return deny(_("This proposal belongs to organisations you are not a member of."))


def can_act_for_coordinator(user, proposal) -> Verdict:
    if not (refusal := signed_in(user)):
        return refusal
    if _member_of(user, proposal.coordinator_id):
        return ALLOWED
    return deny(
        _("Only members of the coordinating organisation (%(org)s) can do this.")
        % {"org": proposal.coordinator}
    )


def can_edit_proposal(user, proposal) -> Verdict:
    verdict = can_act_for_coordinator(user, proposal)
    if not verdict:
        return verdict
    if proposal.status == ProposalStatus.SUBMITTED:
        return deny(
            _(
                "This proposal is submitted. Reopen it to make changes, then submit it again "
                "before the deadline."
            )
        )
    if proposal.status != ProposalStatus.DRAFT:
        # Named as the applicant sees it: "under evaluation" until the results are out.
        return deny(
            _("This proposal is %(status)s and can no longer be changed.")
            % {"status": status_label(proposal_applicant_status(proposal)).lower()}
        )
    return ALLOWED


def proposal_locked(proposal) -> bool:
    """Nobody changes it in the applicant area any more: submitted (until the coordinator
    reopens it), under evaluation or later, withdrawn. Only a draft is changed."""
    return proposal.status != ProposalStatus.DRAFT


def can_read_locked_section(user, proposal) -> Verdict:
    """A section of a locked proposal, shown read-only as it was submitted: to whoever may
    see the proposal (the coordinator's members and every partner's)."""
    if not proposal_locked(proposal):
        return deny(_("This proposal is a draft: its sections are changed on their own pages."))
    return can_view_proposal(user, proposal)


def can_read_draft_section(user, proposal) -> Verdict:
    """A section of a draft that the person may see but not change (a partner's member on
    the coordinator's sections, or on the budget and personnel before the coordinator
    shares the proposal with their organisation): shown read-only, its live values marked
    as the current draft, rather than refused."""
    if proposal_locked(proposal):
        return deny(_("This proposal can no longer be changed."))
    return can_view_proposal(user, proposal)


# --- consortium work: each partner fills its own share ---------------------------------


def _draft_refusal(proposal) -> Verdict:
    if proposal.status == ProposalStatus.DRAFT:
        return ALLOWED
    if proposal.status == ProposalStatus.SUBMITTED:
        return deny(_("This proposal is submitted: only the coordinator can reopen it."))
    return deny(_("This proposal can no longer be changed."))


def can_edit_partner_share(user, partner) -> Verdict:
    """A partner's budget lines and personnel: the coordinator's members while they may
    edit the proposal, and the partner organisation's members once the coordinator has
    shared the proposal with it, while it is a draft."""
    proposal = partner.proposal
    if not (refusal := signed_in(user)):
        return refusal
    if _member_of(user, proposal.coordinator_id):
        return can_edit_proposal(user, proposal)
    if not _member_of(user, partner.organisation_id):
        return deny(
            _("Only %(org)s's members and the coordinator can change %(org)s's share.")
            % {"org": partner.organisation}
        )
    if partner.shared_at is None:
        return deny(
            _("The coordinator has not shared this proposal with %(org)s yet.")
            % {"org": partner.organisation}
        )
    return _draft_refusal(proposal)


def can_edit_shares(user, proposal) -> Verdict:
    """The budget and personnel pages: the coordinator's members, and the members of a
    partner organisation the proposal is shared with."""
    if not (refusal := signed_in(user)):
        return refusal
    if _member_of(user, proposal.coordinator_id):
        return can_edit_proposal(user, proposal)
    shared = [
        p for p in proposal.partners.all() if p.shared_at and _member_of(user, p.organisation_id)
    ]
    if not shared:
        return deny(
            _(
                "The coordinator has not shared this proposal with your organisation: ask "
                "%(org)s to share it so that you can fill your budget lines and personnel."
            )
            % {"org": proposal.coordinator}
        )
    return _draft_refusal(proposal)


def can_share_with_partner(user, partner) -> Verdict:
    """Sharing the proposal with a partner, or taking it back: the coordinator alone."""
    if partner.role == PartnerRole.COORDINATOR:
        return deny(_("The coordinator's own share is always the coordinator's."))
    return can_edit_proposal(user, partner.proposal)
