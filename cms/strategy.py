"""The EU strategy's progress from the records: for each of its eight initiatives, the
published calls, public funded projects, public workstreams and public commitments that
serve it, with the figures at a glance (a fixed number of queries for all eight)."""

from collections import Counter

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from cooperation.forum.models.commitments import Completion
from cooperation.forum.models.workstreams import StrategyInitiative
from cooperation.models import Commitment, Workstream
from funding.models import Call, FundedProject, TopicStatus


def _public_projects():
    """Public projects with the initiative they serve: their own, else their call's."""
    return FundedProject.objects.public().annotate(
        serves=Coalesce("initiative", "call__initiative")
    )


def initiative_figures(now=None) -> dict[int, dict]:
    """{initiative number: open calls, calls, projects, EU contribution, workstreams,
    commitments and commitments by completion level}; every initiative present."""
    now = now or timezone.now()
    figures = {
        number: {
            "open_calls": 0,
            "calls": 0,
            "projects": 0,
            "eu_contribution": 0,
            "workstreams": 0,
            "commitments": 0,
            "completion": Counter(),
        }
        for number in StrategyInitiative.values
    }
    calls = (
        Call.objects.published()
        .exclude(initiative=None)
        .with_status(now)
        .values("initiative", "status")
        .annotate(n=Count("pk"))
    )
    for row in calls:
        figures[row["initiative"]]["calls"] += row["n"]
        if row["status"] == TopicStatus.OPEN:
            figures[row["initiative"]]["open_calls"] += row["n"]
    projects = (
        _public_projects()
        .exclude(serves=None)
        .values("serves")
        .annotate(n=Count("pk"), money=Sum("eu_contribution"))
    )
    for row in projects:
        figures[row["serves"]].update(projects=row["n"], eu_contribution=row["money"] or 0)
    for row in Workstream.objects.filter(public=True).values("initiative").annotate(n=Count("pk")):
        figures[row["initiative"]]["workstreams"] = row["n"]
    levels = (
        Commitment.objects.public()
        .order_by()
        .values_list("workstream__initiative", "current_completion")
        .annotate(n=Count("pk"))
    )
    for initiative, level, n in levels:
        figures[initiative]["commitments"] += n
        figures[initiative]["completion"][level] += n
    return figures


def completion_rows(counter: Counter) -> list[tuple[str, int]]:
    """(label, count) for each completion level, in the scale's order, "not reported" last."""
    labels = dict(Completion.choices)
    rows = [(labels[level], counter.get(level, 0)) for level in Completion.values]
    if counter.get(""):
        rows.append((None, counter[""]))
    return rows


def initiative_records(number: int, now=None) -> dict:
    """What serves one initiative, for its page: calls (with status), public projects,
    public workstreams, public commitments with their progress."""
    now = now or timezone.now()
    commitments = (
        Commitment.objects.public()
        .filter(workstream__initiative=number)
        .select_related("owner__organisation", "workstream")
        .order_by("due_date", "pk")
    )
    return {
        "calls": list(
            Call.objects.published()
            .filter(initiative=number)
            .select_related("programme")
            .with_status(now)
            .order_by("-published_at", "identifier")
        ),
        "projects": list(
            _public_projects()
            .filter(serves=number)
            .select_related("programme")
            .order_by("-start_date", "acronym")
        ),
        "workstreams": list(
            Workstream.objects.filter(public=True, initiative=number).order_by("name")
        ),
        "commitments": list(commitments),
    }
