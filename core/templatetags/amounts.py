"""Amounts and plain numbers in the visitor's locale: `{{ value|euros }}` gives
"€6,000,000" in English and "6 000 000 €" in French (cents when there are any;
core/display.py), so no template shows a raw "214000.00"."""

from decimal import Decimal

from django import template
from django_countries import countries

from core.display import show_euros
from core.numbers import number_plain

register = template.Library()


@register.filter
def euros(value) -> str:
    return show_euros(value)


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
