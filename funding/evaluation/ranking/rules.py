"""Ranking of a topic's proposals, and its main and reserve lists.

The figures come from the database in one query (`loading.candidates_for_topic`: consensus score
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
5. geographical diversity: number of distinct Member States and Associated Countries of
   the programme among the applicants (coordinator and beneficiaries), more first; third
   countries do not count (funding.calls.models.countries, counted on the topic's deadline);
6. proposal number, lower first: a final, stable rule so that the order never depends on
   the database; any real remaining tie is for the panel to decide with a priority.
Thresholds always use the unweighted consensus scores.

The live preview page orders by these rules in SQL (`preview.py`, so that it reads only
the rows shown): a change to a rule here is a change there too, and
tests/funding/evaluation/test_ranking_preview.py fails until both agree.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from core.translated import french_name, localized
from funding.evaluation.models import ListKind

ZERO = Decimal("0")


@dataclass(frozen=True)
class CriterionInfo:
    id: int
    name: str
    max_score: Decimal
    threshold: Decimal
    weight: Decimal = Decimal("1")
    tie_break_rank: int | None = None
    name_fr: str = ""


@dataclass(frozen=True)
class Outcome:
    total: Decimal
    weighted_total: Decimal
    passed: bool
    failures: tuple[str, ...] = ()
    # The failures as codes and figures (`reason_text` words them in the reader's
    # language): what a frozen ranking entry keeps.
    reasons: tuple[dict, ...] = ()

    @property
    def explanation(self) -> str:
        return " ".join(self.failures)


@dataclass(frozen=True)
class FailureTexts:
    """The explanations of a threshold failure and of a list, translated once for a whole
    ranking (gettext per proposal is most of the time of a 5,000-proposal ranking)."""

    no_score: str
    under_threshold: str
    under_overall: str
    below_threshold: str = ""
    main: str = ""
    reserve: str = ""

    @classmethod
    def translated(cls) -> "FailureTexts":
        return cls(
            no_score=_("%(name)s has no consensus score."),
            under_threshold=_("%(name)s scored %(score)s, under its threshold of %(threshold)s."),
            under_overall=_("The total %(total)s is under the overall threshold of %(threshold)s."),
            below_threshold=_("Below threshold."),
            main=_("Within the topic's budget."),
            reserve=_("Above threshold, beyond the topic's budget."),
        )


def reason_text(reason: dict, texts: FailureTexts) -> str:
    """One reason (`{"code": …, figures}`) in the active language; a criterion's name in
    the reader's language where written (its English otherwise); "" for a code unknown."""
    text = getattr(texts, str(reason.get("code", "")), None)
    if not isinstance(text, str) or not text:
        return ""
    figures = {key: value for key, value in reason.items() if key != "code"}
    if "name" in figures:
        figures["name"] = str(localized(reason, "name"))
    try:
        return text % figures
    except (KeyError, TypeError, ValueError):
        return ""


def reasons_text(reasons, texts: FailureTexts | None = None) -> str:
    """Several reasons in the active language, one sentence after another ("" when one of
    them cannot be worded: the caller then shows the text stored with them)."""
    texts = texts or FailureTexts.translated()
    words = [reason_text(reason, texts) for reason in reasons or ()]
    return "" if not words or not all(words) else " ".join(words)


def _criterion_figures(criterion: "CriterionInfo") -> dict:
    return {"name": criterion.name, french_name("name"): criterion.name_fr}


