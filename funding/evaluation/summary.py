"""The Evaluation Summary Report (ESR): what an applicant learns of the evaluation.

Per criterion the consensus score, threshold and comment; the total against the overall
threshold; the outcome and the list. Built for many proposals in a fixed number of
queries. Applicants see it only once the topic's results are published.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from funding.calls.models.topics import AwardCriterion
from funding.evaluation.models import ConsensusScore, ListKind, RankingEntry, TopicEvaluation
from funding.evaluation.ranking.frozen import entry_reason
from funding.proposals.models import Proposal


@dataclass(frozen=True)
class CriterionLine:
    name: str
    score: Decimal | None
    max_score: Decimal
    threshold: Decimal
    passed: bool
    comment: str


@dataclass(frozen=True)
class Summary:
    proposal: Proposal
    lines: tuple[CriterionLine, ...]
    total: Decimal | None
    overall_threshold: Decimal
    passed: bool
    list_kind: str
    list_label: str
    list_reason: str
    position: int | None
    published_at: object
    submitted_by_email: str = ""
    status_label: str = ""

    @property
    def is_main(self) -> bool:
        return self.list_kind == ListKind.MAIN


def evaluation_summaries(proposals) -> list[Summary]:
    """Summaries of the given proposals that have a frozen ranking entry."""
    scores = ConsensusScore.objects.select_related("criterion")
    rows = (
        proposals.filter(ranking__isnull=False)
        .select_related(
            "topic", "ranking", "consensus_report", "evaluated_version__submission__submitted_by"
        )
        .prefetch_related(
            Prefetch("consensus_report__scores", queryset=scores, to_attr="score_rows"),
            Prefetch(
                "topic__criteria",
                queryset=AwardCriterion.objects.order_by("position", "pk"),
                to_attr="criteria_rows",
            ),
        )
        .order_by("number")
    )
    published = dict(
        TopicEvaluation.objects.filter(topic__proposals__in=proposals).values_list(
            "topic_id", "results_published_at"
        )
    )
    summaries = []
    for proposal in rows:
        by_criterion = {s.criterion_id: s for s in proposal.consensus_report.score_rows}
        lines = []
        for criterion in proposal.topic.criteria_rows:
            row = by_criterion.get(criterion.pk)
            score = row.score if row else None
            lines.append(
                CriterionLine(
                    name=criterion.name,
                    score=score,
                    max_score=criterion.max_score,
                    threshold=criterion.threshold,
                    passed=score is not None and score >= criterion.threshold,
                    comment=row.comment if row else "",
                )
            )
        entry: RankingEntry = proposal.ranking
        version = getattr(proposal, "evaluated_version", None)
        submitter = version.submission.submitted_by if version else None
        summaries.append(
            Summary(
                proposal=proposal,
                lines=tuple(lines),
                total=entry.total,
                overall_threshold=proposal.topic.overall_threshold,
                passed=entry.passed,
                list_kind=entry.list_kind,
                list_label=ListKind(entry.list_kind).label,
                list_reason=entry_reason(entry),
                position=entry.position,
                published_at=published.get(proposal.topic_id),
                submitted_by_email=submitter.email if submitter else "",
                status_label=proposal.get_status_display(),
            )
        )
    return summaries


def published_summary(proposal) -> Summary | None:
    """The ESR of one proposal, if its topic's results are published."""
    if not TopicEvaluation.objects.filter(
        topic_id=proposal.topic_id, results_published_at__isnull=False
    ).exists():
        return None
    found = evaluation_summaries(Proposal.objects.filter(pk=proposal.pk))
    return found[0] if found else None
