"""The delivery sheets of the portfolio workbook (deliverables, reporting periods, periodic
reports, payments) and the column helpers every sheet of it uses.

Rows are read as tuples, not model instances (tens of thousands of them), one query per
sheet, restricted to the projects of the exported selection.
"""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from openpyxl.styles import Font, PatternFill

from core.money import money
from core.sheets import Column, Kind, Row, add_sheet
from funding.portfolio.models.delivery import (
    Deliverable,
    DeliverableStatus,
    Payment,
    PaymentKind,
    ReportingPeriod,
    ReportStatus,
    deliverable_status,
)
from funding.reporting.models import DeliverableSubmission, PeriodicReport, ReviewStatus

MONEY_FORMAT = '#,##0.00 "EUR"'
CHUNK_SIZE = 500
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
OVERDUE_FONT = Font(bold=True, color="9C0006")


def money_or_zero(value):
    return money(value or 0)


def eur(header, width=18):
    return Column(header, width, Kind.MONEY, MONEY_FORMAT)


def text(header, width):
    return Column(header, width)


def date(header, width=12):
    return Column(header, width, Kind.DATE)


def table(workbook, title, columns, rows) -> int:
    return add_sheet(workbook, title, columns, rows, header_fill=HEADER_FILL)


def labels(choices) -> dict:
    """Translated labels of a choices class, translated once per export, not once per row."""
    return {value: str(label) for value, label in choices.choices}


def project_ids(queryset):
    return queryset.order_by().values("pk")


DELIVERABLE_COLUMNS = [
    text(_l("Grant number"), 14),
    text(_l("Acronym"), 16),
    text(_l("Code"), 8),
    text(_l("Title"), 50),
    text(_l("Work package"), 8),
    text(_l("Type"), 8),
    text(_l("Dissemination level"), 12),
    date(_l("Due date")),
    date(_l("Submitted on")),
    date(_l("Approved on")),
    Column(_l("Versions submitted"), 10, Kind.INTEGER),
    text(_l("Review of the latest version"), 20),
    text(_l("Status"), 12),
    text(_l("Overdue"), 9),
]


def _latest_version(model, **outer):
    return model.objects.filter(**outer).order_by("-version")


def deliverable_rows(queryset, *, today):
    """An overdue deliverable's row is in dark red."""
    status_labels = labels(DeliverableStatus)
    review_labels = labels(ReviewStatus)
    yes, no = _("Yes"), _("No")
    latest = _latest_version(DeliverableSubmission, deliverable=OuterRef("pk"))
    rows = (
        Deliverable.objects.filter(project__in=project_ids(queryset))
        .annotate(
            versions=Subquery(latest.values("version")[:1]),
            review=Subquery(latest.values("status")[:1]),
        )
        .order_by("project__grant_number", "due_date", "code")
        .values_list(
            "project__grant_number",
            "project__acronym",
            "code",
            "title",
            "work_package",
            "deliverable_type",
            "dissemination_level",
            "due_date",
            "submitted_date",
            "approved_date",
            "versions",
            "review",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        due, submitted, approved = row[7:10]
        versions, review = row[10:12]
        status = deliverable_status(
            due_date=due, submitted_date=submitted, approved_date=approved, today=today
        )
        overdue = status == DeliverableStatus.OVERDUE
        yield Row(
            [
                *row[:10],
                versions or 0,
                review_labels.get(review, ""),
                status_labels[status],
                yes if overdue else no,
            ],
            font=OVERDUE_FONT if overdue else None,
        )


PERIOD_COLUMNS = [
    text(_l("Grant number"), 14),
    text(_l("Acronym"), 16),
    Column(_l("Period"), 8, Kind.INTEGER),
    date(_l("Start date")),
    date(_l("End date")),
    date(_l("Report due on")),
    date(_l("Report submitted on")),
    date(_l("Report approved on")),
    text(_l("Report status"), 14),
]


def period_rows(queryset, *, today):
    """A late report's row is in dark red."""
    status_labels = labels(ReportStatus)
    rows = (
        ReportingPeriod.objects.filter(project__in=project_ids(queryset))
        .order_by("project__grant_number", "number")
        .values_list(
            "project__grant_number",
            "project__acronym",
            "number",
            "start_date",
            "end_date",
            "report_due_date",
            "report_submitted_date",
            "report_approved_date",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        status = ReportingPeriod(
            report_due_date=row[5], report_submitted_date=row[6], report_approved_date=row[7]
        ).report_status_on(today)
        late = status == ReportStatus.LATE
        yield Row([*row, status_labels[status]], font=OVERDUE_FONT if late else None)


REPORT_COLUMNS = [
    text(_l("Grant number"), 14),
    text(_l("Acronym"), 16),
    Column(_l("Period"), 8, Kind.INTEGER),
    text(_l("Beneficiary"), 40),
    Column(_l("Version"), 8, Kind.INTEGER),
    date(_l("Submitted on")),
    text(_l("Review"), 18),
    eur(_l("Personnel (EUR)")),
    eur(_l("Subcontracting (EUR)")),
    eur(_l("Purchase (EUR)")),
    eur(_l("Other costs (EUR)")),
    eur(_l("Indirect costs (EUR)")),
    eur(_l("Total costs (EUR)")),
]


def report_rows(queryset):
    """Every version of every beneficiary's periodic report, with its financial statement."""
    review_labels = labels(ReviewStatus)
    rows = (
        PeriodicReport.objects.filter(period__project__in=project_ids(queryset))
        .order_by(
            "period__project__grant_number",
            "period__number",
            "participant__position",
            "participant_id",
            "version",
        )
        .values_list(
            "period__project__grant_number",
            "period__project__acronym",
            "period__number",
            "participant__organisation__legal_name",
            "version",
            "submitted_at",
            "status",
            "personnel",
            "subcontracting",
            "purchase",
            "other",
            "indirect",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        costs = row[7:12]
        yield [
            *row[:5],
            row[5].date(),
            review_labels[row[6]],
            *costs,
            sum(costs),
        ]


PAYMENT_COLUMNS = [
    text(_l("Grant number"), 14),
    text(_l("Acronym"), 16),
    text(_l("Kind"), 18),
    date(_l("Paid on")),
    eur(_l("Amount (EUR)")),
]


def payment_rows(queryset):
    kind_labels = labels(PaymentKind)
    rows = (
        Payment.objects.filter(project__in=project_ids(queryset))
        .order_by("project__grant_number", "paid_on", "pk")
        .values_list("project__grant_number", "project__acronym", "kind", "paid_on", "amount")
    )
    for grant, acronym, kind, paid_on, amount in rows.iterator(chunk_size=CHUNK_SIZE):
        yield [grant, acronym, kind_labels[kind], paid_on, amount]
