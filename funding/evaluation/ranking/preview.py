"""A page of the live ranking preview, ordered in the database.

The database orders every candidate of the topic by the rules of `rules.py` and numbers
them, and says which ones the topic's budget still holds; that order (the proposal ids and
one flag each) is computed once for each state of the ranking's inputs and kept in the
cache under the state's token (models_inputs.RankingInputs), so that a page costs what its
rows cost, not what the topic's thousands of candidates do. The shown rows are then made
from the same candidates query as the whole ranking (`loading.candidates_for_topic`,
limited to them) and explained by the same rule keys, so a page reads exactly what the same
page of `loading.topic_ranking` would.

PostgreSQL compares the figures in its numeric type, exactly as Python's `Decimal`. SQLite
keeps decimals as floating point, so there every figure is first made a whole number:
scores, thresholds, weights and money are stored with two decimals (`_score_field`,
`AwardCriterion`, `money_field`), the gender gap with four, so a hundred (ten thousand)
times each is whole, and a weighted total times ten thousand is a sum of whole products.
Proposal numbers are compared byte by byte (`COLLATE "C"` on PostgreSQL, SQLite's own), as
Python compares strings.
"""

from array import array
from collections.abc import Sequence
from decimal import Decimal

from django.db import connection
from django.db.models import F, Q, Sum

from core.kept import kept
from funding.evaluation.models import ConsensusStatus
from funding.evaluation.ranking.loading import candidates_for_topic
from funding.evaluation.ranking.rules import (
    CriterionInfo,
    Ranked,
    list_placement,
    rules_for,
)
from funding.proposals.models import Proposal


def _exact() -> bool:
    """PostgreSQL's numeric is exact; SQLite keeps decimals as floating point."""
    return connection.vendor == "postgresql"


def _scaled(column: str, factor: int = 100) -> str:
    """The column as compared: as it is in PostgreSQL's numeric; on SQLite, times `factor`
    and rounded to the whole number it exactly is."""
    if _exact():
        return column
    return f"CAST(ROUND({column} * {factor}) AS INTEGER)"


def _value(value, factor: int = 100):
    """A figure compared with `_scaled` columns: the Decimal itself, or on SQLite the whole
    number `factor` times it (refused if it is not whole: more decimals than stored)."""
    value = Decimal(value)
    if _exact():
        return value
    scaled = value * factor
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more decimals than the database stores")
    return int(scaled)


def _grouped_sql(topic, criteria: Sequence[CriterionInfo]) -> tuple[str, tuple]:
    """The topic's candidates with their figures, grouped by proposal (one row each)."""
    score = "consensus_report__scores__score"
    criterion = "consensus_report__scores__criterion_id"
    rows = (
        Proposal.objects.filter(topic=topic, consensus_report__status=ConsensusStatus.CLOSED)
        .order_by()
        .values(
            pid=F("pk"),
            pnumber=F("number"),
            gap=F("evaluated_version__gender_gap"),
            countries=F("evaluated_version__applicant_countries"),
            requested=F("evaluated_version__requested"),
            has_version=F("evaluated_version__pk"),
            priority=F("panel_priority__priority"),
        )
        .annotate(**{f"s{c.id}": Sum(score, filter=Q(**{criterion: c.id})) for c in criteria})
    )
    return rows.query.sql_with_params()


def _ordered_sql(topic, criteria: Sequence[CriterionInfo]) -> tuple[str, list]:
    """Every candidate's position and whether the budget holds it, in rank order.

    The text is made of the ORM's compiled query and column names built from criterion
    ids (integers); every value (thresholds, weights, budget) is a query parameter."""
    inner, inner_params = _grouped_sql(topic, criteria)
    scores = {c.id: _scaled(f"g.s{c.id}") for c in criteria}
    total = " + ".join(f"COALESCE({scores[c.id]}, 0)" for c in criteria) or "0"
    below = [f"{scores[c.id]} IS NULL OR {scores[c.id]} < %s" for c in criteria]
    below.append(f"({total}) < %s")
    failed = "CASE WHEN " + " OR ".join(f"({b})" for b in below) + " THEN 1 ELSE 0 END"
    weighted = " + ".join(f"COALESCE({scores[c.id]}, 0) * %s" for c in criteria) or "0"
    tie_breaks = sorted((c for c in criteria if c.tie_break_rank), key=lambda c: c.tie_break_rank)
    number = 'c.pnumber COLLATE "C"' if _exact() else "c.pnumber"
    # The order of rules.rules_for: thresholds, weighted total, panel priority, the
    # tie-break criteria (no score counts as -1), gender balance, countries, number.
    order = ", ".join(
        [
            "c.failed ASC",
            "c.weighted DESC",
            "CASE WHEN c.priority IS NULL THEN 1 ELSE 0 END ASC",
            "COALESCE(c.priority, 0) ASC",
            *[f"c.t{c.id} DESC" for c in tie_breaks],
            "c.gap ASC",
            "c.countries DESC",
            f"{number} ASC",
        ]
    )
    # The figures of loading.candidates_for_topic when a proposal has no evaluated version.
    computed = ", ".join(
        [
            "g.pid AS pid",
            "g.pnumber AS pnumber",
            "g.priority AS priority",
            f"CASE WHEN g.has_version IS NULL THEN %s ELSE {_scaled('g.gap', 10000)} END AS gap",
            "CASE WHEN g.has_version IS NULL THEN 0 ELSE g.countries END AS countries",
            f"CASE WHEN g.has_version IS NULL THEN 0 ELSE {_scaled('g.requested')} END AS cents",
            f"{failed} AS failed",
            f"{weighted} AS weighted",
            *[f"COALESCE({scores[c.id]}, %s) AS t{c.id}" for c in tie_breaks],
        ]
    )
    computed_params = [
        _value(Decimal("0.5"), 10000),
        *[_value(c.threshold) for c in criteria],
        _value(topic.overall_threshold),
        *[_value(c.weight) for c in criteria],
        *[_value(Decimal("-1")) for c in tie_breaks],
    ]
    numbered = (
        f"SELECT c.pid, ROW_NUMBER() OVER (ORDER BY {order}) AS position, c.failed, "  # noqa: S608
        f"SUM(CASE WHEN c.failed = 0 THEN c.cents ELSE 0 END) OVER (ORDER BY {order} "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running "
        f"FROM (SELECT {computed} FROM ({inner}) g) c"
    )
    # Once a proposal above the thresholds does not fit, it and every one after it are
    # reserve (rules.split_lists): "beyond" is whether the budget was passed at or before it.
    placed = (
        "SELECT n.pid, n.position, n.failed, MAX(CASE WHEN n.failed = 0 AND n.running > %s "  # noqa: S608
        "THEN 1 ELSE 0 END) OVER (ORDER BY n.position ROWS BETWEEN UNBOUNDED PRECEDING AND "
        f"CURRENT ROW) AS beyond FROM ({numbered}) n"
    )
    params = [_value(topic.budget), *computed_params, *inner_params]
    return placed, params


