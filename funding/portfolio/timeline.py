"""A project's timeline: deliverables, milestones, reporting periods and payments in date
order. Reads only what the detail view prefetched."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.display import show_date
from funding.portfolio.models.delivery import DeliverableStatus, ReportStatus
from funding.portfolio.models.projects import FundedProject


@dataclass(frozen=True)
class Event:
    date: dt.date
    kind: str
    label: str
    state: str = ""
    late: bool = False
    amount: Decimal | None = None


def project_timeline(project: FundedProject, *, today: dt.date) -> list[Event]:
    events = [
        Event(project.start_date, _("Start"), _("Project starts")),
        Event(project.end_date, _("End"), _("Project ends")),
    ]
    if project.signature_date:
        events.append(Event(project.signature_date, _("Signature"), _("Grant agreement signed")))
    status_labels = dict(DeliverableStatus.choices)
    for deliverable in project.deliverables.all():
        status = deliverable.status_on(today)
        events.append(
            Event(
                deliverable.due_date,
                _("Deliverable"),
                f"{deliverable.code} {deliverable.title}",
                str(status_labels[status]),
                late=status == DeliverableStatus.OVERDUE,
            )
        )
    for milestone in project.milestones.all():
        achieved = milestone.achieved_date
        events.append(
            Event(
                milestone.due_date,
                _("Milestone"),
                f"{milestone.code} {milestone.title}",
                _("Achieved on %(date)s") % {"date": show_date(achieved)}
                if achieved
                else _("Not achieved yet"),
                late=achieved is None and milestone.due_date < today,
            )
        )
    report_labels = dict(ReportStatus.choices)
    for period in project.reporting_periods.all():
        status = period.report_status_on(today)
        events.append(
            Event(
                period.report_due_date,
                _("Report"),
                _("Periodic report %(number)s (%(start)s to %(end)s)")
                % {
                    "number": period.number,
                    "start": show_date(period.start_date),
                    "end": show_date(period.end_date),
                },
                str(report_labels[status]),
                late=status == ReportStatus.LATE,
            )
        )
    for payment in project.payments.all():
        events.append(
            Event(payment.paid_on, _("Payment"), payment.get_kind_display(), amount=payment.amount)
        )
    return sorted(events, key=lambda event: event.date)
