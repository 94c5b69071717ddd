"""Money is Decimal with two places, in euro. Never float."""

from decimal import ROUND_HALF_UP, Decimal

CURRENCY = "EUR"
CENT = Decimal("0.01")
MONEY_DIGITS = 14  # up to 999,999,999,999.99


def money(value) -> Decimal:
    """Round to the cent, half up, as the EU's financial rules do."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, rate_percent: Decimal) -> Decimal:
    return money(Decimal(amount) * Decimal(rate_percent) / Decimal(100))
