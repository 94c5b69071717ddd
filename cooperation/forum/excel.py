"""Excel files of the forum secretariat: commitments and Model National Response exports,
and the stakeholder import (template, reading and row-by-row validation).

Exports are functions of a queryset that write an openpyxl write-only workbook (rows are
streamed with iterator()); views and commands only deliver the bytes.
"""

import datetime as dt
import io
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cooperation.forum.mnr import grouped_capabilities
from cooperation.forum.models.commitments import Completion, EarlyResults, UpdateKind
from cooperation.forum.models.mnr_assessments import CapabilityStatus
from cooperation.forum.models.stakeholders import StakeholderCategory, WeProtectCategory
from cooperation.models import ContactPerson, ProgressUpdate

DATE_FORMAT = "yyyy-mm-dd"
_BOLD = Font(bold=True)


def _sheet(workbook, title: str, columns: list[tuple[str, int]]):
    """A write-only sheet with a bold, frozen header row, widths and an auto-filter."""
    sheet = workbook.create_sheet(title)
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for text, _width in columns:
        cell = WriteOnlyCell(sheet, value=str(text))
        cell.font = _BOLD
        header.append(cell)
    sheet.append(header)
    return sheet


def _finish(sheet, columns, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(rows, 1) + 1}"


def _cells(sheet, values):
    """Dates become real Excel dates with a date format."""
    cells = []
    for value in values:
        if isinstance(value, Promise):  # lazy translations of choice labels
            value = str(value)
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        cells.append(cell)
    return cells


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_commitments(queryset, *, today: dt.date, include_contacts: bool = False) -> bytes:
    """Commitments with their current level and latest update, their milestones, and — only
    when asked for and allowed by the caller — the owners' contact persons."""
    completion = dict(Completion.choices)
    results = dict(EarlyResults.choices)
    kinds = dict(UpdateKind.choices)
    latest = ProgressUpdate.objects.filter(commitment=OuterRef("pk")).order_by("-date", "-pk")
    commitments = (
        queryset.for_table()
        .select_related("meeting")
        .annotate(
            latest_narrative=Subquery(latest.values("narrative")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
            latest_kind=Subquery(latest.values("kind")[:1]),
        )
        .order_by("due_date", "pk")
    )
    workbook = Workbook(write_only=True)
    columns = [
        (_("ID"), 8),
        (_("Title"), 48),
        (_("Owner"), 32),
        (_("Country"), 10),
        (_("Workstream"), 40),
        (_("Made at"), 32),
        (_("Due date"), 12),
        (_("Verifiable"), 10),
        (_("Public"), 8),
        (_("Current completion"), 20),
        (_("Current completion from"), 24),
        (_("Early results"), 16),
        (_("Assessed completion"), 20),
        (_("Self-reported completion"), 20),
        (_("Overdue"), 10),
        (_("Latest update date"), 14),
        (_("Latest update kind"), 24),
        (_("Latest update"), 60),
    ]
    sheet = _sheet(workbook, _("Commitments"), columns)
    count = 0
    ids = []
    for item in commitments.iterator(chunk_size=500):
        ids.append(item.pk)
        overdue = item.due_date < today and item.current_completion != Completion.COMPLETE
        sheet.append(
            _cells(
                sheet,
                [
                    item.pk,
                    item.title,
                    item.owner.organisation.legal_name,
                    item.owner.organisation.country.code,
                    item.workstream.name,
                    str(item.meeting) if item.meeting else "",
                    item.due_date,
                    _("yes") if item.verifiable else _("no"),
                    _("yes") if item.public else _("no"),
                    completion.get(item.current_completion, _("No update yet")),
                    kinds.get(item.current_source, ""),
                    results.get(item.current_results or "", ""),
                    completion.get(item.assessed_completion or "", ""),
                    completion.get(item.reported_completion or "", ""),
                    _("yes") if overdue else _("no"),
                    item.latest_date,
                    kinds.get(item.latest_kind or "", ""),
                    item.latest_narrative or "",
                ],
            )
        )
        count += 1
    _finish(sheet, columns, count)

    from cooperation.models import CommitmentMilestone

    milestone_columns = [
        (_("Commitment ID"), 14),
        (_("Commitment"), 48),
        (_("Milestone"), 48),
        (_("Due date"), 12),
        (_("Done on"), 12),
        (_("Overdue"), 10),
    ]
    milestone_sheet = _sheet(workbook, _("Milestones"), milestone_columns)
    rows = 0
    milestones = (
        CommitmentMilestone.objects.filter(commitment__in=queryset)
        .select_related("commitment")
        .order_by("commitment__due_date", "commitment_id", "due_date", "pk")
    )
    for milestone in milestones.iterator(chunk_size=500):
        milestone_sheet.append(
            _cells(
                milestone_sheet,
                [
                    milestone.commitment_id,
                    milestone.commitment.title,
                    milestone.title,
                    milestone.due_date,
                    milestone.done_date,
                    _("yes") if milestone.is_overdue(today) else _("no"),
                ],
            )
        )
        rows += 1
    _finish(milestone_sheet, milestone_columns, rows)

    if include_contacts:
        contact_columns = [(_("Stakeholder"), 40), (_("Name"), 30), (_("Role"), 30)]
        contact_columns.append((_("E-mail"), 36))
        contact_sheet = _sheet(workbook, _("Contacts"), contact_columns)
        rows = 0
        contacts = (
            ContactPerson.objects.filter(stakeholder__commitments__in=queryset)
            .select_related("stakeholder__organisation")
            .distinct()
            .order_by("stakeholder__organisation__legal_name", "name")
        )
        for contact in contacts.iterator(chunk_size=500):
            contact_sheet.append(
                _cells(
                    contact_sheet,
                    [
                        contact.stakeholder.organisation.legal_name,
                        contact.name,
                        contact.role,
                        contact.email,
                    ],
                )
            )
            rows += 1
        _finish(contact_sheet, contact_columns, rows)
    return _save(workbook)


def export_mnr_matrix(assessments, *, countries_filter=None) -> bytes:
    """One row per country, one column per capability, the current status in each cell;
    a second sheet holds the full history."""
    statuses = dict(CapabilityStatus.choices)
    current = {}
    for assessment in assessments.current().order_by("country", "capability"):
        current[(assessment.country.code, assessment.capability)] = assessment
    country_codes = sorted({code for code, _number in current})
    capabilities = [cap for _category, caps in grouped_capabilities() for cap in caps]
    workbook = Workbook(write_only=True)
    columns = [(_("Country"), 22)] + [(f"{cap.value}. {cap.label}", 18) for cap in capabilities]
    sheet = _sheet(workbook, _("Matrix"), columns)
    for code in country_codes:
        row = [str(countries.name(code))]
        for cap in capabilities:
            assessment = current.get((code, cap.value))
            row.append(statuses[assessment.status] if assessment else "")
        sheet.append(_cells(sheet, row))
    _finish(sheet, columns, len(country_codes))

    history_columns = [
        (_("Country"), 22),
        (_("Capability"), 36),
        (_("Status"), 16),
        (_("Date"), 12),
        (_("Evidence"), 60),
    ]
    history = _sheet(workbook, _("History"), history_columns)
    rows = 0
    for assessment in assessments.order_by("country", "capability", "assessed_on", "pk").iterator():
        history.append(
            _cells(
                history,
                [
                    str(assessment.country.name),
                    assessment.get_capability_display(),
                    statuses[assessment.status],
                    assessment.assessed_on,
                    assessment.evidence,
                ],
            )
        )
        rows += 1
    _finish(history, history_columns, rows)
    return _save(workbook)


# -- Stakeholder import ----------------------------------------------------------------------

# (header, required, width, help). The order is the template's.
IMPORT_COLUMNS = [
    ("Name", True, 48, "Legal name of the organisation."),
    ("Short name", False, 18, "Acronym or usual short name."),
    ("Country", True, 14, "ISO 3166 two-letter code (BE, NL, …) or the English name."),
    ("Category", True, 28, "One of: " + ", ".join(StakeholderCategory.values) + "."),
    ("PIC", False, 14, "Participant Identification Code: nine digits."),
    ("Website", False, 32, "Full address starting with https://"),
    ("WeProtect member since", False, 16, "Date (YYYY-MM-DD); empty if not a member."),
    ("WeProtect category", False, 18, "One of: " + ", ".join(WeProtectCategory.values) + "."),
    ("WeProtect board seat", False, 12, "yes or no."),
    ("EU Internet Forum since", False, 16, "Date (YYYY-MM-DD); empty if not taking part."),
    ("Tags", False, 30, "Comma-separated keywords."),
]
REQUIRED_COLUMNS = [name for name, required, *_rest in IMPORT_COLUMNS if required]


def stakeholder_import_template() -> bytes:
    """The downloadable template: the header row, one example row and a help sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Stakeholders"
    sheet.append([name for name, *_rest in IMPORT_COLUMNS])
    for index, (_name, _required, width, _help) in enumerate(IMPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=1, column=index).font = _BOLD
    sheet.append(
        [
            "ECPAT International",
            "ECPAT",
            "TH",
            StakeholderCategory.CIVIL_SOCIETY.value,
            "",
            "https://ecpat.org",
            dt.date(2016, 1, 1),
            WeProtectCategory.CIVIL_SOCIETY.value,
            "no",
            dt.date(2019, 12, 1),
            "children's rights, research",
        ]
    )
    sheet.cell(row=2, column=7).number_format = DATE_FORMAT
    sheet.cell(row=2, column=10).number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet("Help")
    help_sheet.append(["Column", "Required", "What to enter"])
    for name, required, _width, text in IMPORT_COLUMNS:
        help_sheet.append([name, "yes" if required else "no", text])
    help_sheet.append([])
    help_sheet.append(
        [
            "Duplicates",
            "",
            "A row whose PIC, or whose name and country, match a registered organisation "
            "updates it instead of adding a second one.",
        ]
    )
    help_sheet.column_dimensions["A"].width = 26
    help_sheet.column_dimensions["C"].width = 90
    return _save(workbook)


@dataclass
class RowError:
    row: int
    column: str
    problem: str


@dataclass
class ParsedImport:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


_YES = {"yes", "y", "true", "1", "oui"}
_NO = {"no", "n", "false", "0", "non", ""}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _country(value) -> str | None:
    text = _text(value)
    if not text:
        return None
    if len(text) == 2 and text.upper() in dict(countries):
        return text.upper()
    code = countries.by_name(text)
    return code or None


def _date(value):
    if value in (None, ""):
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    try:
        return dt.date.fromisoformat(_text(value)), None
    except ValueError:
        return None, _("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": value}


def parse_stakeholder_rows(content) -> ParsedImport:
    """Read and check every row; nothing is written here. Row numbers are the sheet's."""
    from django.core.validators import URLValidator

    result = ParsedImport()
    try:
        workbook = load_workbook(content, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook gets the same plain answer
        result.errors.append(RowError(0, "", _("The workbook cannot be read.")))
        return result
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_text(value) for value in next(rows, ())]
    positions = {name.lower(): index for index, name in enumerate(header) if name}
    missing = [name for name in REQUIRED_COLUMNS if name.lower() not in positions]
    for name in missing:
        result.errors.append(RowError(1, name, _("This required column is missing.")))
    if missing:
        return result

    categories = set(StakeholderCategory.values)
    weprotect_categories = set(WeProtectCategory.values)
    seen = {}
    for number, values in enumerate(rows, start=2):
        if not any(_text(v) for v in values):
            continue

        def get(name, values=values):
            index = positions.get(name.lower())
            return values[index] if index is not None and index < len(values) else None

        errors = []
        name = _text(get("Name"))
        if not name:
            errors.append(RowError(number, "Name", _("The name is required.")))
        country_value = _text(get("Country"))
        country = _country(country_value)
        if not country_value:
            errors.append(RowError(number, "Country", _("The country is required.")))
        elif country is None:
            errors.append(
                RowError(
                    number,
                    "Country",
                    _("“%(value)s” is not a known country.") % {"value": country_value},
                )
            )
        category = _text(get("Category")).lower()
        if category not in categories:
            errors.append(
                RowError(
                    number,
                    "Category",
                    _("“%(value)s” is not a stakeholder category; use one of: %(choices)s.")
                    % {"value": category, "choices": ", ".join(sorted(categories))},
                )
            )
        pic = _text(get("PIC"))
        if pic and not (pic.isdigit() and len(pic) == 9):
            errors.append(RowError(number, "PIC", _("A PIC is exactly nine digits.")))
        website = _text(get("Website"))
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except Exception:  # noqa: BLE001
                errors.append(RowError(number, "Website", _("This is not a web address.")))
        dates = {}
        for column in ("WeProtect member since", "EU Internet Forum since"):
            dates[column], problem = _date(get(column))
            if problem:
                errors.append(RowError(number, column, problem))
        weprotect_category = _text(get("WeProtect category")).lower()
        if weprotect_category and weprotect_category not in weprotect_categories:
            errors.append(
                RowError(
                    number,
                    "WeProtect category",
                    _("“%(value)s” is not a WeProtect category; use one of: %(choices)s.")
                    % {
                        "value": weprotect_category,
                        "choices": ", ".join(sorted(weprotect_categories)),
                    },
                )
            )
        board = _text(get("WeProtect board seat")).lower()
        if board not in _YES | _NO:
            errors.append(RowError(number, "WeProtect board seat", _("Write yes or no.")))
        key = (pic,) if pic else (name.lower(), country)
        if name and key in seen:
            errors.append(
                RowError(
                    number,
                    "Name",
                    _("This organisation is already on row %(row)d of the file.")
                    % {"row": seen[key]},
                )
            )
        seen.setdefault(key, number)
        if errors:
            result.errors.extend(errors)
            continue
        result.rows.append(
            {
                "row": number,
                "legal_name": name,
                "short_name": _text(get("Short name")),
                "country": country,
                "category": category,
                "pic": pic,
                "website": website,
                "weprotect_member_since": dates["WeProtect member since"],
                "weprotect_category": weprotect_category,
                "weprotect_board_seat": board in _YES,
                "forum_participant_since": dates["EU Internet Forum since"],
                "tags": [t.strip() for t in _text(get("Tags")).split(",") if t.strip()],
            }
        )
    workbook.close()
    return result
