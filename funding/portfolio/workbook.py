"""The Excel portfolio summary, as functions of a queryset of funded projects.

Written with the platform's sheet writer (`core.sheets`) in openpyxl's write-only mode, so
memory stays flat however many projects are exported: the data sheets' rows are generated
from `queryset.iterator(chunk_size=...)` and written one at a time. The Summary sheet holds
only aggregates (a few dozen rows), so its native charts refer to its own cells.

The number of queries is fixed: one per Summary table, one per data sheet. The delivery
sheets (deliverables, reporting periods, periodic reports, payments) are in workbook_sheets.py.
"""

import datetime as dt
from collections.abc import Callable

from django.db.models import Case, CharField, Count, F, Sum, When
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.styles import Font

from cooperation.organisations.models import OrganisationType
from core.display import show_date
from core.sheets import HEADER_FONT, Column, Kind, SheetWriter, new_workbook, save_workbook
from core.translated import localized_field
from funding.portfolio.health import Health
from funding.portfolio.models.projects import (
    ActivityType,
    FundedProject,
    Participant,
    ParticipantRole,
    ProjectStatus,
    activity_type_of,
)
from funding.portfolio.workbook_sheets import (
    CHUNK_SIZE,
    DELIVERABLE_COLUMNS,
    PAYMENT_COLUMNS,
    PERIOD_COLUMNS,
    REPORT_COLUMNS,
    deliverable_rows,
    payment_rows,
    period_rows,
    report_rows,
)
from funding.portfolio.workbook_sheets import date as _date
from funding.portfolio.workbook_sheets import eur as _eur
from funding.portfolio.workbook_sheets import labels as _labels
from funding.portfolio.workbook_sheets import money_or_zero as _money
from funding.portfolio.workbook_sheets import project_ids as _project_ids
from funding.portfolio.workbook_sheets import table as _table
from funding.portfolio.workbook_sheets import text as _text

Progress = Callable[[int], None]


def summary_tables(queryset) -> dict:
    """The Summary sheet's aggregates, computed in the database (one query per table)."""
    base = FundedProject.objects.filter(pk__in=_project_ids(queryset))
    measures = {"projects": Count("pk"), "eu": Sum("eu_contribution"), "cost": Sum("total_cost")}
    totals = base.aggregate(**measures)
    call_label = Case(
        When(call__isnull=False, then=F("call__identifier")),
        default=F("call_identifier"),
        output_field=CharField(),
    )

    def grouped(key, **annotations):
        rows = (
            base.annotate(**annotations)
            .values(key)
            .annotate(**measures)
            .order_by(key)
            .values_list(key, "projects", "eu", "cost")
        )
        return [(label, n, _money(eu), _money(cost)) for label, n, eu, cost in rows]

    status_labels = dict(ProjectStatus.choices)
    by_country = (
        Participant.objects.filter(project__in=_project_ids(queryset))
        .values("organisation__country")
        .annotate(
            projects=Count("project", distinct=True),
            eu=Sum("eu_contribution"),
            cost=Sum("total_cost"),
        )
        .order_by("organisation__country")
        .values_list("organisation__country", "projects", "eu", "cost")
    )
    return {
        "totals": (
            totals["projects"] or 0,
            _money(totals["eu"]),
            _money(totals["cost"]),
        ),
        "programme": grouped("programme_label", programme_label=localized_field("programme__name")),
        "call": [
            (label or _("(not recorded)"), n, eu, cost)
            for label, n, eu, cost in grouped("call_label", call_label=call_label)
        ],
        "status": [
            (str(status_labels.get(label, label)), n, eu, cost)
            for label, n, eu, cost in grouped("status")
        ],
        "country": [(code, n, _money(eu), _money(cost)) for code, n, eu, cost in by_country],
        "start_year": grouped("start_year", start_year=ExtractYear("start_date")),
    }


SUMMARY_SECTIONS = [
    ("programme", _l("Programme")),
    ("call", _l("Call")),
    ("status", _l("Status")),
    ("country", _l("Participant country")),
    ("start_year", _l("Start year")),
]


SUMMARY_COLUMNS = [
    Column("", 34),
    Column("", 12, Kind.INTEGER),
    _eur("", 22),
    _eur("", 22),
]


def _write_summary(workbook, queryset, *, title, filters_text):
    tables = summary_tables(queryset)
    sheet = SheetWriter(workbook, _("Summary"), SUMMARY_COLUMNS)
    sheet.append([title], font=Font(bold=True, size=14))
    sheet.append([_("Filters"), filters_text or _("none (whole portfolio)")])
    sheet.append([])
    header = [_("Projects"), _("EU contribution (EUR)"), _("Total cost (EUR)")]
    sheet.append([_("Total"), *header], font=HEADER_FONT)
    sheet.append([_("All projects"), *tables["totals"]])
    charts = {}
    for key, label in SUMMARY_SECTIONS:
        sheet.append([])
        header_row = sheet.append([str(label), *header], font=HEADER_FONT)
        for values in tables[key]:
            sheet.append(values)
        charts[key] = (header_row, sheet.rows)

    ws = sheet.worksheet

    def bar(key, chart_title, column, anchor):
        header_row, last_row = charts[key]
        if last_row == header_row:
            return  # nothing to draw for an empty selection
        chart = BarChart()
        chart.type = "col"
        chart.title = chart_title
        chart.y_axis.title = "EUR"
        chart.y_axis.numFmt = "#,##0"
        data = Reference(ws, min_col=column, min_row=header_row, max_row=last_row)
        labels = Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        chart.width, chart.height = 18, 8
        ws.add_chart(chart, anchor)

    bar("programme", _("EU contribution by programme"), 3, "F2")
    bar("start_year", _("EU contribution by start year"), 3, "F19")
    header_row, last_row = charts["status"]
    if last_row > header_row:
        pie = PieChart()
        pie.title = _("Projects by status")
        pie.add_data(
            Reference(ws, min_col=2, min_row=header_row, max_row=last_row), titles_from_data=True
        )
        pie.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
        pie.width, pie.height = 12, 8
        ws.add_chart(pie, "F36")
    return tables


