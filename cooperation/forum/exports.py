"""Excel exports of the forum secretariat: the commitments (with their milestones and, when
asked for and allowed, the owners' contact persons) and the Model National Response.

Functions of a queryset, written with the platform's sheet writer (`core.sheets`): rows are
generated from `iterator()` and streamed into a write-only workbook; views and commands only
deliver the bytes.
"""

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django_countries import countries

from cooperation.forum.mnr import grouped_capabilities
from cooperation.forum.models.commitments import Completion, EarlyResults, UpdateKind
from cooperation.forum.models.mnr_assessments import CapabilityStatus
from cooperation.models import CommitmentMilestone, ContactPerson, ProgressUpdate
from core.sheets import Column, Kind, add_sheet, new_workbook, workbook_bytes

CHUNK_SIZE = 500


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _commitment_columns() -> list[Column]:
    return [
        Column(_("ID"), 8, Kind.INTEGER),
        Column(_("Title"), 48),
        Column(_("Owner"), 32),
        Column(_("Country"), 10),
        Column(_("Workstream"), 40),
        Column(_("Made at"), 32),
        Column(_("Due date"), 12, Kind.DATE),
        Column(_("Verifiable"), 10),
        Column(_("Public"), 8),
        Column(_("Current completion"), 20),
        Column(_("Current completion from"), 24),
        Column(_("Early results"), 16),
        Column(_("Assessed completion"), 20),
        Column(_("Self-reported completion"), 20),
        Column(_("Overdue"), 10),
        Column(_("Latest update date"), 14, Kind.DATE),
        Column(_("Latest update kind"), 24),
        Column(_("Latest update"), 60),
    ]


def _commitment_rows(queryset, *, today: dt.date):
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
    for item in commitments.iterator(chunk_size=CHUNK_SIZE):
        overdue = item.due_date < today and item.current_completion != Completion.COMPLETE
        yield [
            item.pk,
            item.title,
            item.owner.organisation.legal_name,
            item.owner.organisation.country.code,
            item.workstream.name,
            str(item.meeting) if item.meeting else "",
            item.due_date,
            _yes_no(item.verifiable),
            _yes_no(item.public),
            completion.get(item.current_completion, _("No update yet")),
            kinds.get(item.current_source, ""),
            results.get(item.current_results or "", ""),
            completion.get(item.assessed_completion or "", ""),
            completion.get(item.reported_completion or "", ""),
            _yes_no(overdue),
            item.latest_date,
            kinds.get(item.latest_kind or "", ""),
            item.latest_narrative or "",
        ]


def _milestone_rows(queryset, *, today: dt.date):
    milestones = (
        CommitmentMilestone.objects.filter(commitment__in=queryset)
        .select_related("commitment")
        .order_by("commitment__due_date", "commitment_id", "due_date", "pk")
    )
    for milestone in milestones.iterator(chunk_size=CHUNK_SIZE):
        yield [
            milestone.commitment_id,
            milestone.commitment.title,
            milestone.title,
            milestone.due_date,
            milestone.done_date,
            _yes_no(milestone.is_overdue(today)),
        ]


def _contact_rows(queryset):
    contacts = (
        ContactPerson.objects.filter(stakeholder__commitments__in=queryset)
        .select_related("stakeholder__organisation")
        .distinct()
        .order_by("stakeholder__organisation__legal_name", "name")
    )
    for contact in contacts.iterator(chunk_size=CHUNK_SIZE):
        yield [
            contact.stakeholder.organisation.legal_name,
            contact.name,
            contact.role,
            contact.email,
        ]


def export_commitments(queryset, *, today: dt.date, include_contacts: bool = False) -> bytes:
    """Commitments with their current level and latest update, their milestones, and — only
    when asked for and allowed by the caller — the owners' contact persons."""
    workbook = new_workbook()
    add_sheet(
        workbook,
        _("Commitments"),
        _commitment_columns(),
        _commitment_rows(queryset, today=today),
    )
    milestone_columns = [
        Column(_("Commitment ID"), 14, Kind.INTEGER),
        Column(_("Commitment"), 48),
        Column(_("Milestone"), 48),
        Column(_("Due date"), 12, Kind.DATE),
        Column(_("Done on"), 12, Kind.DATE),
        Column(_("Overdue"), 10),
    ]
    add_sheet(workbook, _("Milestones"), milestone_columns, _milestone_rows(queryset, today=today))
    if include_contacts:
        contact_columns = [
            Column(_("Stakeholder"), 40),
            Column(_("Name"), 30),
            Column(_("Role"), 30),
            Column(_("E-mail"), 36),
        ]
        add_sheet(workbook, _("Contacts"), contact_columns, _contact_rows(queryset))
    return workbook_bytes(workbook)


def _matrix_rows(assessments, capabilities, statuses):
    current = {}
    for assessment in assessments.current().order_by("country", "capability"):
        current[(assessment.country.code, assessment.capability)] = assessment
    for code in sorted({code for code, _number in current}):
        row = [str(countries.name(code))]
        for cap in capabilities:
            assessment = current.get((code, cap.value))
            row.append(statuses[assessment.status] if assessment else "")
        yield row


def _history_rows(assessments, statuses):
    ordered = assessments.order_by("country", "capability", "assessed_on", "pk")
    for assessment in ordered.iterator(chunk_size=CHUNK_SIZE):
        yield [
            str(assessment.country.name),
            assessment.get_capability_display(),
            statuses[assessment.status],
            assessment.assessed_on,
            assessment.evidence,
        ]


def export_mnr_matrix(assessments, *, countries_filter=None) -> bytes:
    """One row per country, one column per capability, the current status in each cell;
    a second sheet holds the full history."""
    statuses = dict(CapabilityStatus.choices)
    capabilities = [cap for _category, caps in grouped_capabilities() for cap in caps]
    columns = [Column(_("Country"), 22)]
    columns += [Column(f"{cap.value}. {cap.label}", 18) for cap in capabilities]
    history_columns = [
        Column(_("Country"), 22),
        Column(_("Capability"), 36),
        Column(_("Status"), 16),
        Column(_("Date"), 12, Kind.DATE),
        Column(_("Evidence"), 60),
    ]
    workbook = new_workbook()
    add_sheet(workbook, _("Matrix"), columns, _matrix_rows(assessments, capabilities, statuses))
    add_sheet(workbook, _("History"), history_columns, _history_rows(assessments, statuses))
    return workbook_bytes(workbook)
