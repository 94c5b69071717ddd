"""Amounts and plain numbers in the visitor's locale: `{{ value|euros }}` gives
"€6,000,000" in English and "6 000 000 €" in French (cents when there are any), so no
template shows a raw "214000.00"."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language
from django_countries import countries

from core.numbers import number_plain

register = template.Library()


@register.filter
def euros(value) -> str:
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    places = 0 if amount == amount.to_integral_value() else 2
    figure = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    if (get_language() or "en").startswith("fr"):
        return f"{figure}\u00a0€"
    return f"€{figure}"


@register.filter
def plain(value) -> str:
    """A score or weight without exponent or trailing zeros (30.00 → 30)."""
    if value is None or value == "":
        return ""
    return number_plain(Decimal(str(value)))


@register.filter
def country_name(code) -> str:
    """A country's name in the visitor's language from its ISO code ("NL" → "Netherlands")."""
    return str(countries.name(code)) or str(code)
