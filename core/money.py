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


def money_field(verbose_name, *, minimum: Decimal | None = Decimal("0"), maximum=None, **kwargs):
    """A euro amount to the cent; refused below `minimum` (None: no lower bound checked)."""
    from django.core.validators import MaxValueValidator, MinValueValidator
    from django.db import models

    validators = [MinValueValidator(minimum)] if minimum is not None else []
    if maximum is not None:
        validators.append(MaxValueValidator(maximum))
    if validators:
        kwargs["validators"] = validators
    return models.DecimalField(verbose_name, max_digits=MONEY_DIGITS, decimal_places=2, **kwargs)
