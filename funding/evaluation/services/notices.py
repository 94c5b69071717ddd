"""The evaluation's notices before the reports: an expert is assigned, an expert declared a
conflict of interest. Each goes through `notice_send` (each person's choice: at once, in the
weekly digest, or not) and `core.mail.mail_send`, queued once the service's transaction
commits.

The assignment notice is written in the expert's preferred language when they chose one,
else in the language of the manager who assigned them. It names the proposal by number,
topic and call only, as the declaration page does: the content stays hidden until the
expert declares no conflict of interest.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cooperation.accounts.notifications.kinds import NoticeKind
from cooperation.accounts.notifications.services import notice_send
from cooperation.accounts.roles import Role
from cooperation.models import User
from core.brussels import brussels
from core.sites import configured_site_url
from funding.evaluation.models import Assignment, TopicEvaluation


def _language(user) -> str:
    preferred = (user.preferred_language or "").lower()
    known = {code for code, _name in settings.LANGUAGES}
    return preferred if preferred in known else translation.get_language()


def assignment_notify(*, assignment: Assignment, site_url: str = "") -> None:
    """Ask the assigned expert to declare any conflict of interest, with the link to do so."""
    expert, proposal = assignment.expert, assignment.proposal
    topic = proposal.topic
    evaluation = TopicEvaluation.objects.filter(topic=topic).first()
    deadline = evaluation.report_deadline if evaluation else None
    link = (site_url or configured_site_url()).rstrip("/") + reverse(
        "expert:declare", args=[assignment.pk]
    )
    with translation.override(_language(expert)):
        notice_send(
            to=[expert.email],
            kind=NoticeKind.ASSIGNMENT,
            subject=_("You are assigned to evaluate proposal %(number)s")
            % {"number": proposal.number},
            template="evaluation/email/assigned.txt",
            context={
                "expert": expert,
                "proposal": proposal,
                "topic": topic,
                "needed": topic.experts_per_proposal,
                "report_deadline": brussels(deadline) if deadline else None,
                "link": link,
            },
        )


def conflict_notify_managers(*, assignment: Assignment, details: str) -> None:
    """Tell the programme managers, and whoever made the assignment, that the expert declared
    a conflict and was released."""
    recipients = sorted(
        set(
            User.objects.filter(groups__name=Role.PROGRAMME_MANAGER, is_active=True).values_list(
                "email", flat=True
            )
        )
        | ({assignment.assigned_by.email} if assignment.assigned_by else set())
    )
    if not recipients:
        return
    proposal = assignment.proposal
    notice_send(
        to=recipients,
        kind=NoticeKind.CONFLICT,
        subject=_("Conflict of interest declared on %(number)s") % {"number": proposal.number},
        template="evaluation/email/conflict.txt",
        context={"assignment": assignment, "proposal": proposal, "details": details},
    )
