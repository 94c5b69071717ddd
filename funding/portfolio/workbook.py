"""The Excel portfolio summary, as functions of a queryset of funded projects.

The whole workbook is written in openpyxl's write-only mode, so memory stays flat however
many projects are exported: rows are streamed from `queryset.iterator(chunk_size=...)`.
Write-only sheets support charts (`add_chart` is shared with the normal worksheet, and the
drawing is written when the sheet closes), frozen panes, column widths and auto-filters, as
long as the widths and panes are set before the first row is appended. The Summary sheet
holds only aggregates (a few dozen rows), so its charts refer to its own cells.

The number of queries is fixed: one per Summary table, one per data sheet.
"""

import datetime as dt
from collections.abc import Callable
from copy import copy
from decimal import Decimal

from django.db.models import Case, CharField, Count, F, Sum, When
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter

from cooperation.organisations.models import OrganisationType
from funding.portfolio.health import Health
from funding.portfolio.models.delivery import Deliverable, DeliverableStatus, deliverable_status
from funding.portfolio.models.projects import (
    ActivityType,
    FundedProject,
    Participant,
    ParticipantRole,
    ProjectStatus,
    activity_type_of,
)

MONEY_FORMAT = '#,##0.00 "EUR"'
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = '0.00"%"'
CHUNK_SIZE = 500
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
OVERDUE_FONT = Font(bold=True, color="9C0006")
NUMBER_FORMATS = {"money": MONEY_FORMAT, "date": DATE_FORMAT, "percent": PERCENT_FORMAT}

Progress = Callable[[int], None]


def _money(value):
    return Decimal(value or 0).quantize(Decimal("0.01"))


class _Sheet:
    """A write-only sheet with typed cells, a bold frozen header and an auto-filter.

    Styling a cell through openpyxl's descriptors looks the style up in the workbook's
    tables every time; each (kind, font) combination is looked up once here and its style
    copied onto the cells that need it, and cells without a style are written as plain
    values. The file is the same, tens of thousands of rows are written faster."""

    def __init__(self, workbook, title, columns):
        self.ws = workbook.create_sheet(title)
        self.kinds = [kind for _label, kind, _width in columns]
        for index, (_label, _kind, width) in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.ws.freeze_panes = "A2"
        self.rows = 0
        self._styles = {}
        self.append([label for label, _kind, _width in columns], header=True)

    def _style(self, kind, font):
        key = (kind, font)
        if key not in self._styles:
            cell = WriteOnlyCell(self.ws)
            if kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[kind]
            if font is not None:
                cell.font = font
            self._styles[key] = cell._style
        return self._styles[key]

    def cell(self, value, kind=None, font=None):
        if value is None or kind not in NUMBER_FORMATS:
            kind = None
        elif kind == "money":
            value = _money(value)
        if kind is None and font is None:
            return value
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = copy(self._style(kind, font))
        return cell

    def append(self, values, header=False, font=None):
        if header:
            row = []
            for value in values:
                cell = WriteOnlyCell(self.ws, value=str(value))
                cell.font, cell.fill = HEADER_FONT, HEADER_FILL
                row.append(cell)
        else:
            row = [
                self.cell(value, kind, font) for value, kind in zip(values, self.kinds, strict=True)
            ]
        self.ws.append(row)
        self.rows += 1

    def finish(self):
        last = get_column_letter(len(self.kinds))
        self.ws.auto_filter = AutoFilter(ref=f"A1:{last}{max(self.rows, 1)}")


def _labels(choices) -> dict:
    """Translated labels of a choices class, translated once per export, not once per row."""
    return {value: str(label) for value, label in choices.choices}


def _project_ids(queryset):
    return queryset.order_by().values("pk")


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
        "programme": grouped("programme__name"),
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


