"""The figures a ranking needs, read from the database: the topic's criteria and one query for
every candidate (consensus score per criterion, panel priority, gender balance and countries of
the evaluated submission, requested contribution). The ordering itself is in rules.py."""

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Q, Sum

from funding.calls.models.topics import AwardCriterion
from funding.evaluation.models import ConsensusScore, ConsensusStatus
from funding.evaluation.ranking.rules import (
    ZERO,
    Candidate,
    CriterionInfo,
    Outcome,
    Ranked,
    outcome,
    rank,
    split_lists,
)
from funding.proposals.models import Proposal


def criteria_of(topic) -> list[CriterionInfo]:
    return [
        CriterionInfo(
            c.pk, c.name, c.max_score, c.threshold, c.weight, c.tie_break_rank, name_fr=c.name_fr
        )
        for c in AwardCriterion.objects.filter(topic=topic).order_by("position", "pk")
    ]


CANDIDATE_FIELDS = (
    "pk",
    "number",
    "acronym",
    "title",
    "evaluated_version__pk",
    "evaluated_version__gender_gap",
    "evaluated_version__applicant_countries",
    "evaluated_version__requested",
    "panel_priority__pk",
    "panel_priority__priority",
    "panel_priority__reason",
)


def candidates_for_topic(
    topic, criteria: Sequence[CriterionInfo], proposals=None
) -> list[Candidate]:
    """One query: every proposal with a closed consensus report, with its figures (read
    as values, not model instances: a topic has thousands of proposals).

    The scores come from one join with the consensus scores, grouped by proposal, one
    filtered sum per criterion (`SUM(score) FILTER (WHERE criterion_id = …)` on
    PostgreSQL, `SUM(CASE WHEN …)` on SQLite): a report has at most one score per
    criterion (cr_score_unique), so the sum is that score, or NULL when there is none.
    The outcomes carry no failure texts: `rules.explain_rows` adds them to the rows shown."""
    if proposals is None:
        proposals = Proposal.objects.filter(
            topic=topic, consensus_report__status=ConsensusStatus.CLOSED
        )
    score = "consensus_report__scores__score"
    criterion = "consensus_report__scores__criterion_id"
    aggregates = {f"score_{c.id}": Sum(score, filter=Q(**{criterion: c.id})) for c in criteria}
    # values() before annotate(): GROUP BY exactly these columns, not every proposal field.
    rows = proposals.order_by().values(*CANDIDATE_FIELDS).annotate(**aggregates).order_by("number")
    overall = topic.overall_threshold
    result = []
    for row in rows:
        scores = {c.id: row[f"score_{c.id}"] for c in criteria}
        has_version = row["evaluated_version__pk"] is not None
        has_priority = row["panel_priority__pk"] is not None
        result.append(
            Candidate(
                proposal_id=row["pk"],
                number=row["number"],
                scores=scores,
                outcome=outcome(scores, criteria, overall, explain=False),
                panel_priority=row["panel_priority__priority"] if has_priority else None,
                panel_reason=row["panel_priority__reason"] if has_priority else "",
                gender_gap=row["evaluated_version__gender_gap"] if has_version else Decimal("0.5"),
                countries=row["evaluated_version__applicant_countries"] if has_version else 0,
                requested=row["evaluated_version__requested"] if has_version else ZERO,
                # Proposal.display_name
                label=row["acronym"] or row["title"] or row["number"],
            )
        )
    return result


def ranking_candidate_count(topic) -> int:
    """How many proposals a ranking of the topic holds now (a count, nothing ranked)."""
    return Proposal.objects.filter(
        topic=topic, consensus_report__status=ConsensusStatus.CLOSED
    ).count()


def topic_ranking(topic) -> tuple[list[CriterionInfo], list[Ranked]]:
    criteria = criteria_of(topic)
    ranked = rank(candidates_for_topic(topic, criteria), criteria)
    return criteria, split_lists(ranked, topic.budget)


def consensus_outcome(proposal) -> Outcome:
    criteria = criteria_of(proposal.topic)
    scores = dict(
        ConsensusScore.objects.filter(report__proposal=proposal).values_list(
            "criterion_id", "score"
        )
    )
    return outcome(scores, criteria, proposal.topic.overall_threshold)
