from decimal import Decimal as D

from funding.proposals.budget import CostLines, Rates, budget_totals, is_non_profit, partner_budget

HORIZON_IA = Rates(indirect=D("25"), funding=D("70"), non_profit_funding=D("100"))


def test_indirect_costs_are_25_percent_of_direct_costs_without_subcontracting():
    line = partner_budget(
        CostLines(
            personnel=D("100000.00"),
            subcontracting=D("20000.00"),
            purchase=D("10000.00"),
            other=D("5000.00"),
        ),
        Rates(indirect=D("25"), funding=D("100")),
    )
    assert line.direct == D("135000.00")
    assert line.indirect == D("28750.00")
    assert line.eligible == D("163750.00")
    assert line.requested == D("163750.00")


def test_funding_rate_for_profit_and_non_profit_partners():
    company = partner_budget(CostLines(personnel=D("1000.00")), HORIZON_IA)
    university = partner_budget(CostLines(personnel=D("1000.00"), non_profit=True), HORIZON_IA)
    assert company.eligible == D("1250.00")
    assert company.requested == D("875.00")
    assert university.requested == D("1250.00")


def test_non_profit_rate_falls_back_to_the_topic_rate_when_unset():
    line = partner_budget(
        CostLines(personnel=D("1000.00"), non_profit=True), Rates(D("25"), D("90"))
    )
    assert line.funding_rate == D("90") and line.requested == D("1125.00")


def test_rounding_is_half_up_to_the_cent_at_each_step():
    # 25 % of 0.02 is 0.005 -> 0.01; 70 % of 0.03 is 0.021 -> 0.02
    line = partner_budget(CostLines(personnel=D("0.02")), HORIZON_IA)
    assert line.indirect == D("0.01")
    assert line.eligible == D("0.03")
    assert line.requested == D("0.02")
    odd = partner_budget(CostLines(personnel=D("33333.33"), purchase=D("0.01")), HORIZON_IA)
    assert odd.indirect == D("8333.34")  # 8333.335 rounds up
    assert odd.requested == D("29166.68")  # 41666.68 * 0.7 = 29166.676


def test_totals_add_the_rounded_partner_figures():
    totals = budget_totals(
        [
            CostLines(personnel=D("0.02")),
            CostLines(personnel=D("0.02")),
            CostLines(personnel=D("100.00"), subcontracting=D("50.00"), non_profit=True),
        ],
        HORIZON_IA,
    )
    assert totals.indirect == D("25.02")
    assert totals.eligible == D("175.06")
    assert totals.requested == D("175.04")
    assert all(isinstance(p.requested, D) for p in totals.partners)


def test_non_profit_organisation_types():
    assert is_non_profit("PUB") and is_non_profit("HES") and is_non_profit("CSO")
    assert not is_non_profit("PRC")
