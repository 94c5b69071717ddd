"""Who may see and submit on a funded project, and who reviews. Pure functions returning a
Verdict; deny by default.

Who may *see* a project in the beneficiaries' area is decided by
`funding.reporting.selectors.projects_of(user)`: anything outside it answers 404. These rules
decide what a member who sees it may do.
"""

from django.utils.translation import gettext as _

from cooperation.accounts.roles import is_programme_manager
from cooperation.models import Membership
from core.verdicts import ALLOWED, Verdict, deny, signed_in


def organisation_ids(user) -> frozenset[int]:
    """The organisations the user is a member of (read once per request)."""
    cache = getattr(user, "_reporting_organisation_ids", None)
    if cache is None:
        cache = frozenset(
            Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
        )
        user._reporting_organisation_ids = cache
    return cache


def _consortium(project) -> set[int]:
    return {participant.organisation_id for participant in project.participants.all()}


def can_use_project_area(user, obj=None) -> Verdict:
    """The beneficiaries' list of projects: anyone signed in sees their own (maybe none)."""
    return signed_in(user)


def can_view_project(user, project) -> Verdict:
    """Members of the organisations of the project's consortium."""
    if not (refusal := signed_in(user)):
        return refusal
    if _consortium(project) & organisation_ids(user):
        return ALLOWED
    return deny(_("This project belongs to organisations you are not a member of."))


def can_submit_deliverable(user, deliverable) -> Verdict:
    """A deliverable is the consortium's: any member of one of its organisations."""
    if not (refusal := signed_in(user)):
        return refusal
    if _consortium(deliverable.project) & organisation_ids(user):
        return ALLOWED
    return deny(_("Only members of the project's organisations may submit its deliverables."))


def can_submit_report(user, participant) -> Verdict:
    """A beneficiary's periodic report is its own members' to submit."""
    if not (refusal := signed_in(user)):
        return refusal
    if participant.organisation_id in organisation_ids(user):
        return ALLOWED
    return deny(
        _("Only members of %(organisation)s may submit its report.")
        % {"organisation": participant.organisation}
    )


def can_review(user, obj=None) -> Verdict:
    """The review screens of the staff portfolio."""
    if not (refusal := signed_in(user)):
        return refusal
    if is_programme_manager(user):
        return ALLOWED
    return deny(_("Reviews of deliverables and reports are for programme managers."))


def can_download_version(user, project) -> Verdict:
    """A submitted file: the project's consortium members and programme managers."""
    if not (refusal := signed_in(user)):
        return refusal
    if is_programme_manager(user):
        return ALLOWED
    return can_view_project(user, project)
