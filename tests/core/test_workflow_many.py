"""The engine's bulk change (`Workflow.apply_many`): each change judged as `apply` judges
one, on rows locked in one query; the statuses and history rows written in bulk; a refusal
names the row and undoes every change."""

import datetime as dt

import pytest

from core.brussels import BRUSSELS
from core.workflow import TransitionRefused
from funding.portfolio.models.projects import FundedProject, ProjectStatus, ProjectStatusChange
from tests.core.test_workflow import _tiny
from tests.funding.factories_portfolio import FundedProjectFactory

pytestmark = pytest.mark.django_db
S = ProjectStatus
NOON = dt.datetime(2026, 6, 1, 12, tzinfo=BRUSSELS)


@pytest.fixture
def ada(make_user):
    return make_user(first_name="Ada")


@pytest.fixture
def bob(make_user):
    return make_user(first_name="Bob")


def _states(projects):
    return (
        sorted(
            FundedProject.objects.filter(pk__in=[p.pk for p in projects]).values_list(
                "pk", "status", "objective"
            )
        ),
        ProjectStatusChange.objects.count(),
    )


def test_many_changes_write_what_one_change_at_a_time_writes(ada, django_assert_max_num_queries):
    events = []
    one, many = (
        [FundedProjectFactory() for _ in range(3)],
        [FundedProjectFactory() for _ in range(3)],
    )
    flow = _tiny(events)
    for project in one:
        flow.apply(obj=project, action="stop", user=ada, reason=f" Ended {project.pk}. ", now=NOON)
    # The savepoint, the lock, one update, one insert, the release: whatever the rows.
    with django_assert_max_num_queries(5):
        applied = flow.apply_many(
            changes=[(p, "stop", f" Ended {p.pk}. ") for p in reversed(many)], user=ada, now=NOON
        )
    assert [a.obj.pk for a in applied] == sorted(p.pk for p in many)
    for project in many:
        stored = FundedProject.objects.get(pk=project.pk)
        assert (stored.status, stored.objective) == (S.TERMINATED, "Last moved by Ada.")
        change = ProjectStatusChange.objects.get(project=project)
        assert (change.action, change.from_status, change.to_status) == (
            "stop",
            S.ONGOING,
            S.TERMINATED,
        )
        assert (change.changed_by, change.changed_at, change.reason) == (
            ada,
            NOON,
            f"Ended {project.pk}.",
        )
    assert events.count("who") == 6


@pytest.mark.parametrize(
    ("user_name", "action", "reason", "refusal"),
    [
        ("Bob", "stop", "Ended.", "Only Ada moves projects."),
        ("Ada", "stop", "", "Say why."),
        ("Ada", "reopen", "", "not possible"),
    ],
)
def test_one_refused_change_undoes_them_all_and_names_its_row(
    make_user, user_name, action, reason, refusal
):
    user = make_user(first_name=user_name)
    projects = [FundedProjectFactory() for _ in range(3)]
    before = _states(projects)
    changes = [(p, "pause", "") for p in projects[:2]] + [(projects[2], action, reason)]
    if user_name == "Bob":
        changes = [(p, action, reason) for p in projects]
    with pytest.raises(TransitionRefused, match=refusal) as refused:
        _tiny([]).apply_many(changes=changes, user=user, now=NOON)
    assert str(refused.value).startswith(
        str(min(projects, key=lambda p: p.pk)) if user_name == "Bob" else str(projects[2])
    )
    assert _states(projects) == before


def test_the_guard_judges_each_locked_row(ada):
    over = FundedProjectFactory(end_date=dt.date(2026, 1, 31))
    running = FundedProjectFactory()
    with pytest.raises(TransitionRefused, match="The project ended on 2026-01-31."):
        _tiny([]).apply_many(
            changes=[(running, "pause", ""), (over, "pause", "")], user=ada, now=NOON
        )
    assert _states([over, running])[0] == sorted(
        (p.pk, S.ONGOING, FundedProject.objects.get(pk=p.pk).objective) for p in (over, running)
    )
    assert not ProjectStatusChange.objects.exists()


def test_nobody_changes_many_statuses_anonymously():
    project = FundedProjectFactory()
    with pytest.raises(TransitionRefused, match="signed-in person"):
        _tiny([]).apply_many(changes=[(project, "pause", "")], user=None, now=NOON)


def test_prepare_sees_the_locked_rows_before_they_are_judged(ada):
    projects = [FundedProjectFactory() for _ in range(2)]
    seen = []
    _tiny([]).apply_many(
        changes=[(p, "pause", "") for p in projects],
        user=ada,
        now=NOON,
        prepare=lambda rows: seen.extend((row.pk, row.status) for row in rows),
    )
    assert seen == sorted((p.pk, S.ONGOING) for p in projects)


def test_nothing_to_change_changes_nothing(ada, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert _tiny([]).apply_many(changes=[], user=ada) == []
