"""The pure ranking rules, each in isolation and in order, and the budget cut."""

from decimal import Decimal as D

from funding.evaluation.models import ListKind
from funding.evaluation.ranking.rules import Candidate, CriterionInfo, outcome, rank, split_lists

EXC = CriterionInfo(1, "Excellence", D("5"), D("3"), D("1"), tie_break_rank=1)
IMP = CriterionInfo(2, "Impact", D("5"), D("3"), D("1"), tie_break_rank=2)
IMPL = CriterionInfo(3, "Implementation", D("5"), D("3"), D("1"))
RIA = (EXC, IMP, IMPL)
# Innovation Action: Impact weighted 1.5 and compared first.
IA = (
    CriterionInfo(1, "Excellence", D("5"), D("3"), D("1"), tie_break_rank=2),
    CriterionInfo(2, "Impact", D("5"), D("3"), D("1.5"), tie_break_rank=1),
    IMPL,
)


def candidate(number, scores, criteria=RIA, **fields):
    by_id = {c.id: D(str(s)) for c, s in zip(criteria, scores, strict=True)}
    return Candidate(
        proposal_id=int(number[-2:]),
        number=number,
        scores=by_id,
        outcome=outcome(by_id, criteria, D("10")),
        **fields,
    )


def order(candidates, criteria=RIA):
    return [row.candidate.number for row in rank(candidates, criteria)]


def separated(candidates, criteria=RIA):
    return rank(candidates, criteria)[0].separated_code


# --- thresholds against weights ------------------------------------------------------------


def test_thresholds_use_unweighted_scores():
    # weighted, Impact 2.5 x 1.5 = 3.75 would pass a threshold of 3; unweighted it does not.
    result = outcome({1: D("5"), 2: D("2.5"), 3: D("5")}, IA, D("10"))
    assert not result.passed
    assert "Impact scored 2.50, under its threshold of 3.00" in result.explanation
    assert result.total == D("12.5")
    assert result.weighted_total == D("13.75")


def test_overall_threshold_on_the_unweighted_total():
    result = outcome({1: D("3"), 2: D("3.5"), 3: D("3")}, IA, D("10"))
    assert result.weighted_total == D("11.25")  # above 10 weighted ...
    assert not result.passed  # ... but the total is 9.5
    assert "total 9.50 is under the overall threshold of 10.00" in result.explanation


def test_weights_order_the_ranking():
    strong_impact = candidate("P-01", ["4", "5", "4"], IA)  # 13, weighted 15.5
    strong_excellence = candidate("P-02", ["5", "4", "4"], IA)  # 13, weighted 15
    assert order([strong_excellence, strong_impact], IA) == ["P-01", "P-02"]
    assert separated([strong_excellence, strong_impact], IA) == "weighted_total"


def test_proposals_below_threshold_come_last_whatever_their_total():
    failing = candidate("P-01", ["2.5", "5", "5"])  # 12.5 but Excellence under 3
    passing = candidate("P-02", ["3", "4", "3"])  # 10
    assert order([failing, passing]) == ["P-02", "P-01"]
    assert separated([failing, passing]) == "threshold"


# --- each tie-break in isolation -----------------------------------------------------------------


def test_tie_break_panel_priority_first():
    a = candidate("P-01", ["5", "4", "4"])
    b = candidate(
        "P-02", ["4", "5", "4"], panel_priority=1, panel_reason="Covers the undercover strand."
    )
    assert order([a, b]) == ["P-02", "P-01"]
    assert separated([a, b]) == "panel_priority"


def test_tie_break_excellence_then_impact_for_ria():
    a = candidate("P-01", ["4", "5", "4"])
    b = candidate("P-02", ["5", "4", "4"])
    assert order([a, b]) == ["P-02", "P-01"]
    assert separated([a, b]) == "criterion_1"


def test_tie_break_impact_then_excellence_for_ia():
    # Equal weighted totals (15); with the same Impact, Excellence decides.
    a = candidate("P-01", ["4", "4", "5"], IA)  # weighted 15
    b = candidate("P-02", ["5", "4", "4"], IA)  # weighted 15, same Impact, higher Excellence
    assert order([a, b], IA) == ["P-02", "P-01"]
    assert separated([a, b], IA) == "criterion_1"  # Excellence decided, Impact was equal
    c = candidate("P-03", ["3", "5", "4.5"], IA)  # weighted 15, higher Impact
    assert order([b, c], IA) == ["P-03", "P-02"]
    assert separated([b, c], IA) == "criterion_2"


