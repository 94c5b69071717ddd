"""Helpers of the evaluation's lists, so that a page costs the rows it shows.

`pk_link`: the addresses of many rows of one URL pattern for the price of one `reverse`
(a list of 25 rows with three links each would otherwise resolve the URL configuration 75
times per request). The pattern is reversed once with a marker in the place of the
primary key, and each row's address is the marker replaced by the row's key: the same
text `reverse` gives (an `<int:pk>` converter writes the number as `str` does), with the
active language's prefix.

`CountedPaginator`: a paginator told its number of rows when the page has counted them
already (the per-status counts of a topic, the expert's stored counts), instead of
counting the same rows a second time.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.urls import reverse

from funding.evaluation.models import Assignment, ReportStatus

_MARKER = 918273645546372819


def pk_link(name: str) -> Callable[[int], str]:
    """A function giving `reverse(name, args=[pk])` for any whole-number pk."""
    head, marker, tail = reverse(name, args=[_MARKER]).partition(str(_MARKER))
    if not marker or str(_MARKER) in tail:
        raise ValueError(f"{name} does not place its one argument once")
    return lambda pk: f"{head}{int(pk)}{tail}"


class CountedPaginator(Paginator):
    def __init__(self, *args, count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if count is not None:
            self.count = count  # Paginator.count is a cached property: this is its value


def expert_assignments(*, expert):
    """The expert dashboard's list: the values its rows show, released assignments last."""
    return (
        Assignment.objects.filter(expert=expert)
        .order_by("released_at", "proposal__number")
        .values(
            "pk",
            "released_at",
            "proposal__number",
            "proposal__acronym",
            "proposal__topic__identifier",
            "declaration__id",
            "report__status",
        )
    )


@dataclass(frozen=True)
class ExpertAssignmentRow:
    pk: int
    number: str
    acronym: str
    topic: str
    released: bool
    declared: bool
    submitted: bool
    links: dict


def expert_assignment_rows(assignments) -> list[ExpertAssignmentRow]:
    """The page's `expert_assignments` values as rows, each with the addresses it links
    to (`links.declare`, `links.proposal`, `links.report`, `links.consensus`)."""
    names = ("declare", "proposal", "report", "consensus")
    makers = {name: pk_link(f"expert:{name}") for name in names}
    return [
        ExpertAssignmentRow(
            pk=row["pk"],
            number=row["proposal__number"],
            acronym=row["proposal__acronym"],
            topic=row["proposal__topic__identifier"],
            released=row["released_at"] is not None,
            declared=row["declaration__id"] is not None,
            submitted=row["report__status"] == ReportStatus.SUBMITTED,
            links={name: make(row["pk"]) for name, make in makers.items()},
        )
        for row in assignments
    ]
