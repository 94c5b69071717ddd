"""Budget arithmetic, as pure functions of plain values: tested to the cent.

For each partner:
- direct costs = personnel + subcontracting + purchase + other direct costs;
- indirect costs = the topic's flat rate (25 % in Horizon Europe) of the direct costs
  *excluding subcontracting*;
- eligible costs = direct + indirect;
- requested EU contribution = funding rate x eligible costs, where the rate is the topic's
  `non_profit_funding_rate` for a non-profit partner when the topic sets one, else the
  topic's `funding_rate`.

Who is funded (DOMAIN.md, consortium roles):
- the coordinator and the beneficiaries sign the grant agreement and are funded;
- affiliated entities declare eligible costs and are funded through their beneficiary: their
  costs count in the eligible costs and the requested contribution. The registry does not
  link an affiliated entity to its beneficiary, so an affiliated entity is funded at the
  rate of its *own* organisation type, exactly as a beneficiary is (as in Horizon Europe,
  where the non-profit rate of an Innovation Action follows each entity's own status);
- associated partners receive no EU funding: their direct and indirect costs are worked out
  and shown for information (`PartnerBudget.funded` is False, `BudgetTotals.information`
  adds them up), but their eligible costs, funding rate and requested contribution are
  zero, and no total (direct, indirect, eligible, requested) includes them.

Every step is rounded to the cent, half up (core.money). Totals add the rounded
partner figures, so the proposal total is the sum of what each partner sees.

Which organisations count as non-profit: public bodies (PUB), research organisations
(REC), higher-education establishments (HES), civil-society organisations (CSO) and
international organisations (INT). Private companies (PRC) are for-profit. This follows
the organisation type recorded in the registry; a for-profit research company should be
registered as a private company.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from cooperation.organisations.models import OrganisationType
from core.money import money, percent_of
from funding.proposals.models import PartnerRole

NON_PROFIT_TYPES = frozenset(
    {
        OrganisationType.PUBLIC_BODY,
        OrganisationType.RESEARCH,
        OrganisationType.HIGHER_EDUCATION,
        OrganisationType.CIVIL_SOCIETY,
        OrganisationType.INTERNATIONAL,
    }
)

ZERO = Decimal("0.00")

# The roles whose costs are eligible and funded; associated partners are not among them.
FUNDED_ROLES = frozenset(
    {PartnerRole.COORDINATOR, PartnerRole.BENEFICIARY, PartnerRole.AFFILIATED_ENTITY}
)


def is_non_profit(organisation_type: str) -> bool:
    return organisation_type in NON_PROFIT_TYPES


@dataclass(frozen=True)
class CostLines:
    personnel: Decimal = ZERO
    subcontracting: Decimal = ZERO
    purchase: Decimal = ZERO
    other: Decimal = ZERO
    non_profit: bool = False
    funded: bool = True  # False for an associated partner: costs for information only


@dataclass(frozen=True)
class Rates:
    indirect: Decimal  # percent, e.g. 25
    funding: Decimal  # percent, e.g. 70
    non_profit_funding: Decimal | None = None  # percent, or None for "same as funding"

    def funding_for(self, non_profit: bool) -> Decimal:
        if non_profit and self.non_profit_funding is not None:
            return self.non_profit_funding
        return self.funding


@dataclass(frozen=True)
class PartnerBudget:
    personnel: Decimal
    subcontracting: Decimal
    purchase: Decimal
    other: Decimal
    direct: Decimal
    indirect: Decimal
    eligible: Decimal
    funding_rate: Decimal
    requested: Decimal
    funded: bool = True


@dataclass(frozen=True)
class BudgetTotals:
    """Totals of the funded partners; `information`: the associated partners' costs."""

    partners: tuple[PartnerBudget, ...]
    direct: Decimal
    indirect: Decimal
    eligible: Decimal
    requested: Decimal
    information: Decimal = ZERO


def partner_budget(costs: CostLines, rates: Rates) -> PartnerBudget:
    personnel, subcontracting = money(costs.personnel), money(costs.subcontracting)
    purchase, other = money(costs.purchase), money(costs.other)
    direct = personnel + subcontracting + purchase + other
    indirect = percent_of(personnel + purchase + other, rates.indirect)
    # An associated partner's costs are shown for information: nothing of them is eligible.
    eligible = direct + indirect if costs.funded else ZERO
    rate = Decimal(rates.funding_for(costs.non_profit)) if costs.funded else Decimal(0)
    return PartnerBudget(
        personnel=personnel,
        subcontracting=subcontracting,
        purchase=purchase,
        other=other,
        direct=direct,
        indirect=indirect,
        eligible=eligible,
        funding_rate=rate,
        requested=percent_of(eligible, rate),
        funded=costs.funded,
    )


def budget_totals(lines: Iterable[CostLines], rates: Rates) -> BudgetTotals:
    partners = tuple(partner_budget(line, rates) for line in lines)
    funded = [p for p in partners if p.funded]
    return BudgetTotals(
        partners=partners,
        direct=sum((p.direct for p in funded), ZERO),
        indirect=sum((p.indirect for p in funded), ZERO),
        eligible=sum((p.eligible for p in funded), ZERO),
        requested=sum((p.requested for p in funded), ZERO),
        information=sum((p.direct + p.indirect for p in partners if not p.funded), ZERO),
    )


def topic_rates(topic) -> Rates:
    return Rates(
        indirect=topic.indirect_cost_rate,
        funding=topic.funding_rate,
        non_profit_funding=topic.non_profit_funding_rate,
    )


def partner_cost_lines(partner) -> CostLines:
    return CostLines(
        personnel=partner.personnel_costs,
        subcontracting=partner.subcontracting_costs,
        purchase=partner.purchase_costs,
        other=partner.other_direct_costs,
        non_profit=is_non_profit(partner.organisation.organisation_type),
        funded=partner.role in FUNDED_ROLES,
    )


def proposal_budget(proposal, partners=None) -> BudgetTotals:
    """The budget of a proposal; pass `partners` (with organisations) to avoid a query."""
    if partners is None:
        partners = list(proposal.partners.select_related("organisation"))
    return budget_totals(
        (partner_cost_lines(partner) for partner in partners), topic_rates(proposal.topic)
    )
