"""What waits for whom on a topic: each expert's assignments counted in one grouped query
over the topic's assignments (the declaration and the report are one row each per
assignment, so nothing is counted twice and no DISTINCT is needed), the experts with the
most outstanding work first, at most `limit` of them shown; and the same counts for the
whole topic, summed from the same rows."""

from dataclasses import dataclass

from django.db.models import Count, Q

from funding.evaluation.models import Assignment, ReportStatus

PROGRESS_ROWS = 50
_COUNTED = ("to_sign", "to_write", "assigned", "declared", "conflicts", "drafts", "submitted")


@dataclass(frozen=True)
class ExpertProgress:
    pk: int
    name: str
    to_sign: int
    to_write: int
    assigned: int
    declared: int
    conflicts: int
    drafts: int
    submitted: int

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class TopicProgress:
    rows: list[ExpertProgress]
    experts: int  # every expert assigned on the topic, shown or not
    totals: dict


def _counts() -> dict:
    active = Q(released_at__isnull=True)
    unfinished = Q(report__isnull=True) | Q(report__status=ReportStatus.DRAFT)
    return {
        "to_sign": Count("pk", filter=active & Q(declaration__isnull=True)),
        "to_write": Count("pk", filter=active & Q(declaration__has_conflict=False) & unfinished),
        "assigned": Count("pk"),
        "declared": Count("pk", filter=Q(declaration__isnull=False)),
        "conflicts": Count("pk", filter=Q(released_at__isnull=False)),
        "drafts": Count("pk", filter=Q(report__status=ReportStatus.DRAFT)),
        "submitted": Count("pk", filter=Q(report__status=ReportStatus.SUBMITTED)),
    }


def topic_expert_progress(topic, *, limit: int | None = None) -> TopicProgress:
    limit = PROGRESS_ROWS if limit is None else limit
    on_topic = Assignment.objects.filter(proposal__topic=topic).order_by()
    grouped = (
        on_topic.values("expert_id", "expert__first_name", "expert__last_name", "expert__email")
        .annotate(**_counts())
        .order_by("-to_sign", "-to_write", "expert__last_name", "expert__first_name", "expert_id")
    )
    # Every expert's row is read (one per expert on the topic, not per assignment): the
    # totals are their sums, so the topic's assignments are joined and counted once.
    every = list(grouped)
    rows = [
        ExpertProgress(
            pk=row["expert_id"],
            name=" ".join(
                part for part in (row["expert__first_name"], row["expert__last_name"]) if part
            )
            or row["expert__email"],
            **{key: row[key] for key in _COUNTED},
        )
        for row in every[:limit]
    ]
    totals = {key: sum(row[key] for row in every) for key in _COUNTED}
    return TopicProgress(rows=rows, experts=len(every), totals=totals)
