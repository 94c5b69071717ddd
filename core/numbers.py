"""Numbers as people write them: no exponent, no trailing zeros, the locale's decimal sign.

`Decimal("30.00").normalize()` is `3E+1`, which reached the scoring forms as "0 to 3E+1"."""

from decimal import Decimal

from django.utils.formats import number_format


def number_plain(value: Decimal | int) -> str:
    """30.00 → "30", 0.50 → "0.5" ("0,5" in French)."""
    return number_format(Decimal(value).normalize())