def test_tie_break_impact_after_equal_excellence():
    a = candidate("P-01", ["4", "4", "5"])
    b = candidate("P-02", ["4", "5", "4"])
    assert order([a, b]) == ["P-02", "P-01"]
    assert separated([a, b]) == "criterion_2"


def test_tie_break_gender_balance():
    a = candidate("P-01", ["4", "4", "4"], gender_gap=D("0.25"))
    b = candidate("P-02", ["4", "4", "4"], gender_gap=D("0"))
    assert order([a, b]) == ["P-02", "P-01"]
    assert separated([a, b]) == "gender"


def test_tie_break_countries():
    a = candidate("P-01", ["4", "4", "4"], countries=3)
    b = candidate("P-02", ["4", "4", "4"], countries=5)
    assert order([a, b]) == ["P-02", "P-01"]
    assert separated([a, b]) == "countries"


def test_final_rule_is_the_proposal_number():
    a = candidate("P-02", ["4", "4", "4"])
    b = candidate("P-01", ["4", "4", "4"])
    ranked = rank([a, b], RIA)
    assert [r.candidate.number for r in ranked] == ["P-01", "P-02"]
    assert ranked[0].separated_code == "number"
    assert "final rule" in ranked[0].separated_by
    assert ranked[0].tied_with_next and not ranked[1].separated_by


# --- the rules in order ----------------------------------------------------------------------------


def test_rules_apply_in_order():
    # Each pair differs on two rules; the earlier one decides.
    priority_vs_excellence = [
        candidate("P-01", ["5", "4", "4"]),
        candidate("P-02", ["4", "4", "5"], panel_priority=1, panel_reason="r"),
    ]
    assert order(priority_vs_excellence) == ["P-02", "P-01"]
    excellence_vs_gender = [
        candidate("P-03", ["4", "4", "5"], gender_gap=D("0")),
        candidate("P-04", ["5", "4", "4"], gender_gap=D("0.5")),
    ]
    assert order(excellence_vs_gender) == ["P-04", "P-03"]
    gender_vs_countries = [
        candidate("P-05", ["4", "4", "4"], gender_gap=D("0.5"), countries=9),
        candidate("P-06", ["4", "4", "4"], gender_gap=D("0.1"), countries=3),
    ]
    assert order(gender_vs_countries) == ["P-06", "P-05"]
    countries_vs_number = [
        candidate("P-07", ["4", "4", "4"], countries=3),
        candidate("P-08", ["4", "4", "4"], countries=4),
    ]
    assert order(countries_vs_number) == ["P-08", "P-07"]


def test_rank_is_stable_whatever_the_input_order():
    rows = [candidate(f"P-{n:02d}", ["4", "4", "4"]) for n in range(1, 6)]
    assert order(rows) == order(list(reversed(rows))) == [f"P-{n:02d}" for n in range(1, 6)]


# --- lists ------------------------------------------------------------------------------------------


def test_budget_cut_between_main_and_reserve():
    rows = [
        candidate("P-01", ["5", "5", "5"], requested=D("2000000.00")),
        candidate("P-02", ["5", "5", "4.5"], requested=D("1500000.00")),
        candidate("P-03", ["5", "5", "4"], requested=D("1000000.00")),
        candidate("P-04", ["4", "4", "4"], requested=D("100000.00")),
        candidate("P-05", ["2", "5", "5"], requested=D("100000.00")),
    ]
    lists = split_lists(rank(rows, RIA), D("3500000.00"))
    kinds = [(r.candidate.number, r.list_kind) for r in lists]
    assert kinds == [
        ("P-01", ListKind.MAIN),
        ("P-02", ListKind.MAIN),  # exactly fills the budget
        ("P-03", ListKind.RESERVE),
        ("P-04", ListKind.RESERVE),  # would fit, but may not overtake P-03
        ("P-05", ListKind.REJECTED),
    ]
    assert lists[2].list_reason == "Above threshold, beyond the topic's budget."