ORDER_KEPT_SECONDS = 24 * 60 * 60


class StaleOrder(Exception):
    """A kept order names a proposal that is no longer a candidate."""


def _order_key(topic_id, token: str) -> str:
    return f"ranking-order:{topic_id}:{token}"


def whole_order(topic, criteria: Sequence[CriterionInfo]) -> tuple[array, bytes]:
    """Every candidate in rank order, as the database ranks them: their proposal ids, and
    for each whether the budget was passed at or before it (1) or not (0). Compact, so that
    the order of thousands of candidates is kept and read whole in a few kilobytes."""
    placed, params = _ordered_sql(topic, criteria)
    sql = f"SELECT p.pid, p.beyond FROM ({placed}) p ORDER BY p.position"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return array("q", [pid for pid, _beyond in rows]), bytes(beyond for _pid, beyond in rows)


class LivePreview:
    """The live ranking as a sequence for Django's Paginator: its length and a slice read
    the topic's whole order, computed in the database once for each state of the ranking's
    inputs (`token`: models_inputs.RankingInputs) and kept in the cache under it; a slice's
    rows (and the next, for the last row's explanation) are then read and explained.
    Without a token the order is computed for each request and not kept."""

    def __init__(self, topic, criteria: Sequence[CriterionInfo], token: str | None = None):
        self.topic = topic
        self.criteria = list(criteria)
        self.token = token
        self._order = None

    def order(self, *, fresh: bool = False) -> tuple[array, bytes]:
        if self._order is None or fresh:
            self._order = kept(
                _order_key(self.topic.pk, self.token) if self.token else None,
                lambda: whole_order(self.topic, self.criteria),
                seconds=ORDER_KEPT_SECONDS,
                fresh=fresh,
            )
        return self._order

    def count(self) -> int:
        return len(self.order()[0])

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, bounds: slice | int) -> list[Ranked] | Ranked:
        if isinstance(bounds, int):
            found = self[bounds : bounds + 1]
            if not found:
                raise IndexError(bounds)
            return found[0]
        start, stop = bounds.start or 0, bounds.stop
        if stop is None or stop <= start:
            return []
        try:
            return self._rows(start, stop)
        except StaleOrder:
            # An input written without a new token: the order again, from the database.
            self.order(fresh=True)
            return self._rows(start, stop)

    def _rows(self, start: int, stop: int) -> list[Ranked]:
        pids, beyond = self.order()
        shown = range(start, min(stop + 1, len(pids)))
        found = [(pids[i], i + 1, beyond[i]) for i in shown]
        return shown_rows(self.topic, self.criteria, found, wanted=stop - start)


def shown_rows(topic, criteria, found, *, wanted: int) -> list[Ranked]:
    """Ranked rows from (proposal id, position, beyond the budget) in rank order: the
    candidates read by the one candidates query, each separated from the next by the
    first rule whose key differs (as rules.rank), placed on a list as split_lists does."""
    ids = [pid for pid, *_rest in found]
    # Still candidates (a closed consensus): a kept order that names one no longer ranked
    # is stale (LivePreview computes it again).
    proposals = Proposal.objects.filter(pk__in=ids, consensus_report__status=ConsensusStatus.CLOSED)
    by_id = {c.proposal_id: c for c in candidates_for_topic(topic, criteria, proposals)}
    if len(by_id) != len(ids):
        raise StaleOrder(topic.pk)
    rules = rules_for(criteria)
    keys = [tuple(rule.key(by_id[pid]) for rule in rules) for pid in ids]
    rows = []
    for n, (pid, position, beyond) in enumerate(found[:wanted]):
        row = Ranked(candidate=by_id[pid], position=position)
        if n + 1 < len(found):
            for rule, mine, theirs in zip(rules, keys[n], keys[n + 1], strict=True):
                if mine != theirs:
                    row.separated_by, row.separated_code = rule.label, rule.code
                    row.tied_with_next = rule.is_tie_break
                    break
        row.list_kind, row.list_reason = list_placement(
            passed=row.candidate.outcome.passed, within_budget=not beyond
        )
        rows.append(row)
    return rows
