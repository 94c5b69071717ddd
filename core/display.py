"""Dates, times and money as the visitor reads them, in the active language: the one way
every page, mail and sheet shows them (the template filters in `core/templatetags/dates.py`
and `amounts.py` call these).

- a day: "12 January 2027" / "12 janvier 2027"; in dense tables "12 Jan 2027" / "12 jan. 2027";
- an instant, always on the Brussels clock: "12 January 2027, 17:00 (Brussels time)" /
  "12 janvier 2027 à 17:00 (heure de Bruxelles)"; the seconds are shown when they are not
  zero, since deadlines and receipts are exact to the second ("16:59:59");
- an amount in euro: "€6,000,000" / "6 000 000 €", the cents only when there are any.

The patterns are Django's locale formats, with the project's own in `core/formats/`
(`settings.FORMAT_MODULE_PATH`), never hand-built strings.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.utils.formats import date_format, get_format, number_format
from django.utils.translation import get_language, gettext

from core.brussels import brussels

SHORT = "short"


def _day_of(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return brussels(value).date() if value.tzinfo else value.date()
    return value


# Django's date formatting translates every month name and pattern again on each call, and a
# list shows the same deadlines and days row after row: each text is kept per value, form and
# language (pure: the patterns and catalogues do not change while the process runs).
_REMEMBERED = 4096


def show_date(value, *, short: bool = False) -> str:
    """A day ("12 January 2027"); an aware instant is first put on the Brussels clock."""
    if value in (None, ""):
        return ""
    return _shown_date(_day_of(value), short, get_language())


@lru_cache(maxsize=_REMEMBERED)
def _shown_date(day: dt.date, short: bool, language) -> str:
    return date_format(day, "SHORT_DATE_FORMAT" if short else "DATE_FORMAT")


def _instant_format(name: str, local: dt.datetime, milliseconds: bool) -> str:
    pattern = get_format(name)
    # Every project pattern writes its time as "H:i" (tests/core/test_display.py).
    if milliseconds:  # digits are no format character: the milliseconds stay as written
        return pattern.replace("H:i", f"H:i:s.{local.microsecond // 1000:03d}")
    if local.second:
        return pattern.replace("H:i", "H:i:s")
    return pattern


def show_datetime(
    value, *, short: bool = False, zone: bool = True, milliseconds: bool = False
) -> str:
    """An instant on the Brussels clock, with its zone unless `zone=False` or `short`;
    `milliseconds` where a refusal must show that 17:00:00.000 is already late."""
    if value in (None, ""):
        return ""
    if not isinstance(value, dt.datetime):
        return show_date(value, short=short)
    local = brussels(value) if value.tzinfo else value
    return _shown_instant(local, short, zone and not short, milliseconds, get_language())


@lru_cache(maxsize=_REMEMBERED)
def _shown_instant(local: dt.datetime, short: bool, zone: bool, milliseconds: bool, language):
    name = "SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT"
    shown = date_format(local, _instant_format(name, local, milliseconds))
    if zone:
        return gettext("%(when)s (Brussels time)") % {"when": shown}
    return shown


def show_iso(value) -> str:
    """The machine-readable form for `<time datetime="…">`: the day, or the aware instant."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime) and value.tzinfo:
        return brussels(value).isoformat(timespec="seconds")
    return value.isoformat()


def show_euros(value) -> str:
    """ "€6,000,000", "-€0.50" in English; "6 000 000 €", "-0,50 €" in French."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not amount.is_finite():
        return str(value)
    return _shown_euros(amount, get_language())


@lru_cache(maxsize=_REMEMBERED)
def _shown_euros(amount: Decimal, language) -> str:
    # Equal amounts show alike whatever their places (1.5 and 1.50: "€1.50"), so one text
    # serves both.
    places = 0 if amount == amount.to_integral_value() else 2
    figure = number_format(abs(amount), decimal_pos=places, use_l10n=True, force_grouping=True)
    sign = "-" if amount < 0 else ""
    if (language or "en").startswith("fr"):
        return f"{sign}{figure}\u00a0€"
    return f"{sign}€{figure}"
