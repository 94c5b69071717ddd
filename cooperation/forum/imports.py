"""The stakeholder import of the forum secretariat: the downloadable template and the
reading of a filled-in workbook, row by row, with an error for each problem (row, column,
what is wrong). Nothing is written to the database here: `services.stakeholder_import`
does that, all or nothing.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from django.core.validators import URLValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import load_workbook

from cooperation.forum.models.stakeholders import StakeholderCategory, WeProtectCategory
from cooperation.models import Organisation
from core.sheets import Column, Kind, add_sheet, new_workbook, workbook_bytes

# (header, required, width, help). The order is the template's.
IMPORT_COLUMNS = [
    ("Name", True, 48, "Legal name of the organisation."),
    ("Short name", False, 18, "Acronym or usual short name."),
    ("Country", True, 14, "ISO 3166 two-letter code (BE, NL, …) or the English name."),
    (
        "Category",
        True,
        28,
        "One of: "
        + ", ".join(str(label) for label in StakeholderCategory.labels)
        + " (any case, in English or French, or the code: "
        + ", ".join(StakeholderCategory.values)
        + ").",
    ),
    ("PIC", False, 14, "Participant Identification Code: nine digits."),
    ("Website", False, 32, "Full address starting with https://"),
    ("WeProtect member since", False, 16, "Date (YYYY-MM-DD); empty if not a member."),
    (
        "WeProtect category",
        False,
        18,
        "One of: "
        + ", ".join(str(label) for label in WeProtectCategory.labels)
        + " (or the code: "
        + ", ".join(WeProtectCategory.values)
        + ").",
    ),
    ("WeProtect board seat", False, 12, "yes or no."),
    ("EU Internet Forum since", False, 16, "Date (YYYY-MM-DD); empty if not taking part."),
    ("Tags", False, 30, "Comma-separated keywords."),
]
REQUIRED_COLUMNS = [name for name, required, *_rest in IMPORT_COLUMNS if required]
DATE_COLUMNS = {"WeProtect member since", "EU Internet Forum since"}


def stakeholder_import_template() -> bytes:
    """The downloadable template: the header row, one example row and a help sheet."""
    columns = [
        Column(name, width, Kind.DATE if name in DATE_COLUMNS else Kind.TEXT)
        for name, _required, width, _help in IMPORT_COLUMNS
    ]
    example = [
        "ECPAT International",
        "ECPAT",
        "TH",
        "Civil-society organisation",
        "",
        "https://ecpat.org",
        dt.date(2016, 1, 1),
        WeProtectCategory.CIVIL_SOCIETY.value,
        "no",
        dt.date(2019, 12, 1),
        "children's rights, research",
    ]
    help_rows = [
        *[[name, "yes" if required else "no", text] for name, required, _w, text in IMPORT_COLUMNS],
        [],
        [
            "Duplicates",
            "",
            "A row whose PIC, or whose name and country, match a registered organisation "
            "updates it instead of adding a second one. Organisations typed into a "
            "proposal's consortium that have not registered yet are never matched: such a "
            "row is refused until the organisation registers.",
        ],
    ]
    help_columns = [Column("Column", 26), Column("Required"), Column("What to enter", 90)]
    workbook = new_workbook()
    add_sheet(workbook, "Stakeholders", columns, [example], auto_filter=False)
    add_sheet(workbook, "Help", help_columns, help_rows, auto_filter=False)
    return workbook_bytes(workbook)


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


# How people write a choice: the code or its label (English or French), any case, accents
# or not, hyphens or spaces, and now and then both ("Law enforcement (law_enforcement)").
LABEL_LANGUAGES = ("en", "fr")
_SEPARATORS = re.compile(r"[()\[\]:|/;]|\s[-–—]\s")


def _normal(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[-_‐‑–—'’.]", " ", plain).split())


def choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Every accepted spelling of each choice (normalised) -> its code."""
    lookup = {}
    for value, label in choices.choices:
        lookup[_normal(value)] = value
        for language in LABEL_LANGUAGES:
            with translation.override(language):
                lookup[_normal(str(label))] = value
    return lookup