def outcome(
    scores: dict[int, Decimal | None],
    criteria: Sequence[CriterionInfo],
    overall: Decimal,
    texts: FailureTexts | None = None,
    *,
    explain: bool = True,
) -> Outcome:
    """Thresholds on the unweighted scores; the weighted total for the ranking only.

    `explain=False` leaves out the failure texts (same totals and verdict): a ranking of
    thousands of proposals explains only the rows it shows (`explain_rows`)."""
    if explain and texts is None:
        texts = FailureTexts.translated()
    reasons = []
    passed = True
    total = weighted = ZERO
    for criterion in criteria:
        score = scores.get(criterion.id)
        if score is None:
            passed = False
            if explain:
                reasons.append({"code": "no_score", **_criterion_figures(criterion)})
            continue
        total += score
        weighted += score * criterion.weight
        if score < criterion.threshold:
            passed = False
            if explain:
                reasons.append(
                    {
                        "code": "under_threshold",
                        **_criterion_figures(criterion),
                        "score": f"{score:.2f}",
                        "threshold": f"{criterion.threshold:.2f}",
                    }
                )
    if total < overall:
        passed = False
        if explain:
            reasons.append(
                {"code": "under_overall", "total": f"{total:.2f}", "threshold": f"{overall:.2f}"}
            )
    return Outcome(
        total=total,
        weighted_total=weighted,
        passed=passed,
        failures=tuple(reason_text(reason, texts) for reason in reasons),
        reasons=tuple(reasons),
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
        Rule(
            "countries",
            _("more Member States and Associated Countries among the applicants"),
            lambda c: -c.countries,
        ),
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
    # Each candidate's keys are computed once, for the sort and for the explanations.
    keyed = sorted(
        ((tuple(rule.key(c) for rule in rules), c) for c in candidates), key=lambda kc: kc[0]
    )
    ranked = [Ranked(candidate=c, position=i) for i, (_k, c) in enumerate(keyed, start=1)]
    for n, current in enumerate(ranked[:-1]):
        for rule, mine, theirs in zip(rules, keyed[n][0], keyed[n + 1][0], strict=True):
            if mine != theirs:
                current.separated_by, current.separated_code = rule.label, rule.code
                current.tied_with_next = rule.is_tie_break
                break
    return ranked


def split_lists(ranked: Sequence[Ranked], budget: Decimal) -> list[Ranked]:
    """Main list in rank order while the budget allows the requested contributions; once a
    proposal does not fit, it and every proposal after it above threshold go to the reserve
    list, so that no lower-ranked proposal overtakes a higher one. Below threshold: rejected."""
    # Translated once, not per proposal.
    rejected = list_placement(passed=False, within_budget=False)
    main = list_placement(passed=True, within_budget=True)
    reserve = list_placement(passed=True, within_budget=False)
    committed = ZERO
    full = False
    for row in ranked:
        candidate = row.candidate
        if not candidate.outcome.passed:
            row.list_kind, row.list_reason = rejected
            continue
        if not full and committed + candidate.requested <= budget:
            committed += candidate.requested
            row.list_kind, row.list_reason = main
        else:
            full = True
            row.list_kind, row.list_reason = reserve
    return list(ranked)


# The reason code of each list (FailureTexts' field of its words).
PLACEMENT_CODES = {
    ListKind.REJECTED: "below_threshold",
    ListKind.MAIN: "main",
    ListKind.RESERVE: "reserve",
}


def list_reasons(row: "Ranked") -> list[dict]:
    """Why the row is on its list, as codes and figures: a rejected row's threshold
    failures (explained: `explain_rows`), the list's own reason otherwise."""
    if row.list_kind == ListKind.REJECTED and row.candidate.outcome.reasons:
        return [dict(reason) for reason in row.candidate.outcome.reasons]
    return [{"code": PLACEMENT_CODES[row.list_kind]}]


def list_placement(*, passed: bool, within_budget: bool) -> tuple[str, str]:
    """The list of a ranked proposal and its reason: below a threshold, rejected; above,
    the main list while the budget holds it (split_lists), the reserve list after."""
    if not passed:
        return ListKind.REJECTED, _("Below threshold.")
    if within_budget:
        return ListKind.MAIN, _("Within the topic's budget.")
    return ListKind.RESERVE, _("Above threshold, beyond the topic's budget.")


def explain_rows(
    rows: Sequence["Ranked"], criteria: Sequence[CriterionInfo], overall: Decimal
) -> None:
    """Give the rows below a threshold their failure texts (the rows shown, or the rows
    being frozen), translated once for all of them."""
    texts = FailureTexts.translated()
    for row in rows:
        candidate = row.candidate
        if not candidate.outcome.passed and not candidate.outcome.failures:
            row.candidate = replace(
                candidate, outcome=outcome(candidate.scores, criteria, overall, texts)
            )
