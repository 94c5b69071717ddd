"""Every row of the project workflow table, its refusals and its history rows."""

import datetime as dt

import pytest

from core.brussels import BRUSSELS
from funding.portfolio.models.projects import ParticipantRole, ProjectStatus, ProjectStatusChange
from funding.portfolio.services import TransitionRefused, project_change_status
from funding.portfolio.workflow import TRANSITIONS
from tests.funding.factories_portfolio import ParticipantFactory, project_with_consortium

pytestmark = pytest.mark.django_db
S = ProjectStatus
AFTER_END = dt.date(2027, 2, 1)


def change(project, to_status, user, reason="Because.", today=AFTER_END):
    """The change made at noon, Brussels time, on `today`."""
    return project_change_status(
        project=project,
        to_status=to_status,
        user=user,
        reason=reason,
        now=dt.datetime.combine(today, dt.time(12), tzinfo=BRUSSELS),
    )


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.source}->{t.target}")
def test_every_transition_is_applied_and_recorded(transition, programme_manager):
    project = project_with_consortium(status=transition.source)
    history = change(project, transition.target, programme_manager)
    project.refresh_from_db()
    assert project.status == transition.target
    assert (history.from_status, history.to_status) == (transition.source, transition.target)
    assert history.changed_by == programme_manager and history.reason == "Because."


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.source}->{t.target}")
def test_every_transition_is_refused_to_applicants(transition, applicant):
    project = project_with_consortium(status=transition.source)
    with pytest.raises(TransitionRefused, match="Only programme managers"):
        change(project, transition.target, applicant)
    assert not ProjectStatusChange.objects.exists()


@pytest.mark.parametrize(
    "transition", [t for t in TRANSITIONS if t.needs_reason], ids=lambda t: t.target
)
def test_reason_is_required_where_the_table_says(transition, programme_manager):
    project = project_with_consortium(status=transition.source)
    with pytest.raises(TransitionRefused, match="reason"):
        change(project, transition.target, programme_manager, reason="  ")


def test_changes_outside_the_table_are_refused(programme_manager):
    project = project_with_consortium(status=S.CLOSED)
    with pytest.raises(TransitionRefused, match="cannot go from"):
        change(project, S.ONGOING, programme_manager)


def test_a_project_starts_only_when_signed_with_a_coordinator(programme_manager):
    project = project_with_consortium(status=S.GRANT_PREPARATION, signature_date=None)
    with pytest.raises(TransitionRefused, match="signature date"):
        change(project, S.ONGOING, programme_manager)
    project.signature_date = dt.date(2023, 12, 1)
    project.save()
    project.participants.filter(role=ParticipantRole.COORDINATOR).delete()
    with pytest.raises(TransitionRefused, match="coordinator"):
        change(project, S.ONGOING, programme_manager)
    ParticipantFactory(project=project, role=ParticipantRole.COORDINATOR)
    change(project, S.ONGOING, programme_manager)
    assert project.status == S.ONGOING


def test_a_project_closes_only_after_its_end_date(programme_manager):
    project = project_with_consortium(status=S.ONGOING)
    with pytest.raises(TransitionRefused, match="after its end date"):
        change(project, S.CLOSED, programme_manager, today=project.end_date)
    change(project, S.CLOSED, programme_manager, today=project.end_date + dt.timedelta(days=1))
    assert project.status == S.CLOSED


def test_a_change_on_a_status_someone_else_moved_meanwhile_is_refused(programme_manager):
    project = project_with_consortium(status=S.ONGOING)
    type(project).objects.filter(pk=project.pk).update(status=S.SUSPENDED)
    with pytest.raises(TransitionRefused, match="meanwhile"):
        change(project, S.TERMINATED, programme_manager)  # a row from either status
    assert not ProjectStatusChange.objects.exists()
