"""Who may see and act on the funded portfolio. Pure functions returning a Verdict; deny
by default."""

from django.utils.translation import gettext as _

from cooperation.accounts.roles import is_programme_manager
from cooperation.models import Membership
from core.verdicts import ALLOWED, Verdict, deny, signed_in
from funding.portfolio.models.projects import ParticipantRole


def can_view_portfolio(user, obj=None) -> Verdict:
    """The staff portfolio screens, dashboard and exports."""
    if not (refusal := signed_in(user)):
        return refusal
    if is_programme_manager(user):
        return ALLOWED
    return deny(_("The funded portfolio is for programme managers."))


def can_change_project_status(user, project=None) -> Verdict:
    return can_view_portfolio(user, project)


def can_download_export(user, job) -> Verdict:
    """A finished export: its requester and programme managers."""
    if not (refusal := signed_in(user)):
        return refusal
    if job is not None and job.requested_by_id == user.pk:
        return ALLOWED
    if is_programme_manager(user):
        return ALLOWED
    return deny(_("Only the person who asked for this export and programme managers may see it."))


def can_follow_exports(user, obj=None) -> Verdict:
    """Export pages: signed-in people; each job is then shown only to whom
    `can_download_export` allows (others get a 404)."""
    return signed_in(user)


def _manager_only(user, reason: str) -> Verdict:
    if not (refusal := signed_in(user)):
        return refusal
    if is_programme_manager(user):
        return ALLOWED
    return deny(reason)


def can_prepare_grant(user, project=None) -> Verdict:
    """The grant preparation checklist, the signature, a failed preparation and the reserve
    list's next proposal; the description of action's download too."""
    return _manager_only(user, _("Grant preparation is done by programme managers."))


def can_record_payment(user, project=None) -> Verdict:
    return _manager_only(user, _("Payments are recorded by programme managers."))


def can_handle_amendment(user, project=None) -> Verdict:
    """Recording an amendment request (as the coordinator sent it) and deciding it."""
    return _manager_only(user, _("Amendments are recorded and decided by programme managers."))


def _coordinating_organisations(project) -> set[int]:
    return {
        participant.organisation_id
        for participant in project.participants.all()
        if participant.role == ParticipantRole.COORDINATOR and participant.left_on is None
    }


def can_request_amendment(user, project) -> Verdict:
    """An amendment request: a member of the project's coordinating organisation, from the
    beneficiaries' area, or a programme manager recording the request the coordinator sent."""
    if not (refusal := signed_in(user)):
        return refusal
    if is_programme_manager(user):
        return ALLOWED
    coordinating = _coordinating_organisations(project)
    if (
        coordinating
        and Membership.objects.filter(user=user, organisation_id__in=coordinating).exists()
    ):
        return ALLOWED
    return deny(_("Amendments are requested by the project's coordinator."))


def can_edit_project_records(user, project=None) -> Verdict:
    """A project's deliverables and reporting periods, added and corrected."""
    return _manager_only(
        user, _("Deliverables and reporting periods are kept by programme managers.")
    )


def can_set_project_initiative(user, project=None) -> Verdict:
    """The strategy initiative a project serves, set or changed on its staff page."""
    return _manager_only(
        user, _("The strategy initiative of a project is set by programme managers.")
    )
