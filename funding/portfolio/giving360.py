"""360Giving open data of the funded portfolio: a JSON grant package and a flat CSV.

One grant per public project (ongoing or closed) that has a coordinator: the coordinator is
the recipient organisation, as it receives the EU contribution on behalf of the consortium.
See docs/360giving.md for the field mapping and the organisation-identifier fallback.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_countries import countries

from core.money import CURRENCY
from core.sheets import write_csv
from funding.portfolio.models.projects import FundedProject, Participant

TITLE_LIMIT = 139  # 360Giving asks for titles under 140 characters
SCHEMA_VERSION = "1.4"


def _prefix() -> str:
    return settings.GIVING360_PREFIX


def grant_identifier(grant_number: str) -> str:
    return f"360G-{_prefix()}-{grant_number}"


def organisation_identifier(*, pk: int, pic: str) -> str:
    """No org-id.guide list covers the EU Participant Identification Code (PIC), so we mint
    identifiers in our own 360Giving namespace, which by construction clashes with no
    org-id code: `360G-<prefix>-PIC-<pic>`, or `360G-<prefix>-ORG-<our id>` without a PIC."""
    if pic:
        return f"360G-{_prefix()}-PIC-{pic}"
    return f"360G-{_prefix()}-ORG-{pk}"


def funder_identifier() -> str:
    return f"360G-{_prefix()}-FUNDER-EC"


def grant_title(acronym: str, title: str) -> str:
    full = f"{acronym}: {title}"
    return full if len(full) <= TITLE_LIMIT else full[: TITLE_LIMIT - 1].rstrip() + "…"


def open_data_projects():
    """The projects published as open data, with what a grant record needs."""
    return (
        FundedProject.objects.public()
        .select_related("programme")
        .with_coordinator()
        .filter(~Q(coordinator_organisation_id=None))
        .order_by("grant_number")
    )


def _countries_by_project(queryset) -> dict[int, list[str]]:
    rows = (
        Participant.objects.filter(project__in=queryset.order_by().values("pk"))
        .values_list("project_id", "organisation__country")
        .distinct()
        .order_by("project_id", "organisation__country")
    )
    found = defaultdict(list)
    for project_id, code in rows:
        found[project_id].append(code)
    return found


def grant_records(queryset=None):
    """Yield one 360Giving grant dict per project (two queries in all)."""
    queryset = open_data_projects() if queryset is None else queryset
    locations = _countries_by_project(queryset)
    funder_name = settings.GIVING360_FUNDER_NAME
    for project in queryset.iterator(chunk_size=500):
        award_date = project.signature_date or project.start_date
        recipient = {
            "id": organisation_identifier(
                pk=project.coordinator_organisation_id, pic=project.coordinator_pic or ""
            ),
            "name": project.coordinator_name,
        }
        if project.coordinator_country:
            recipient["addressCountry"] = str(countries.name(project.coordinator_country))
        funder = {"id": funder_identifier(), "name": funder_name}
        if project.programme.managing_service:
            funder["department"] = project.programme.managing_service
        yield {
            "id": grant_identifier(project.grant_number),
            "title": grant_title(project.acronym, project.title),
            "description": project.objective or project.title,
            "currency": CURRENCY,
            "amountAwarded": float(project.eu_contribution),
            "awardDate": award_date.isoformat(),
            "plannedDates": [
                {
                    "startDate": project.start_date.isoformat(),
                    "endDate": project.end_date.isoformat(),
                    "duration": project.duration_months,
                }
            ],
            "recipientOrganization": [recipient],
            "fundingOrganization": [funder],
            "grantProgramme": [{"code": project.programme.code, "title": project.programme.name}],
            "beneficiaryLocation": [
                {"name": str(countries.name(code)), "countryCode": code}
                for code in locations.get(project.pk, [])
            ],
            "dateModified": project.updated_at.isoformat(),
        }


def grant_package(queryset=None, *, download_url: str = "") -> dict:
    package = {
        "grants": list(grant_records(queryset)),
        "version": SCHEMA_VERSION,
        "title": "Funded projects against child sexual abuse",
        "issued": timezone.localdate().isoformat(),
        "publisher": {"name": settings.GIVING360_FUNDER_NAME},
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    if download_url:
        package["downloadURL"] = download_url
    return package


CSV_COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Planned Dates:Duration (months)",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Country",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Funding Org:Department",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "Beneficiary Location:Country Code",
    "Beneficiary Location:Name",
    "Last Modified",
]


def _csv_row(grant: dict) -> list:
    recipient, funder = grant["recipientOrganization"][0], grant["fundingOrganization"][0]
    dates, programme = grant["plannedDates"][0], grant["grantProgramme"][0]
    locations = grant["beneficiaryLocation"]
    return [
        grant["id"],
        grant["title"],
        grant["description"],
        grant["currency"],
        f"{grant['amountAwarded']:.2f}",
        grant["awardDate"],
        dates["startDate"],
        dates["endDate"],
        dates["duration"],
        recipient["id"],
        recipient["name"],
        recipient.get("addressCountry", ""),
        funder["id"],
        funder["name"],
        funder.get("department", ""),
        programme["code"],
        programme["title"],
        ",".join(location["countryCode"] for location in locations),
        ",".join(location["name"] for location in locations),
        grant["dateModified"],
    ]


def write_grants_csv(output, queryset=None) -> None:
    """The flat 360Giving spreadsheet form, one grant a row; several beneficiary countries
    are joined with commas in their columns."""
    write_csv(output, CSV_COLUMNS, (_csv_row(grant) for grant in grant_records(queryset)))
