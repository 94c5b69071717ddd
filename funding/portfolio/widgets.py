"""The portfolio filters' country drop-down, written once per language.

Its options are the same on every page in a language (some 250 countries from
django-countries), so the drop-down's HTML, as core.widgets.FastSelect writes it, is kept
per language, field, choices and chosen country instead of being written again on every
page. Only
a real country (or none) is kept: whatever else a query string holds is written as usual.
"""

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries

from core.widgets import FastSelect

KEPT = 64  # drop-downs kept per process: a few languages × fields × chosen countries
_kept: dict[tuple, str] = {}
_codes: set[str] = set()


def _is_country(code: str) -> bool:
    if not _codes:
        _codes.update(code for code, _name in countries)
    return code in _codes


class CountrySelect(FastSelect):
    def render(self, name, value, attrs=None, renderer=None):
        chosen = tuple(self.format_value(value))
        if not all(_is_country(code) for code in chosen if code):
            return super().render(name, value, attrs, renderer)
        choices = tuple(self.choices)  # the field's own: its empty choice, then the countries
        final_attrs = self.build_attrs(self.attrs, attrs)
        key = (get_language(), name, tuple(sorted(final_attrs.items())), chosen, choices)
        html = _kept.get(key)
        if html is None:
            iterator, self.choices = self.choices, choices
            try:
                html = str(super().render(name, value, attrs, renderer))
            finally:
                self.choices = iterator
            if len(_kept) >= KEPT:
                _kept.pop(next(iter(_kept)))
            _kept[key] = html
        return mark_safe(html)  # noqa: S308 - FastSelect's escaped HTML, kept as written
