"""List filters whose values are bounded, for every list of the project.

A value a person or a crawler can type — year 0, a date in year 9999, an amount beyond the
money fields' digits — must never reach the database as something it cannot answer. Out of
bounds, the value is a form error that the page shows next to the filter, never a 500.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from core.money import MONEY_DIGITS
from core.widgets import FAST_FORM_RENDERER, FastSelect

FIRST_YEAR, LAST_YEAR = 1900, 2100


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(**kwargs)


class CountedPaginator(Paginator):
    """A paginator told its number of rows when the page has counted them already (counts
    per status, an expert's stored counts), instead of counting the same rows again."""

    def __init__(self, *args, count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if count is not None:
            self.count = count  # Paginator.count is a cached property: this is its value


def keeps_every_row(filterset) -> bool:
    """Whether the filter set, as the request gives it, keeps every row of its queryset:
    unbound, or valid with no filter given (an order alone keeps them all). A list can then
    take its number of rows from counts it has already made."""
    if not filterset.is_bound:
        return True
    if not filterset.is_valid():
        return False
    ordering = {
        name
        for name, found in filterset.filters.items()
        if isinstance(found, django_filters.OrderingFilter)
    }
    return not any(
        value.strip() if isinstance(value, str) else value
        for name, value in filterset.form.cleaned_data.items()
        if name not in ordering
    )


class BoundedDateField(forms.DateField):
    def validate(self, value):
        super().validate(value)
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(
                _("Enter a date between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                code="date_out_of_range",
            )


class FilterForm(forms.Form):
    """The form of a list's filters (a FilterSet's `Meta.form`): its labels and text inputs
    written by core.widgets.FastFormRenderer, the same HTML as Django's templates."""

    default_renderer = FAST_FORM_RENDERER


class YesNoWidget(django_filters.widgets.BooleanWidget, FastSelect):
    """Any / Yes / No: a filter left empty means "any", never "Unknown" (written by
    FastSelect, the same HTML as Django's templates)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


class YesNoFilter(django_filters.BooleanFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoWidget)
        super().__init__(*args, **kwargs)


class SortFilter(django_filters.OrderingFilter):
    """The list's order from the URL (`o=field`, `o=-field`), chosen by the column headers
    (core/templatetags/sorting.py); ties broken by the primary key, so pages never repeat
    or skip a row. An unknown value makes the filter set invalid: the list says so."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Sort by"))
        kwargs.setdefault("widget", FastSelect)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "pk")
        return qs


class YearFilter(django_filters.NumberFilter):
    """A calendar year, 1900 to 2100."""

    field_class = YearField


class DateFilter(django_filters.DateFilter):
    """A date, 1900 to 2100."""

    field_class = BoundedDateField


class AmountFilter(django_filters.NumberFilter):
    """A euro amount: not negative, to the cent, within the money fields' digits."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)


def filtered(filterset):
    """The rows a bound FilterSet selects, or none when a value is not valid — as
    django-filter's FilterView does — so that a list, its dashboard and its export always
    agree instead of one of them quietly dropping the bad filter."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs
