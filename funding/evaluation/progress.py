"""What waits for whom on a topic: each expert's stored counts (`models_progress`, kept by
the services that write assignments, declarations and reports), the experts with the most
outstanding work first, at most `limit` of them shown; and the same counts for the whole
topic, summed over the topic's rows by the same query (a window over every row, computed
before the limit), so the page reads one row per expert and never the topic's
assignments."""

from dataclasses import dataclass

from django.db.models import Count, Sum, Window

from funding.evaluation.models_progress import COUNTED, ExpertProgress

PROGRESS_ROWS = 50


@dataclass(frozen=True)
class ExpertProgressRow:
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
    rows: list[ExpertProgressRow]
    experts: int  # every expert assigned on the topic, shown or not
    totals: dict


def _name(row) -> str:
    parts = (row["expert__first_name"], row["expert__last_name"])
    return " ".join(part for part in parts if part) or row["expert__email"]


def topic_expert_progress(topic, *, limit: int | None = None) -> TopicProgress:
    limit = PROGRESS_ROWS if limit is None else limit
    shown = list(
        ExpertProgress.objects.filter(topic=topic)
        .values("expert_id", "expert__first_name", "expert__last_name", "expert__email", *COUNTED)
        .annotate(
            every_expert=Window(Count("pk")),
            **{f"every_{key}": Window(Sum(key)) for key in COUNTED},
        )
        .order_by("-to_sign", "-to_write", "expert__last_name", "expert__first_name", "expert_id")[
            :limit
        ]
    )
    rows = [
        ExpertProgressRow(pk=row["expert_id"], name=_name(row), **{k: row[k] for k in COUNTED})
        for row in shown
    ]
    first = shown[0] if shown else {}
    totals = {key: first.get(f"every_{key}") or 0 for key in COUNTED}
    return TopicProgress(rows=rows, experts=first.get("every_expert") or 0, totals=totals)


@dataclass(frozen=True)
class ExpertCounts:
    to_sign: int  # declarations to sign
    to_write: int  # reports to write (cleared, not submitted)
    assigned: int  # every assignment, released ones included


def expert_counts(*, expert) -> ExpertCounts:
    """The expert's numbers over every topic: the sums of their stored rows (one per topic
    they were assigned on), one query."""
    sums = ExpertProgress.objects.filter(expert=expert).aggregate(
        to_sign=Sum("to_sign"), to_write=Sum("to_write"), assigned=Sum("assigned")
    )
    return ExpertCounts(**{key: value or 0 for key, value in sums.items()})
