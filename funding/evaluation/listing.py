"""Helpers of the evaluation's lists, so that a page costs the rows it shows.

`pk_link`: the addresses of many rows of one URL pattern for the price of one `reverse`
(core.addresses).

"""

from collections.abc import Callable
from dataclasses import dataclass

from core.addresses import row_addresses
from funding.evaluation.models import Assignment, ReportStatus


def pk_link(name: str) -> Callable[[int], str]:
    """A function giving `reverse(name, args=[pk])` for any whole-number pk."""
    return row_addresses(name)


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