PROJECT_COLUMNS = [
    _text(_l("Grant number"), 14),
    _text(_l("Acronym"), 16),
    _text(_l("Title"), 50),
    _text(_l("Programme"), 22),
    _text(_l("Call"), 26),
    _text(_l("Topic"), 28),
    _text(_l("Status"), 18),
    _date(_l("Start date")),
    _date(_l("End date")),
    Column(_l("Duration (months)"), 10, Kind.INTEGER),
    _eur(_l("Total cost (EUR)")),
    _eur(_l("EU contribution (EUR)")),
    Column(_l("Funding rate (%)"), 10, Kind.PERCENT),
    _eur(_l("Paid so far (EUR)")),
    _text(_l("Coordinator"), 40),
    _text(_l("Coordinator country"), 10),
    _date(_l("Signature date")),
    _text(_l("Health"), 12),
    Column(_l("Overdue deliverables"), 10, Kind.INTEGER),
    Column(_l("Late reports"), 10, Kind.INTEGER),
    _text(_l("DOI"), 20),
    _eur(_l("Accepted costs (EUR)")),
    _date(_l("Reported until")),
]


def _project_rows(queryset, *, progress: Progress | None, total: int):
    status_labels = _labels(ProjectStatus)
    health_labels = _labels(Health)
    for done, project in enumerate(queryset.iterator(chunk_size=CHUNK_SIZE), start=1):
        yield [
            project.grant_number,
            project.acronym,
            project.title,
            project.programme.name,
            project.call_label,
            project.topic_label,
            status_labels[project.status],
            project.start_date,
            project.end_date,
            project.duration_months,
            project.total_cost,
            project.eu_contribution,
            project.funding_rate,
            project.paid,
            project.coordinator_name or "",
            project.coordinator_country or "",
            project.signature_date,
            health_labels[project.health],
            project.overdue_deliverables,
            project.late_reports,
            project.doi,
            project.accepted_costs,
            project.reported_until,
        ]
        # Reached once the writer asks for the next row, so row `done` is written.
        if progress is not None and total and done % CHUNK_SIZE == 0:
            progress(done)


PARTICIPANT_COLUMNS = [
    _text(_l("Grant number"), 14),
    _text(_l("Acronym"), 16),
    _text(_l("Organisation"), 50),
    _text(_l("Short name"), 18),
    _text(_l("Role"), 20),
    _text(_l("Country"), 10),
    _text(_l("Activity type"), 10),
    _text(_l("PIC"), 12),
    _eur(_l("EU contribution (EUR)")),
    _eur(_l("Total cost (EUR)")),
]


def _participant_rows(queryset):
    """Rows are read as tuples, not model instances: tens of thousands of them."""
    role_labels = _labels(ParticipantRole)
    activity = {kind: ActivityType(activity_type_of(kind)).value for kind in OrganisationType}
    rows = (
        Participant.objects.filter(project__in=_project_ids(queryset))
        .order_by("project__grant_number", "position", "pk")
        .values_list(
            "project__grant_number",
            "project__acronym",
            "organisation__legal_name",
            "organisation__short_name",
            "role",
            "organisation__country",
            "organisation__organisation_type",
            "organisation__pic",
            "eu_contribution",
            "total_cost",
        )
    )
    for grant, acronym, name, short, role, country, kind, pic, eu, cost in rows.iterator(
        chunk_size=CHUNK_SIZE
    ):
        yield [
            grant,
            acronym,
            name,
            short,
            role_labels[role],
            country,
            activity.get(kind) or ActivityType(activity_type_of(kind)).value,
            pic,
            eu,
            cost,
        ]


def write_portfolio_workbook(
    queryset,
    output,
    *,
    today: dt.date,
    filters_text: str = "",
    progress: Progress | None = None,
) -> int:
    """Write the portfolio summary of `queryset` (from `FundedProject.objects.for_table()`,
    filtered) to `output` (a path or a binary file object). Returns the number of projects."""
    title = _("Funded portfolio summary, %(date)s") % {"date": show_date(today)}
    workbook = new_workbook()
    workbook.properties.title = title
    workbook.properties.creator = "CSA Cooperation"
    workbook.properties.created = timezone.now().replace(tzinfo=None, microsecond=0)
    tables = _write_summary(workbook, queryset, title=title, filters_text=filters_text)
    total = tables["totals"][0]
    _table(
        workbook,
        _("Projects"),
        PROJECT_COLUMNS,
        _project_rows(queryset.with_delivery_figures(today=today), progress=progress, total=total),
    )
    _table(workbook, _("Participants"), PARTICIPANT_COLUMNS, _participant_rows(queryset))
    _table(
        workbook, _("Deliverables"), DELIVERABLE_COLUMNS, deliverable_rows(queryset, today=today)
    )
    _table(workbook, _("Reporting periods"), PERIOD_COLUMNS, period_rows(queryset, today=today))
    _table(workbook, _("Periodic reports"), REPORT_COLUMNS, report_rows(queryset))
    _table(workbook, _("Payments"), PAYMENT_COLUMNS, payment_rows(queryset))
    save_workbook(workbook, output)
    if progress is not None:
        progress(total)
    return total
