"""Ranking of a topic's proposals, and its main and reserve lists.

The figures come from the database in one query (`candidates_for_topic`: consensus score
per criterion, weighted total, panel priority, gender balance and countries of the
evaluated submission, requested contribution, all as annotations). The ordering and its
explanation are pure functions of those figures (`rank`, `split_lists`), tested rule by rule.

Order (DOMAIN.md, Evaluation):
0. proposals above every threshold before those below one;
1. weighted total of the consensus scores, higher first (weights order the ranking only);
ties (ex aequo), in order:
2. panel priority: the panel's recorded decision that a proposal covers parts of the call
   not covered by higher-ranked ones (lower number first; none comes last);
3. the criteria by their tie-break order (Excellence then Impact; for Innovation Actions
   Impact then Excellence), higher first;
4. gender balance of the named personnel, closer to 50/50 first;
5. number of distinct countries of the applicants, more first;
6. proposal number, lower first: a final, stable rule so that the order never depends on
   the database; any real remaining tie is for the panel to decide with a priority.
Thresholds always use the unweighted consensus scores.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

ZERO = Decimal("0")


@dataclass(frozen=True)
class CriterionInfo:
    id: int
    name: str
    max_score: Decimal
    threshold: Decimal
    weight: Decimal = Decimal("1")
    tie_break_rank: int | None = None


@dataclass(frozen=True)
class Outcome:
    total: Decimal
    weighted_total: Decimal
    passed: bool
    failures: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        return " ".join(self.failures)


def outcome(
    scores: dict[int, Decimal | None], criteria: Sequence[CriterionInfo], overall: Decimal
) -> Outcome:
    """Thresholds on the unweighted scores; the weighted total for the ranking only."""
    failures = []
    total = weighted = ZERO
    for criterion in criteria:
        score = scores.get(criterion.id)
        if score is None:
            failures.append(_("%(name)s has no consensus score.") % {"name": criterion.name})
            continue
        total += score
        weighted += score * criterion.weight
        if score < criterion.threshold:
            failures.append(
                _("%(name)s scored %(score)s, under its threshold of %(threshold)s.")
                % {
                    "name": criterion.name,
                    "score": f"{score:.2f}",
                    "threshold": f"{criterion.threshold:.2f}",
                }
            )
    if total < overall:
        failures.append(
            _("The total %(total)s is under the overall threshold of %(threshold)s.")
            % {"total": f"{total:.2f}", "threshold": f"{overall:.2f}"}
        )
    return Outcome(
        total=total, weighted_total=weighted, passed=not failures, failures=tuple(failures)
    )


@dataclass(frozen=True)
class Candidate:
    proposal_id: int
    number: str
    scores: dict[int, Decimal | None]
    outcome: Outcome
    panel_priority: int | None = None
    panel_reason: str = ""
    gender_gap: Decimal = Decimal("0.5")
    countries: int = 0
    requested: Decimal = ZERO
    label: str = ""


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    key: Callable[[Candidate], object]
    is_tie_break: bool = True


def rules_for(criteria: Sequence[CriterionInfo]) -> list[Rule]:
    """The ordering rules, in the order they are applied."""
    rules = [
        Rule("threshold", _("above the thresholds"), lambda c: 0 if c.outcome.passed else 1, False),
        Rule(
            "weighted_total", _("higher weighted total"), lambda c: -c.outcome.weighted_total, False
        ),
        Rule(
            "panel_priority",
            _("panel priority (covers parts of the call not covered above)"),
            lambda c: (c.panel_priority is None, c.panel_priority or 0),
        ),
    ]
    ordered = sorted((c for c in criteria if c.tie_break_rank), key=lambda c: c.tie_break_rank)
    for criterion in ordered:
        rules.append(
            Rule(
                f"criterion_{criterion.id}",
                _("higher %(name)s score") % {"name": criterion.name},
                lambda c, pk=criterion.id: (
                    -(c.scores.get(pk) if c.scores.get(pk) is not None else Decimal("-1"))
                ),
            )
        )
    rules += [
        Rule(
            "gender", _("gender balance of named personnel closer to 50/50"), lambda c: c.gender_gap
        ),
        Rule("countries", _("more applicant countries"), lambda c: -c.countries),
        Rule(
            "number",
            _(
                "lower proposal number (final rule, keeps the order stable; a real tie is "
                "for the panel)"
            ),
            lambda c: c.number,
        ),
    ]
    return rules


@dataclass
class Ranked:
    candidate: Candidate
    position: int
    separated_by: str = ""  # why it ranks above the next one
    separated_code: str = ""
    tied_with_next: bool = False  # same threshold outcome and weighted total as the next
    list_kind: str = ""
    list_reason: str = ""
    extra: dict = field(default_factory=dict)


def rank(candidates: Sequence[Candidate], criteria: Sequence[CriterionInfo]) -> list[Ranked]:
    rules = rules_for(criteria)
    keyed = sorted(candidates, key=lambda c: tuple(rule.key(c) for rule in rules))
    ranked = [Ranked(candidate=c, position=i) for i, c in enumerate(keyed, start=1)]
    for current, following in zip(ranked, ranked[1:], strict=False):
        for rule in rules:
            if rule.key(current.candidate) != rule.key(following.candidate):
                current.separated_by, current.separated_code = rule.label, rule.code
                current.tied_with_next = rule.is_tie_break
                break
    return ranked


def split_lists(ranked: Sequence[Ranked], budget: Decimal) -> list[Ranked]:
    """Main list in rank order while the budget allows the requested contributions; once a
    proposal does not fit, it and every proposal after it above threshold go to the reserve
    list, so that no lower-ranked proposal overtakes a higher one. Below threshold: rejected."""
    from funding.models.evaluation import ListKind

    committed = ZERO
    full = False
    for row in ranked:
        candidate = row.candidate
        if not candidate.outcome.passed:
            row.list_kind, row.list_reason = ListKind.REJECTED, _("Below threshold.")
            continue
        if not full and committed + candidate.requested <= budget:
            committed += candidate.requested
            row.list_kind, row.list_reason = ListKind.MAIN, _("Within the topic's budget.")
        else:
            full = True
            row.list_kind = ListKind.RESERVE
            row.list_reason = _("Above threshold, beyond the topic's budget.")
    return list(ranked)


# --- figures from the database -------------------------------------------------------------


def criteria_of(topic) -> list[CriterionInfo]:
    from funding.models.calls import AwardCriterion

    return [
        CriterionInfo(c.pk, c.name, c.max_score, c.threshold, c.weight, c.tie_break_rank)
        for c in AwardCriterion.objects.filter(topic=topic).order_by("position", "pk")
    ]


def candidates_for_topic(
    topic, criteria: Sequence[CriterionInfo], proposals=None
) -> list[Candidate]:
    """One query: every proposal with a closed consensus report, with its figures."""
    from funding.models.evaluation import ConsensusScore, ConsensusStatus
    from funding.models.proposals import Proposal

    if proposals is None:
        proposals = Proposal.objects.filter(
            topic=topic, consensus_report__status=ConsensusStatus.CLOSED
        )
    score_of = ConsensusScore.objects.filter(report__proposal=OuterRef("pk"))
    annotations = {
        f"score_{c.id}": Subquery(score_of.filter(criterion_id=c.id).values("score")[:1])
        for c in criteria
    }
    rows = (
        proposals.select_related("evaluated_version", "panel_priority")
        .annotate(**annotations)
        .order_by("number")
    )
    result = []
    for proposal in rows:
        scores = {c.id: getattr(proposal, f"score_{c.id}") for c in criteria}
        version = getattr(proposal, "evaluated_version", None)
        priority = getattr(proposal, "panel_priority", None)
        result.append(
            Candidate(
                proposal_id=proposal.pk,
                number=proposal.number,
                scores=scores,
                outcome=outcome(scores, criteria, topic.overall_threshold),
                panel_priority=priority.priority if priority else None,
                panel_reason=priority.reason if priority else "",
                gender_gap=version.gender_gap if version else Decimal("0.5"),
                countries=version.applicant_countries if version else 0,
                requested=version.requested if version else ZERO,
                label=proposal.display_name,
            )
        )
    return result


def topic_ranking(topic) -> tuple[list[CriterionInfo], list[Ranked]]:
    criteria = criteria_of(topic)
    ranked = rank(candidates_for_topic(topic, criteria), criteria)
    return criteria, split_lists(ranked, topic.budget)


def consensus_outcome(proposal) -> Outcome:
    from funding.models.evaluation import ConsensusScore

    criteria = criteria_of(proposal.topic)
    scores = dict(
        ConsensusScore.objects.filter(report__proposal=proposal).values_list(
            "criterion_id", "score"
        )
    )
    return outcome(scores, criteria, proposal.topic.overall_threshold)