def _write_summary(workbook, queryset, *, title, filters_text):
    tables = summary_tables(queryset)
    ws = workbook.create_sheet(_("Summary"))
    for letter, width in zip("ABCD", (34, 12, 22, 22), strict=True):
        ws.column_dimensions[letter].width = width
    row = 0

    def put(values, kinds=(None, None, "money", "money"), font=None):
        nonlocal row
        cells = []
        for value, kind in zip(values, kinds, strict=False):
            cell = WriteOnlyCell(ws, value=value)
            if kind == "money" and value is not None:
                cell.number_format = MONEY_FORMAT
            if font is not None:
                cell.font = font
            cells.append(cell)
        ws.append(cells)
        row += 1
        return row

    put([title], font=Font(bold=True, size=14))
    put([_("Filters"), filters_text or _("none (whole portfolio)")], kinds=(None, None))
    put([])
    header = [_("Projects"), _("EU contribution (EUR)"), _("Total cost (EUR)")]
    put([_("Total"), *header], kinds=(None,) * 4, font=HEADER_FONT)
    put([_("All projects"), *tables["totals"]])
    charts = {}
    for key, label in SUMMARY_SECTIONS:
        put([])
        header_row = put([str(label), *header], kinds=(None,) * 4, font=HEADER_FONT)
        for values in tables[key]:
            put(list(values))
        charts[key] = (header_row, row)

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
    (_l("Grant number"), None, 14),
    (_l("Acronym"), None, 16),
    (_l("Title"), None, 50),
    (_l("Programme"), None, 22),
    (_l("Call"), None, 26),
    (_l("Topic"), None, 28),
    (_l("Status"), None, 18),
    (_l("Start date"), "date", 12),
    (_l("End date"), "date", 12),
    (_l("Duration (months)"), None, 10),
    (_l("Total cost (EUR)"), "money", 18),
    (_l("EU contribution (EUR)"), "money", 18),
    (_l("Funding rate (%)"), "percent", 10),
    (_l("Paid so far (EUR)"), "money", 18),
    (_l("Coordinator"), None, 40),
    (_l("Coordinator country"), None, 10),
    (_l("Signature date"), "date", 12),
    (_l("Health"), None, 12),
    (_l("Overdue deliverables"), None, 10),
    (_l("Late reports"), None, 10),
    (_l("DOI"), None, 20),
]


def _write_projects(workbook, queryset, *, progress: Progress | None, total: int):
    sheet = _Sheet(workbook, _("Projects"), PROJECT_COLUMNS)
    status_labels = _labels(ProjectStatus)
    health_labels = _labels(Health)
    for done, project in enumerate(queryset.iterator(chunk_size=CHUNK_SIZE), start=1):
        sheet.append(
            [
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
            ]
        )
        if progress is not None and total and done % CHUNK_SIZE == 0:
            progress(done)
    sheet.finish()


PARTICIPANT_COLUMNS = [
    (_l("Grant number"), None, 14),
    (_l("Acronym"), None, 16),
    (_l("Organisation"), None, 50),
    (_l("Short name"), None, 18),
    (_l("Role"), None, 20),
    (_l("Country"), None, 10),
    (_l("Activity type"), None, 10),
    (_l("PIC"), None, 12),
    (_l("EU contribution (EUR)"), "money", 18),
    (_l("Total cost (EUR)"), "money", 18),
]


def _write_participants(workbook, queryset):
    """Rows are read as tuples, not model instances: tens of thousands of them."""
    sheet = _Sheet(workbook, _("Participants"), PARTICIPANT_COLUMNS)
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
        sheet.append(
            [
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
        )
    sheet.finish()


DELIVERABLE_COLUMNS = [
    (_l("Grant number"), None, 14),
    (_l("Acronym"), None, 16),
    (_l("Code"), None, 8),
    (_l("Title"), None, 50),
    (_l("Work package"), None, 8),
    (_l("Type"), None, 8),
    (_l("Dissemination level"), None, 12),
    (_l("Due date"), "date", 12),
    (_l("Submitted on"), "date", 12),
    (_l("Approved on"), "date", 12),
    (_l("Status"), None, 12),
    (_l("Overdue"), None, 9),
]


def _write_deliverables(workbook, queryset, *, today):
    """Rows are read as tuples, not model instances: tens of thousands of them."""
    sheet = _Sheet(workbook, _("Deliverables"), DELIVERABLE_COLUMNS)
    status_labels = _labels(DeliverableStatus)
    yes, no = _("Yes"), _("No")
    rows = (
        Deliverable.objects.filter(project__in=_project_ids(queryset))
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
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        due, submitted, approved = row[7:10]
        status = deliverable_status(
            due_date=due, submitted_date=submitted, approved_date=approved, today=today
        )
        overdue = status == DeliverableStatus.OVERDUE
        sheet.append(
            [*row, status_labels[status], yes if overdue else no],
            font=OVERDUE_FONT if overdue else None,
        )
    sheet.finish()


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
    title = _("Funded portfolio summary, %(date)s") % {"date": today.isoformat()}
    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    workbook.properties.creator = "CSA Cooperation"
    workbook.properties.created = timezone.now().replace(tzinfo=None, microsecond=0)
    tables = _write_summary(workbook, queryset, title=title, filters_text=filters_text)
    total = tables["totals"][0]
    _write_projects(workbook, queryset, progress=progress, total=total)
    _write_participants(workbook, queryset)
    _write_deliverables(workbook, queryset, today=today)
    workbook.save(output)
    if progress is not None:
        progress(total)
    return total
