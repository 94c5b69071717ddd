"""Demo reporting: AviaTor and GRACE told through the beneficiaries' reporting, and a project
the demo applicant (applicant@, Politie Nederland) can report on.

AviaTor (2019-2023) and GRACE (2020-2023) are created by demo.portfolio with planned
deliverables and periods only; here every deliverable is submitted and reviewed (one sent
back and accepted on its second version), every beneficiary's periodic report is submitted
with its financial statement and accepted (one of GRACE's sent back with changes requested
first), and then each project is closed. All of it goes through the services, dated when it
happened, with the demo programme manager as reviewer.

ORBIT-AEGIS6, an ongoing project in which Politie NL is a beneficiary, gets Politie NL's
pilot (work package 5): one deliverable submitted by applicant@ that waits for the manager's
review, one overdue and one planned; with its last reporting period, they are for the demo
applicant to submit. Idempotent: a project that already has a
submitted version is left alone.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cooperation.models import User
from cooperation.organisations.models import MembershipRole
from core.brussels import BRUSSELS
from core.money import money
from demo.people import organisation_contact
from funding.portfolio.models.delivery import DeliverableType, DisseminationLevel
from funding.portfolio.models.projects import FundedProject, ProjectStatus
from funding.portfolio.records import deliverable_create
from funding.portfolio.services import project_change_status
from funding.reporting.models import REPORTING_ROLES, DeliverableSubmission
from funding.reporting.services import (
    deliverable_review,
    deliverable_submit,
    report_review,
    report_submit,
)
from funding.reporting.workflow import ReviewAction

# Told here; demo.portfolio leaves them planned and open.
REPORTED_IN_DEMO = ("AviaTor", "GRACE")
# The demo applicant's project to report on (Politie NL is a beneficiary of it).
APPLICANT_PROJECT = "ORBIT-AEGIS6"
SENT_BACK_DELIVERABLE = (
    "The data management plan does not say where the hash sets are kept, nor for how long."
)
SENT_BACK_REPORT = (
    "Personnel costs of two researchers are not backed by time sheets; add them to the "
    "technical part, or take those costs out."
)
# Shares of a period's costs by category; the indirect costs take what is left.
SHARES = {"personnel": "0.58", "subcontracting": "0.04", "purchase": "0.12", "other": "0.06"}
SPENT_SHARE = Decimal("0.93")  # of each beneficiary's budget, over the whole project


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BRUSSELS)


def _pdf(name: str, text: str) -> SimpleUploadedFile:
    body = f"%PDF-1.4\n% {text}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
    return SimpleUploadedFile(name, body.encode(), content_type="application/pdf")


def _member(organisation) -> User:
    """A member of the organisation who reports for it."""
    return organisation_contact(organisation, role=MembershipRole.MEMBER)


def _costs(participant, period, project) -> dict:
    share = Decimal((period.end_date - period.start_date).days + 1) / Decimal(
        (project.end_date - project.start_date).days + 1
    )
    total = money(participant.total_cost * SPENT_SHARE * share)
    costs = {name: money(total * Decimal(rate)) for name, rate in SHARES.items()}
    costs["indirect"] = total - sum(costs.values())
    return costs


def _deliverables(project, members, manager) -> None:
    coordinator = members[project.participants.get(role="coordinator").pk]
    for index, deliverable in enumerate(project.deliverables.order_by("due_date", "code")):
        submitted = deliverable.due_date - dt.timedelta(days=3 if index % 3 else 0)
        first = deliverable_submit(
            deliverable=deliverable,
            user=coordinator,
            upload=_pdf(f"{deliverable.code}.pdf", deliverable.title),
            note="Submitted for the consortium.",
            now=_at(submitted),
        )
        if index == 1:  # the data management plan comes back once
            deliverable_review(
                submission=first,
                user=manager,
                action=ReviewAction.REQUEST_CHANGES,
                reason=SENT_BACK_DELIVERABLE,
                now=_at(submitted + dt.timedelta(days=14)),
            )
            submitted += dt.timedelta(days=30)
            first = deliverable_submit(
                deliverable=deliverable,
                user=coordinator,
                upload=_pdf(f"{deliverable.code}-v2.pdf", f"{deliverable.title}, revised"),
                note="Storage and retention of the hash sets added in section 4.",
                now=_at(submitted),
            )
        deliverable_review(
            submission=first,
            user=manager,
            action=ReviewAction.ACCEPT,
            now=_at(submitted + dt.timedelta(days=21)),
        )


def _reports(project, members, manager, *, sent_back_period: int | None) -> None:
    participants = list(project.participants.filter(role__in=REPORTING_ROLES))
    for period in project.reporting_periods.order_by("number"):
        submitted = period.report_due_date - dt.timedelta(days=6)
        for position, participant in enumerate(participants):
            user, costs = members[participant.pk], _costs(participant, period, project)
            report = report_submit(
                period=period,
                participant=participant,
                user=user,
                upload=_pdf(f"period-{period.number}-technical.pdf", str(participant)),
                costs=costs,
                now=_at(submitted),
            )
            reviewed = submitted + dt.timedelta(days=28)
            if period.number == sent_back_period and position == len(participants) - 1:
                report_review(
                    report=report,
                    user=manager,
                    action=ReviewAction.REQUEST_CHANGES,
                    reason=SENT_BACK_REPORT,
                    now=_at(reviewed),
                )
                costs["personnel"] -= money(costs["personnel"] * Decimal("0.05"))
                report = report_submit(
                    period=period,
                    participant=participant,
                    user=user,
                    upload=_pdf(f"period-{period.number}-technical-v2.pdf", "time sheets"),
                    costs=costs,
                    note="Time sheets added; two months of one researcher taken out.",
                    now=_at(reviewed + dt.timedelta(days=10)),
                )
                reviewed += dt.timedelta(days=30)
            report_review(
                report=report, user=manager, action=ReviewAction.ACCEPT, now=_at(reviewed)
            )


def _tell(project, manager, *, sent_back_period) -> None:
    if project.status != ProjectStatus.ONGOING:
        return  # seeded before this step existed, or already told
    if DeliverableSubmission.objects.filter(deliverable__project=project).exists():
        return
    members = {
        participant.pk: _member(participant.organisation)
        for participant in project.participants.select_related("organisation")
    }
    _deliverables(project, members, manager)
    _reports(project, members, manager, sent_back_period=sent_back_period)
    project_change_status(
        project=project,
        to_status=ProjectStatus.CLOSED,
        user=manager,
        reason="Final report approved (demo history).",
    )


# Work package 5 of ORBIT-AEGIS6, Politie NL's pilot: days from today to each due date.
PILOT_DELIVERABLES = [
    ("D5.1", "Pilot plan for the Netherlands", -40),
    ("D5.2", "Pilot results: victim identification in the Netherlands", -21),
    ("D5.3", "Lessons learnt and hand-over to the national unit", 60),
]


def _applicant_project(applicant, manager, today: dt.date) -> None:
    """Politie NL's pilot in ORBIT-AEGIS6: D5.1 submitted by applicant@ and waiting for
    review, D5.2 overdue, D5.3 planned; its last reporting period is open."""
    project = FundedProject.objects.filter(acronym=APPLICANT_PROJECT).first()
    if project is None or project.status != ProjectStatus.ONGOING:
        return
    if DeliverableSubmission.objects.filter(deliverable__project=project).exists():
        return
    # The manager plans the pilot's deliverables as on the project's staff screen.
    planned = []
    for code, title, days in PILOT_DELIVERABLES:
        deliverable = project.deliverables.filter(code=code).first() or deliverable_create(
            project=project,
            user=manager,
            code=code,
            title=title,
            work_package=5,
            deliverable_type=DeliverableType.REPORT,
            dissemination_level=DisseminationLevel.SENSITIVE,
            due_date=today + dt.timedelta(days=days),
        )
        planned.append(deliverable)
    deliverable_submit(
        deliverable=planned[0],
        user=applicant,
        upload=_pdf(f"{planned[0].code}.pdf", planned[0].title),
        note="Politie Nederland's pilot plan, for review.",
        now=timezone.now() - dt.timedelta(days=5),
    )


def seed(context: dict) -> None:
    manager = context["users"]["manager@demo.example.eu"]
    for acronym, sent_back_period in (("AviaTor", None), ("GRACE", 2)):
        project = FundedProject.objects.filter(acronym=acronym).first()
        if project is not None:
            _tell(project, manager, sent_back_period=sent_back_period)
    _applicant_project(context["users"]["applicant@demo.example.eu"], manager, timezone.localdate())
