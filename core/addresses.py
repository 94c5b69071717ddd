"""Addresses of many rows of one URL pattern for the price of one `reverse`: a list of 25
rows with a link or three each would otherwise resolve the URL configuration once per link.

The pattern is reversed once, per language, script prefix and URL configuration, with a
marker in the place of the record's number; each row's address is the marker replaced by
the row's number: the text `reverse(name, args=[pk])` gives (an `<int:pk>` converter writes
the number as `str` does), with the active language's prefix.
"""

from functools import partial

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# A number no other part of a project address holds.
_MARKER = 918_273_645_546_372_819
_REVERSED: dict[tuple, tuple[str, str]] = {}


def row_address(name: str, pk) -> str:
    """`reverse(name, args=[pk])` for any whole-number `pk`, reversed once per address."""
    key = (name, get_language(), get_script_prefix(), get_urlconf())
    parts = _REVERSED.get(key)
    if parts is None:
        head, marker, tail = reverse(name, args=[_MARKER]).partition(str(_MARKER))
        if not marker or str(_MARKER) in tail:
            raise ValueError(f"{name} does not place its one argument once")
        parts = _REVERSED[key] = (head, tail)
    head, tail = parts
    return f"{head}{int(pk)}{tail}"


def row_addresses(name: str):
    """A function giving `row_address(name, pk)` for each row's `pk`."""
    return partial(row_address, name)