def read_choice(text: str, lookup: dict[str, str]) -> str | None:
    """The code of a choice written as people write it, or None when it is not one (or
    when its parts name two different choices)."""
    if not text:
        return None
    if (code := lookup.get(_normal(text))) is not None:
        return code
    parts = [part for part in _SEPARATORS.split(text) if part.strip()]
    codes = {lookup.get(_normal(part)) for part in parts}
    if len(parts) > 1 and None not in codes and len(codes) == 1:
        return codes.pop()
    return None


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


def _sheet_values(content) -> list[tuple]:
    """The first sheet's values, row by row. openpyxl parses the XML with defusedxml (a
    dependency of the project), which refuses entity declarations (billion laughs) and
    external references."""
    workbook = load_workbook(content, read_only=True, data_only=True)
    try:
        return list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def _refused_by_defusedxml(error: BaseException | None) -> bool:
    """Whether defusedxml refused the XML: openpyxl re-raises what its parser raised as a
    ValueError of its own, so the cause is looked for down the chain."""
    while error is not None:
        if isinstance(error, DefusedXmlException):
            return True
        error = error.__cause__ or error.__context__
    return False


def parse_stakeholder_rows(content) -> ParsedImport:
    """Read and check every row; nothing is written here. Row numbers are the sheet's."""
    result = ParsedImport()
    try:
        values = _sheet_values(content)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook gets a plain answer
        if _refused_by_defusedxml(error):
            problem = _(
                "The workbook contains XML entity declarations or external references, which "
                "are refused for safety. Open it in Excel, save it as “Excel Workbook (.xlsx)” "
                "and import that copy."
            )
        else:
            problem = _("The workbook cannot be read.")
        result.errors.append(RowError(0, "", problem))
        return result
    rows = iter(values)
    header = [_text(value) for value in next(rows, ())]
    positions = {name.lower(): index for index, name in enumerate(header) if name}
    missing = [name for name in REQUIRED_COLUMNS if name.lower() not in positions]
    for name in missing:
        result.errors.append(RowError(1, name, _("This required column is missing.")))
    if missing:
        return result

    categories = choice_lookup(StakeholderCategory)
    weprotect_categories = choice_lookup(WeProtectCategory)
    category_names = ", ".join(str(label) for label in StakeholderCategory.labels)
    weprotect_names = ", ".join(str(label) for label in WeProtectCategory.labels)
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
        category_value = _text(get("Category"))
        category = read_choice(category_value, categories)
        if category is None:
            errors.append(
                RowError(
                    number,
                    "Category",
                    _("“%(value)s” is not a stakeholder category; use one of: %(choices)s.")
                    % {"value": category_value, "choices": category_names},
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
        weprotect_value = _text(get("WeProtect category"))
        weprotect_category = read_choice(weprotect_value, weprotect_categories) or ""
        if weprotect_value and not weprotect_category:
            errors.append(
                RowError(
                    number,
                    "WeProtect category",
                    _("“%(value)s” is not a WeProtect category; use one of: %(choices)s.")
                    % {"value": weprotect_value, "choices": weprotect_names},
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
    return result


def organisation_match(row: dict) -> tuple[Organisation | None, RowError | None]:
    """The registered organisation a checked row updates (by PIC, else by name and country),
    or None for a new one. Pending organisations (typed into a consortium, seen only through
    that proposal until they register) are never matched: a row whose PIC, or whose name
    and country, only a pending one holds is refused, with a message that names nothing of
    it (a new organisation could not hold the same PIC, name and country either)."""
    registry = Organisation.objects.registry()
    if row["pic"]:
        if organisation := registry.filter(pic=row["pic"]).first():
            return organisation, None
        if Organisation.objects.filter(pic=row["pic"], is_pending=True).exists():
            return None, RowError(
                row["row"],
                "PIC",
                _(
                    "This PIC was typed into a proposal's consortium for an organisation that "
                    "is not registered yet: the import updates registered organisations only. "
                    "Import this row once the organisation has registered."
                ),
            )
    same_name = {"legal_name__iexact": row["legal_name"], "country": row["country"]}
    if organisation := registry.filter(**same_name).first():
        return organisation, None
    if Organisation.objects.filter(**same_name, is_pending=True).exists():
        return None, RowError(
            row["row"],
            "Name",
            _(
                "An organisation of this name in this country was typed into a proposal's "
                "consortium and is not registered yet: the import updates registered "
                "organisations only. Import this row once the organisation has registered."
            ),
        )
    return None, None
