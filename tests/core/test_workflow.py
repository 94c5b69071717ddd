"""The workflow engine (core.workflow) on a tiny table, then both real tables through it.

The tiny table runs on funded projects (any model with a `status` field would do). The
lock cannot be watched on SQLite, which has no `SELECT … FOR UPDATE`, so the tests spy
on `QuerySet.select_for_update`: the spy notes when the lock is asked for and can play
the part of another request that changed the row and committed while we waited for it.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models.query import QuerySet

from core.brussels import BRUSSELS, brussels
from core.verdicts import ALLOWED, deny
from core.workflow import Transition, TransitionRefused, Workflow
from funding.portfolio.models.projects import FundedProject, ProjectStatus, ProjectStatusChange
from funding.portfolio.workflow import PROJECT_WORKFLOW
from funding.portfolio.workflow import TRANSITIONS as PROJECT_TRANSITIONS
from funding.proposals.lifecycle import proposal_transition
from funding.proposals.models import Proposal, ProposalStatusChange
from funding.proposals.services import ProposalError
from funding.proposals.workflow import PROPOSAL_WORKFLOW
from funding.proposals.workflow import TRANSITIONS as PROPOSAL_TRANSITIONS
from tests.funding.factories_portfolio import FundedProjectFactory, project_with_consortium
from tests.funding.factories_proposals import complete_proposal

pytestmark = pytest.mark.django_db
S = ProjectStatus
NOON = dt.datetime(2026, 6, 1, 12, tzinfo=BRUSSELS)


@pytest.fixture
def events():
    """What happened, in order: "lock", "clock", "who", "guard"."""
    return []


@pytest.fixture
def lock_spy(monkeypatch, events):
    """Record every `select_for_update` call; run `spy.meanwhile` just before it."""
    original = QuerySet.select_for_update

    class Spy:
        meanwhile = None
        calls: list = []

    def spied(queryset, *args, **kwargs):
        events.append("lock")
        Spy.calls.append(kwargs)
        if Spy.meanwhile is not None:
            Spy.meanwhile()
        return original(queryset, *args, **kwargs)

    Spy.calls = []
    monkeypatch.setattr(QuerySet, "select_for_update", spied)
    return Spy


def _tiny(events) -> Workflow:
    def who(user, project):
        events.append("who")
        if not user.is_authenticated:
            return deny("Please sign in first.")
        return ALLOWED if user.first_name == "Ada" else deny("Only Ada moves projects.")

    def not_over(project, now):
        events.append("guard")
        if project.end_date < brussels(now).date():
            return f"The project ended on {project.end_date.isoformat()}."
        return None

    def stamp(project, user, now):
        project.objective = f"Last moved by {user.first_name}."
        return ("objective",)

    return Workflow(
        model=FundedProject,
        transitions=(
            Transition("pause", S.ONGOING, S.SUSPENDED, who, not_over, label="Pause"),
            Transition("stop", S.ONGOING, S.TERMINATED, who, None, needs_reason=True),
            Transition("stop", S.SUSPENDED, S.TERMINATED, who, None, needs_reason=True),
        ),
        history=ProjectStatusChange,
        history_of="project",
        stamp=stamp,
        reason_missing="Say why.",
        changed_meanwhile="Moved meanwhile.",
        related=("programme",),
    )


@pytest.fixture
def ada(make_user):
    return make_user(first_name="Ada")


@pytest.fixture
def bob(make_user):
    return make_user(first_name="Bob")


def _unchanged(project, status=S.ONGOING):
    assert FundedProject.objects.get(pk=project.pk).status == status
    assert not ProjectStatusChange.objects.filter(project=project).exists()


# --- the table ---------------------------------------------------------------------------


def test_the_table_is_looked_up_by_action_and_source(events):
    flow = _tiny(events)
    assert flow.find("stop", S.SUSPENDED).target == S.TERMINATED
    assert flow.find("pause", S.SUSPENDED) is None
    assert flow.actions_from(S.ONGOING) == ["pause", "stop"]
    assert [t.label for t in flow.from_status(S.ONGOING)] == ["Pause", ""]
    assert flow.actions_from(S.CLOSED) == []


def test_a_change_writes_the_status_the_stamp_and_the_history_row(events, lock_spy, ada):
    project = FundedProjectFactory()
    applied = _tiny(events).apply(
        obj=project, action="stop", user=ada, reason="  Ended.  ", now=NOON
    )
    stored = FundedProject.objects.get(pk=project.pk)
    assert (stored.status, stored.objective) == (S.TERMINATED, "Last moved by Ada.")
    assert applied.obj.status == S.TERMINATED and applied.obj is not project
    change = ProjectStatusChange.objects.get()
    assert applied.change == change
    assert (change.from_status, change.to_status, change.changed_by) == (
        S.ONGOING,
        S.TERMINATED,
        ada,
    )
    assert (change.changed_at, change.reason, change.action) == (NOON, "Ended.", "stop")


def test_only_the_entitys_own_row_is_locked(events, lock_spy, ada):
    _tiny(events).apply(obj=FundedProjectFactory(), action="pause", user=ada, now=NOON)
    assert lock_spy.calls == [{"of": ("self",)}]


def test_a_failing_history_row_leaves_the_status_as_it_was(events, ada):
    flow = _tiny(events)

    # A history row that cannot be written (here: no such foreign key on the history model).
    flow = Workflow(
        model=flow.model,
        transitions=flow.transitions,
        history=ProjectStatusChange,
        history_of="no_such_project",
    )
    project = FundedProjectFactory()
    with pytest.raises(TypeError):
        flow.apply(obj=project, action="pause", user=ada, now=NOON)
    _unchanged(project)


# --- the lock comes first ----------------------------------------------------------------


def test_the_guard_judges_the_row_as_locked_not_as_the_caller_read_it(events, lock_spy, ada):
    project = FundedProjectFactory(end_date=dt.date(2027, 12, 31))

    def shortened_meanwhile():  # another request shortens the project and commits
        FundedProject.objects.filter(pk=project.pk).update(end_date=dt.date(2026, 1, 31))

    lock_spy.meanwhile = shortened_meanwhile
    with pytest.raises(TransitionRefused, match="ended on 2026-01-31"):
        _tiny(events).apply(obj=project, action="pause", user=ada, now=NOON)
    assert events.index("lock") < events.index("guard")
    _unchanged(project)


def test_the_guard_is_not_fooled_by_a_stale_caller(events, lock_spy, ada):
    project = FundedProjectFactory(end_date=dt.date(2027, 12, 31))
    project.end_date = dt.date(2020, 1, 1)  # never saved: the table reads the row
    _tiny(events).apply(obj=project, action="pause", user=ada, now=NOON)
    assert FundedProject.objects.get(pk=project.pk).status == S.SUSPENDED


def test_the_clock_is_read_once_the_lock_is_held(events, lock_spy, monkeypatch, ada):
    """A request that waits for the lock across midnight is judged by when it got it."""
    project = FundedProjectFactory(end_date=dt.date(2026, 5, 31))
    clock = {"now": dt.datetime(2026, 5, 31, 23, 59, 59, tzinfo=BRUSSELS)}

    def read_clock():
        events.append("clock")
        return clock["now"]

    def waited_past_midnight():
        clock["now"] = dt.datetime(2026, 6, 1, 0, 0, 1, tzinfo=BRUSSELS)

    monkeypatch.setattr("core.workflow.timezone.now", read_clock)
    lock_spy.meanwhile = waited_past_midnight
    with pytest.raises(TransitionRefused, match="ended on 2026-05-31"):
        _tiny(events).apply(obj=project, action="pause", user=ada)
    assert events[:2] == ["lock", "clock"] and events.count("clock") == 1


def test_a_given_instant_is_used_and_the_clock_left_alone(events, lock_spy, monkeypatch, ada):
    project = FundedProjectFactory()
    monkeypatch.setattr("core.workflow.timezone.now", lambda: pytest.fail("clock read"))
    _tiny(events).apply(obj=project, action="pause", user=ada, now=NOON)
    assert ProjectStatusChange.objects.get().changed_at == NOON


def test_a_row_moved_since_the_user_saw_it_is_refused(events, lock_spy, ada):
    project = FundedProjectFactory()
    lock_spy.meanwhile = lambda: FundedProject.objects.filter(pk=project.pk).update(
        status=S.SUSPENDED
    )
    with pytest.raises(TransitionRefused, match="Moved meanwhile"):
        _tiny(events).apply(
            obj=project, action="stop", user=ada, reason="x", now=NOON, seen_status=S.ONGOING
        )
    assert "who" not in events  # "stop" is a row from either status: it is not applied
    assert not ProjectStatusChange.objects.exists()


# --- who, the reason, the table's limits -------------------------------------------------


def test_who_refuses_with_its_own_reason(events, bob):
    project = FundedProjectFactory()
    with pytest.raises(TransitionRefused, match="Only Ada moves projects"):
        _tiny(events).apply(obj=project, action="pause", user=bob, now=NOON)
    assert "guard" not in events
    _unchanged(project)


def test_nobody_is_refused_whatever_the_row(events):
    project = FundedProjectFactory()
    for action, reason in (("pause", ""), ("stop", "x")):
        with pytest.raises(TransitionRefused, match="signed-in person"):
            _tiny(events).apply(obj=project, action=action, user=None, reason=reason, now=NOON)
    assert "guard" not in events
    _unchanged(project)


def test_an_anonymous_visitor_or_a_closed_account_is_refused(events, ada):
    project = FundedProjectFactory()
    with pytest.raises(TransitionRefused, match="Please sign in first"):
        _tiny(events).apply(obj=project, action="pause", user=AnonymousUser(), now=NOON)
    ada.is_active = False
    with pytest.raises(TransitionRefused, match="not active"):
        _tiny(events).apply(obj=project, action="pause", user=ada, now=NOON)
    assert "guard" not in events
    _unchanged(project)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_row_that_needs_a_reason_refuses_without_one(events, ada, reason):
    project = FundedProjectFactory()
    with pytest.raises(TransitionRefused, match="Say why"):
        _tiny(events).apply(obj=project, action="stop", user=ada, reason=reason, now=NOON)
    _unchanged(project)


@pytest.mark.parametrize(
    ("status", "action"), [(S.ONGOING, "resume"), (S.SUSPENDED, "pause"), (S.CLOSED, "stop")]
)
def test_an_action_the_table_lacks_is_refused_in_plain_words(events, ada, status, action):
    project = FundedProjectFactory(status=status)
    label = ProjectStatus(status).label
    with pytest.raises(TransitionRefused, match=f"not possible from the status “{label}”"):
        _tiny(events).apply(obj=project, action=action, user=ada, reason="x", now=NOON)
    assert events == []  # neither who nor the guard is asked
    _unchanged(project, status=status)


# --- both tables of the project, through the engine --------------------------------------

ROWS = [
    *((PROPOSAL_WORKFLOW, row) for row in PROPOSAL_TRANSITIONS),
    *((PROJECT_WORKFLOW, row) for row in PROJECT_TRANSITIONS),
]


def _row_id(value):
    return (
        f"{value.model.__name__}"
        if isinstance(value, Workflow)
        else f"{value.action}:{value.source}"
    )


def _entity_at(workflow, status):
    if workflow is PROPOSAL_WORKFLOW:
        proposal = complete_proposal()
        Proposal.objects.filter(pk=proposal.pk).update(status=status)
        return Proposal.objects.get(pk=proposal.pk)
    return project_with_consortium(status=status)


def _history(workflow):
    return (ProposalStatusChange if workflow is PROPOSAL_WORKFLOW else ProjectStatusChange).objects


def test_each_table_is_the_one_its_service_applies():
    assert PROPOSAL_WORKFLOW.transitions is PROPOSAL_TRANSITIONS
    assert PROJECT_WORKFLOW.transitions is PROJECT_TRANSITIONS


@pytest.mark.parametrize(("workflow", "row"), ROWS, ids=_row_id)
def test_every_row_is_unambiguous_and_between_known_statuses(workflow, row):
    statuses = {value for value, _label in workflow.model._meta.get_field("status").choices}
    assert {row.source, row.target} <= statuses and row.source != row.target
    assert workflow.find(row.action, row.source) is row
    assert callable(row.who) and (row.guard is None or callable(row.guard))


@pytest.mark.parametrize(("workflow", "row"), ROWS, ids=_row_id)
def test_every_row_refuses_nobody_and_anonymous_visitors(workflow, row):
    """Whatever its `who`, no row is taken without a signed-in person to record."""
    entity = _entity_at(workflow, row.source)
    for user in (None, AnonymousUser()):
        with pytest.raises(TransitionRefused):
            workflow.apply(obj=entity, action=row.action, user=user, reason="Because.")
    assert type(entity).objects.get(pk=entity.pk).status == row.source
    assert not _history(workflow).exists()


def test_a_refused_proposal_change_is_both_a_proposal_error_and_a_refusal():
    proposal = complete_proposal()
    with pytest.raises(ProposalError) as refused:
        proposal_transition(proposal=proposal, action="submit", user=None)
    assert isinstance(refused.value, TransitionRefused)
