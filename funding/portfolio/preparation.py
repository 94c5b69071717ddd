"""Writes of grant preparation: each step of the checklist, the signature that makes the
project ongoing, and a failed preparation whose budget goes to the reserve list.

Every step locks the project's row and is refused once the project has left grant
preparation. The signature goes through the project's workflow (funding.portfolio.workflow,
on the one engine), whose guard asks the checklist again on the locked row.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.brussels import brussels
from core.display import show_date, show_euros
from core.files import DOCUMENT_MAX_BYTES as DESCRIPTION_MAX_BYTES
from core.files import DOCX, ODT, PDF, sha256_of, validate_upload
from core.workflow import TransitionRefused
from funding.evaluation.snapshot import last_submission
from funding.portfolio.checklist import SIGNING_ROLES, checklist_missing, end_date_for
from funding.portfolio.models.grants import BeneficiaryAccount, GrantPreparation
from funding.portfolio.models.projects import FundedProject, Participant, ProjectStatus
from funding.portfolio.permissions import can_prepare_grant
from funding.portfolio.services import project_change_status

DESCRIPTION_TYPES = (PDF, DOCX, ODT)


class GrantError(Exception):
    """A grant preparation step that cannot be taken; the message says why."""


def _require(verdict) -> None:
    if not verdict:
        raise GrantError(verdict.reason)


def _locked(project: FundedProject, user) -> tuple[FundedProject, GrantPreparation]:
    """The project's row locked (inside the caller's transaction) and its preparation
    record, refused unless the project is still in grant preparation."""
    _require(can_prepare_grant(user, project))
    locked = FundedProject.objects.select_for_update(of=("self",)).get(pk=project.pk)
    if locked.status != ProjectStatus.GRANT_PREPARATION:
        raise GrantError(
            _("This project is no longer in grant preparation (it is “%(status)s”).")
            % {"status": locked.get_status_display()}
        )
    preparation, _created = GrantPreparation.objects.get_or_create(project=locked)
    return locked, preparation


# --- beneficiaries ------------------------------------------------------------------------


@transaction.atomic
def beneficiary_account_record(
    *,
    participant: Participant,
    user,
    registration_number: str,
    account_holder: str,
    iban: str,
    bic: str = "",
    now: dt.datetime | None = None,
) -> BeneficiaryAccount:
    """Validate a beneficiary's legal entity and bank account. An IBAN that fails the
    ISO 13616 check (or a malformed BIC) is refused with a ValidationError on its field,
    and nothing is stored."""
    project, _preparation = _locked(participant.project, user)
    if participant.role not in SIGNING_ROLES or participant.left_on is not None:
        raise GrantError(_("Only the coordinator and the beneficiaries sign and are paid."))
    account = BeneficiaryAccount.objects.filter(participant=participant).first()
    account = account or BeneficiaryAccount(participant=participant)
    account.registration_number = (registration_number or "").strip()
    account.account_holder = (account_holder or "").strip()
    account.iban, account.bic = iban or "", bic or ""
    account.validated_at, account.validated_by = now or timezone.now(), user
    account.full_clean(exclude=["participant", "validated_by"])
    account.save()
    return account


# --- consortium and budget ------------------------------------------------------------------


def consortium_differences(project: FundedProject) -> list[str]:
    """How the project's consortium and budget differ from the evaluated submission's
    snapshot; empty when they agree (or when the project has no proposal here)."""
    if not project.proposal_id:
        return []
    submission = last_submission(project.proposal)
    if submission is None:
        return [_("The selected proposal has no submission.")]
    snapshot = submission.snapshot
    expected = {
        entry["organisation"]: (Decimal(line["requested"]), Decimal(line["eligible"]))
        for entry, line in zip(snapshot["consortium"], snapshot["budget"]["partners"], strict=True)
    }
    actual = {
        p.organisation.legal_name: (p.eu_contribution, p.total_cost)
        for p in project.participants.select_related("organisation")
        if p.left_on is None
    }
    problems = [
        _("%(name)s is not in the project's consortium.") % {"name": name}
        for name in expected
        if name not in actual
    ]
    problems += [
        _("%(name)s was not in the evaluated submission.") % {"name": name}
        for name in actual
        if name not in expected
    ]
    for name, (requested, eligible) in expected.items():
        if name in actual and actual[name] != (requested, eligible):
            problems.append(
                _(
                    "%(name)s: the submission asked %(requested)s of %(eligible)s "
                    "eligible costs; the project holds %(contribution)s of %(cost)s."
                )
                % {
                    "name": name,
                    "requested": show_euros(requested),
                    "eligible": show_euros(eligible),
                    "contribution": show_euros(actual[name][0]),
                    "cost": show_euros(actual[name][1]),
                }
            )
    total = Decimal(snapshot["budget"]["total_requested"])
    if project.eu_contribution != total:
        problems.append(
            _("The submission asked %(total)s; the project's EU contribution is %(mine)s.")
            % {"total": show_euros(total), "mine": show_euros(project.eu_contribution)}
        )
    return problems


@transaction.atomic
def grant_consortium_confirm(*, project: FundedProject, user, now=None) -> GrantPreparation:
    locked, preparation = _locked(project, user)
    if problems := consortium_differences(locked):
        raise GrantError(" ".join(problems))
    preparation.consortium_confirmed_at = now or timezone.now()
    preparation.consortium_confirmed_by = user
    preparation.save(update_fields=["consortium_confirmed_at", "consortium_confirmed_by"])
    return preparation


# --- description of action ----------------------------------------------------------------


@transaction.atomic
def grant_description_attach(*, project: FundedProject, user, upload, now=None) -> GrantPreparation:
    """Attach the description of action (Part B): PDF, Word or OpenDocument, through the
    one upload validator, into private storage; a new file replaces the old one."""
    locked, preparation = _locked(project, user)
    validate_upload(upload, allowed=DESCRIPTION_TYPES, max_bytes=DESCRIPTION_MAX_BYTES)
    digest = sha256_of(upload)
    upload.seek(0)
    if preparation.description:
        preparation.description.delete(save=False)
    preparation.description.save(f"{locked.grant_number}-part-b-{upload.name}", upload, save=False)
    preparation.description_name = upload.name[:255]
    preparation.description_sha256 = digest
    preparation.description_attached_at, preparation.description_attached_by = (
        now or timezone.now(),
        user,
    )
    preparation.save()
    return preparation


# --- dates --------------------------------------------------------------------------------


@transaction.atomic
def grant_dates_agree(
    *, project: FundedProject, user, start_date: dt.date, duration_months: int, now=None
) -> FundedProject:
    locked, preparation = _locked(project, user)
    errors = {}
    if duration_months is None or duration_months < 1:
        errors["duration_months"] = _("A project lasts at least one month.")
    elif (
        locked.topic_id
        and locked.topic.max_duration_months
        and duration_months > locked.topic.max_duration_months
    ):
        errors["duration_months"] = _("The topic allows at most %(months)s months.") % {
            "months": locked.topic.max_duration_months
        }
    if errors:
        raise ValidationError(errors)
    locked.start_date = start_date
    locked.end_date = end_date_for(start_date, duration_months)
    locked.save(update_fields=["start_date", "end_date", "updated_at"])
    preparation.dates_agreed_at, preparation.dates_agreed_by = now or timezone.now(), user
    preparation.save(update_fields=["dates_agreed_at", "dates_agreed_by"])
    project.start_date, project.end_date = locked.start_date, locked.end_date
    return locked


# --- signature and failure ----------------------------------------------------------------


@transaction.atomic
def grant_sign(*, project: FundedProject, user, signature_date: dt.date, now=None) -> FundedProject:
    """Record the signature of the grant agreement and start the project. Refused, with
    nothing stored, while a step of the checklist is missing or for a date in the future."""
    locked, _preparation = _locked(project, user)
    now = now or timezone.now()
    if missing := checklist_missing(locked):
        raise GrantError(
            _("The grant agreement cannot be signed yet; still to do: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    if signature_date > brussels(now).date():
        raise GrantError(_("The signature date cannot be in the future."))
    locked.signature_date = signature_date
    locked.save(update_fields=["signature_date", "updated_at"])
    try:
        project_change_status(
            project=locked,
            to_status=ProjectStatus.ONGOING,
            user=user,
            reason=_("Grant agreement signed on %(date)s.") % {"date": show_date(signature_date)},
            now=now,
        )
    except TransitionRefused as refusal:
        raise GrantError(str(refusal)) from refusal
    project.status, project.signature_date = locked.status, signature_date
    return locked


@transaction.atomic
def grant_preparation_fail(*, project: FundedProject, user, reason: str, now=None):
    """Grant preparation failed: the project is terminated (with the reason, through the
    workflow) and its budget is freed for the topic's reserve list."""
    _require(can_prepare_grant(user, project))
    if not (reason or "").strip():
        raise GrantError(_("Please say why the grant preparation failed."))
    if project.status != ProjectStatus.GRANT_PREPARATION:
        raise GrantError(_("Only a project in grant preparation can fail it."))
    try:
        return project_change_status(
            project=project, to_status=ProjectStatus.TERMINATED, user=user, reason=reason, now=now
        )
    except TransitionRefused as refusal:
        raise GrantError(str(refusal)) from refusal
