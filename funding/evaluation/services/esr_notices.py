"""The notices of a topic's publication: each applicant's Evaluation Summary Report by
e-mail, one per ranked proposal, each recorded once under its key
(`esr:<proposal>:<publication>`). Publishing again records only the notices not yet
recorded and hands the unsent ones (failed, or never handed to the queue) to the queue
again: nobody is told twice, and nobody is left out by a mail server that went away."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.models import Membership
from cooperation.organisations.models import MembershipRole
from core.mail import mail_requeue, mail_send
from core.models import MailStatus, OutgoingMail
from core.sites import configured_site_url
from funding.evaluation.models import RankingEntry
from funding.evaluation.summary import evaluation_summaries
from funding.proposals.models import Proposal


def notice_key(*, proposal_id: int, published_at: dt.datetime) -> str:
    """The key of a proposal's notice for the publication made at `published_at`."""
    instant = published_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"esr:{proposal_id}:{instant}"


def _keys(topic, published_at) -> dict[int, str]:
    ranked = RankingEntry.objects.filter(topic=topic).order_by("position", "proposal_id")
    return {
        proposal_id: notice_key(proposal_id=proposal_id, published_at=published_at)
        for proposal_id in ranked.values_list("proposal_id", flat=True)
    }


@dataclass(frozen=True)
class NoticeCounts:
    proposals: int  # ranked proposals, one notice each
    sent: int  # accepted by the mail server

    @property
    def unsent(self) -> int:
        return self.proposals - self.sent


def topic_notice_counts(*, topic, published_at: dt.datetime | None) -> NoticeCounts:
    """How many of the publication's notices the mail server has accepted."""
    if published_at is None:
        return NoticeCounts(proposals=RankingEntry.objects.filter(topic=topic).count(), sent=0)
    keys = _keys(topic, published_at)
    sent = OutgoingMail.objects.filter(key__in=keys.values(), status=MailStatus.SENT).count()
    return NoticeCounts(proposals=len(keys), sent=sent)


def esr_notices_send(*, topic, published_at: dt.datetime, site_url: str) -> int:
    """Record the notices of the publication not yet recorded, and queue every unsent one
    once the transaction commits; how many were queued."""
    keys = _keys(topic, published_at)
    recorded = set(OutgoingMail.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    missing = [proposal_id for proposal_id, key in keys.items() if key not in recorded]
    return _send_summaries(missing, keys, site_url) + mail_requeue(keys=recorded)


def _contacts(proposal_ids: list[int]) -> dict[int, set[str]]:
    """The coordinating organisation's contacts and legal representatives, per organisation."""
    contacts: dict[int, set[str]] = {}
    for membership in Membership.objects.filter(
        organisation__coordinated_proposals__pk__in=proposal_ids,
        role__in=[MembershipRole.CONTACT, MembershipRole.LEGAL_REPRESENTATIVE],
    ).values("organisation_id", "user__email"):
        contacts.setdefault(membership["organisation_id"], set()).add(membership["user__email"])
    return contacts


def _send_summaries(proposal_ids: list[int], keys: dict[int, str], site_url: str) -> int:
    if not proposal_ids:
        return 0
    contacts = _contacts(proposal_ids)
    recorded = 0
    for summary in evaluation_summaries(Proposal.objects.filter(pk__in=proposal_ids)):
        proposal = summary.proposal
        recipients = set(contacts.get(proposal.coordinator_id, set()))
        if summary.submitted_by_email:
            recipients.add(summary.submitted_by_email)
        link = (site_url or configured_site_url()).rstrip("/") + reverse(
            "evaluation_results:summary", args=[proposal.pk]
        )
        mail = mail_send(
            to=sorted(recipients),
            subject=_("Evaluation Summary Report for proposal %(number)s")
            % {"number": proposal.number},
            template="evaluation/email/summary.txt",
            context={"summary": summary, "link": link},
            key=keys[proposal.pk],
        )
        recorded += mail is not None
    return recorded
