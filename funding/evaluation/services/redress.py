"""Evaluation review (redress).

Once a topic's results are published, a member of a proposal's coordinating organisation
may ask, within the programme's window (`Programme.redress_days`, 30 by default), for a
review of how the evaluation was conducted: the procedure only, never the experts'
judgement of the proposal's merits. The programme manager records the outcome, upheld or
rejected, with a reason the applicant reads. Neither step changes the proposal's status:
an upheld request is acted on through the evaluation's own steps.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.models import Membership, User
from cooperation.organisations.models import MembershipRole
from core.mail import mail_send
from core.sites import configured_site_url
from funding.evaluation.models import RedressOutcome, RedressRequest
from funding.evaluation.permissions import can_decide_redress, can_request_redress
from funding.evaluation.services.assignments import EvaluationError, _now, _require
from funding.proposals.models import Proposal

GROUNDS_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 5000


def _text(value: str, *, missing: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise EvaluationError(missing)
    if len(value) > limit:
        raise EvaluationError(
            _("Keep it to %(limit)s characters; this text has %(length)s.")
            % {"limit": f"{limit:,}", "length": f"{len(value):,}"}
        )
    return value


@transaction.atomic
def redress_request_create(
    *, proposal: Proposal, user: User, grounds: str, now=None
) -> RedressRequest:
    """Record an applicant's request for an evaluation review, or say why it is refused:
    not a member of the coordinator, no published Evaluation Summary Report, after the
    window, or a request of this proposal still open."""
    now = _now(now)
    # The proposal's row is locked, so that two requests sent at once are judged in turn.
    locked = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("topic", "coordinator")
        .get(pk=proposal.pk)
    )
    _require(can_request_redress(user, locked, now=now))
    grounds = _text(
        grounds,
        missing=_("Say which step of the evaluation procedure went wrong, and how."),
        limit=GROUNDS_MAX_LENGTH,
    )
    try:
        with transaction.atomic():
            return RedressRequest.objects.create(
                proposal=locked, requested_by=user, requested_at=now, grounds=grounds
            )
    except IntegrityError as error:  # the one-open-request constraint, raced
        raise EvaluationError(
            _("A request for an evaluation review of this proposal is already open.")
        ) from error


@transaction.atomic
def redress_request_decide(
    *, redress: RedressRequest, user: User, outcome: str, reason: str, now=None, site_url=""
) -> RedressRequest:
    """The programme manager's decision on an open request, with the reason the applicant
    reads; the coordinator's contacts and the requester are told by e-mail."""
    now = _now(now)
    locked = (
        RedressRequest.objects.select_for_update(of=("self",))
        .select_related("proposal__topic", "requested_by")
        .get(pk=redress.pk)
    )
    _require(can_decide_redress(user, locked))
    if outcome not in RedressOutcome.values:
        raise EvaluationError(_("Choose whether the request is upheld or rejected."))
    locked.reason = _text(
        reason,
        missing=_("Give the reason for the decision: the applicant reads it."),
        limit=REASON_MAX_LENGTH,
    )
    locked.outcome, locked.decided_by, locked.decided_at = outcome, user, now
    locked.save(update_fields=["outcome", "reason", "decided_by", "decided_at"])
    _send_decision(locked, site_url)
    return locked


def _send_decision(redress: RedressRequest, site_url: str) -> None:
    proposal = redress.proposal
    recipients = {redress.requested_by.email} if redress.requested_by.email else set()
    recipients |= set(
        Membership.objects.filter(
            organisation_id=proposal.coordinator_id,
            role__in=[MembershipRole.CONTACT, MembershipRole.LEGAL_REPRESENTATIVE],
        ).values_list("user__email", flat=True)
    )
    link = (site_url or configured_site_url()).rstrip("/") + reverse(
        "applicant:proposal", args=[proposal.pk]
    )
    mail_send(
        to=sorted(recipients),
        subject=_("Evaluation review of proposal %(number)s: %(outcome)s")
        % {"number": proposal.number, "outcome": redress.get_outcome_display().lower()},
        template="evaluation/email/redress_decision.txt",
        context={"redress": redress, "proposal": proposal, "link": link},
    )
