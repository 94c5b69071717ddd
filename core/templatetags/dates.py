"""Dates and times in the visitor's language, the one way templates and mails show them
(core/display.py):

- `{{ value|day }}` "12 January 2027", `{{ value|day:"short" }}` "12 Jan 2027" in dense tables;
- `{{ instant|brussels }}` "12 January 2027, 17:00 (Brussels time)" — deadlines and receipts;
  `{{ instant|brussels:"short" }}` "12 Jan 2027, 17:00" in dense tables (the column says
  the zone); `{{ instant|brussels:"nozone" }}` where the sentence already names it;
- `{{ value|iso }}` for `<time datetime="…">`.
"""

from django import template

from core.display import SHORT, show_date, show_datetime, show_iso

register = template.Library()


@register.filter
def day(value, form: str = "") -> str:
    return show_date(value, short=form == SHORT)


@register.filter
def brussels(value, form: str = "") -> str:
    return show_datetime(value, short=form == SHORT, zone=form != "nozone")


@register.filter
def iso(value) -> str:
    return show_iso(value)
