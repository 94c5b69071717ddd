"""The receipt of a submission: the e-mail to whoever submitted it and to the coordinating
organisation's contact persons and legal representatives, recorded once per submission
(key `receipt:<submission>`) through core.mail. Written by the task worker
(funding.proposals.tasks), not in the applicant's request."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation.models import Membership
from cooperation.organisations.models import MembershipRole
from core.brussels import brussels
from core.mail import mail_send
from core.sites import configured_site_url
from funding.proposals.models import ProposalSubmission


def proposal_send_receipt(*, submission: ProposalSubmission, site_url: str = ""):
    """Record the receipt mail (core.mail.mail_send); the record, or None if it exists."""
    proposal = submission.proposal
    link = (site_url or configured_site_url()).rstrip("/") + reverse(
        "applicant:receipt", kwargs={"pk": proposal.pk, "number": submission.number}
    )
    recipients = {submission.submitted_by.email} if submission.submitted_by else set()
    recipients |= set(
        Membership.objects.filter(
            organisation_id=proposal.coordinator_id,
            role__in=[MembershipRole.CONTACT, MembershipRole.LEGAL_REPRESENTATIVE],
        ).values_list("user__email", flat=True)
    )
    context = {
        "proposal": proposal,
        "submission": submission,
        "submitted_at": brussels(submission.submitted_at),
        "link": link,
    }
    return mail_send(
        to=sorted(recipients),
        subject=_("Proposal %(number)s received") % {"number": proposal.number},
        template="applicant/email/receipt.txt",
        context=context,
        key=f"receipt:{submission.pk}",
    )
