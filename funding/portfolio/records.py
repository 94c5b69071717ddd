"""Writes of a project's plan: its deliverables and reporting periods, added and corrected
by a programme manager. The rules are the models' clean() (a deliverable code unique in the
project; periods within the project, in order, never overlapping); what a beneficiary has
already submitted or a manager accepted is never rewritten: such an edit is refused and
nothing is stored."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from core.display import show_date
from funding.portfolio.models.delivery import Deliverable, ReportingPeriod
from funding.portfolio.models.projects import FundedProject
from funding.portfolio.permissions import can_edit_project_records
from funding.portfolio.services import project_health_refresh

# What a submission was made against: fixed once a version has been submitted.
DELIVERABLE_SUBMITTED_FIELDS = (
    "code",
    "work_package",
    "deliverable_type",
    "dissemination_level",
    "due_date",
)


class RecordRefused(Exception):
    """A change to a project's plan that cannot be made; the message says why."""


def _locked_project(user, project: FundedProject) -> FundedProject:
    """The project's row locked (inside the caller's transaction), so that two managers'
    changes to its plan are checked one after the other; refused unless the user may."""
    verdict = can_edit_project_records(user, project)
    if not verdict:
        raise RecordRefused(verdict.reason)
    return FundedProject.objects.select_for_update().get(pk=project.pk)


def _locked_record(user, record):
    """The record read again once its project's row is locked."""
    _locked_project(user, record.project)
    return type(record).objects.select_related("project").get(pk=record.pk)


def _save(record, fields: dict):
    """Write the fields, checked by the model's clean() (nothing stored when refused), and
    the project's health facts that follow from them (its row is locked)."""
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean(validate_constraints=False)
    record.save()
    project_health_refresh(project_id=record.project_id)
    return record


def _changed(record, fields: dict) -> list[str]:
    return [name for name, value in fields.items() if getattr(record, name) != value]


def _labels(record, names) -> str:
    return ", ".join(str(record._meta.get_field(name).verbose_name) for name in names)


@transaction.atomic
def deliverable_create(
    *,
    project: FundedProject,
    user,
    code: str,
    title: str,
    work_package: int,
    deliverable_type: str,
    dissemination_level: str,
    due_date: dt.date,
) -> Deliverable:
    locked = _locked_project(user, project)
    return _save(
        Deliverable(project=locked),
        {
            "code": code.strip(),
            "title": title.strip(),
            "work_package": work_package,
            "deliverable_type": deliverable_type,
            "dissemination_level": dissemination_level,
            "due_date": due_date,
        },
    )


@transaction.atomic
def deliverable_update(
    *,
    deliverable: Deliverable,
    user,
    code: str,
    title: str,
    work_package: int,
    deliverable_type: str,
    dissemination_level: str,
    due_date: dt.date,
) -> Deliverable:
    """Correct a deliverable. Once accepted it is closed; once submitted only its title may
    still be corrected (the rest is what the beneficiary submitted against)."""
    locked = _locked_record(user, deliverable)
    fields = {
        "code": code.strip(),
        "title": title.strip(),
        "work_package": work_package,
        "deliverable_type": deliverable_type,
        "dissemination_level": dissemination_level,
        "due_date": due_date,
    }
    changed = _changed(locked, fields)
    if changed and locked.approved_date:
        raise RecordRefused(
            _("Deliverable %(code)s was accepted on %(date)s; it can no longer be changed.")
            % {"code": locked.code, "date": show_date(locked.approved_date)}
        )
    fixed = [name for name in changed if name in DELIVERABLE_SUBMITTED_FIELDS]
    if fixed and (locked.submitted_date or locked.submissions.exists()):
        raise RecordRefused(
            _(
                "Deliverable %(code)s has been submitted; its %(fields)s can no longer change "
                "(only its title may be corrected)."
            )
            % {"code": locked.code, "fields": _labels(locked, fixed)}
        )
    return _save(locked, fields)


@transaction.atomic
def reporting_period_create(
    *,
    project: FundedProject,
    user,
    number: int,
    start_date: dt.date,
    end_date: dt.date,
    report_due_date: dt.date,
) -> ReportingPeriod:
    locked = _locked_project(user, project)
    return _save(
        ReportingPeriod(project=locked),
        {
            "number": number,
            "start_date": start_date,
            "end_date": end_date,
            "report_due_date": report_due_date,
        },
    )


@transaction.atomic
def reporting_period_update(
    *,
    period: ReportingPeriod,
    user,
    number: int,
    start_date: dt.date,
    end_date: dt.date,
    report_due_date: dt.date,
) -> ReportingPeriod:
    """Correct a reporting period, refused once a beneficiary has reported on it: its
    number, dates and due date are what the reports (and their lateness) were made for."""
    locked = _locked_record(user, period)
    fields = {
        "number": number,
        "start_date": start_date,
        "end_date": end_date,
        "report_due_date": report_due_date,
    }
    changed = _changed(locked, fields)
    if changed and locked.report_approved_date:
        raise RecordRefused(
            _(
                "The report of period %(number)s was accepted on %(date)s; the period can no "
                "longer change."
            )
            % {"number": locked.number, "date": show_date(locked.report_approved_date)}
        )
    if changed and (locked.report_submitted_date or locked.reports.exists()):
        raise RecordRefused(
            _(
                "Beneficiaries have reported on period %(number)s; its %(fields)s can no "
                "longer change."
            )
            % {"number": locked.number, "fields": _labels(locked, changed)}
        )
    return _save(locked, fields)
