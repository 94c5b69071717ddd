"""The one way dates, instants and amounts are shown, in English and French."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import get_format

from core.brussels import BRUSSELS
from core.display import show_date, show_datetime, show_euros, show_iso

UTC = dt.UTC


def _both(function, *args, **kwargs):
    shown = {}
    for language in ("en", "fr"):
        with translation.override(language):
            shown[language] = function(*args, **kwargs)
    return shown


def test_a_day_in_each_language():
    day = dt.date(2027, 1, 12)
    assert _both(show_date, day) == {"en": "12 January 2027", "fr": "12 janvier 2027"}
    assert _both(show_date, day, short=True) == {"en": "12 Jan 2027", "fr": "12 jan. 2027"}
    assert _both(show_date, dt.date(2027, 12, 31)) == {
        "en": "31 December 2027",
        "fr": "31 décembre 2027",
    }


def test_a_deadline_on_the_brussels_clock_with_its_zone():
    deadline = dt.datetime(2027, 1, 12, 16, 0, tzinfo=UTC)  # 17:00 CET
    assert _both(show_datetime, deadline) == {
        "en": "12 January 2027, 17:00 (Brussels time)",
        "fr": "12 janvier 2027 à 17:00 (heure de Bruxelles)",
    }
    assert _both(show_datetime, deadline, short=True) == {
        "en": "12 Jan 2027, 17:00",
        "fr": "12 jan. 2027, 17:00",
    }
    assert _both(show_datetime, deadline, zone=False) == {
        "en": "12 January 2027, 17:00",
        "fr": "12 janvier 2027 à 17:00",
    }


def test_a_remembered_text_follows_the_language_and_the_form_asked_again():
    """The texts are kept per value: asked again, in the other language, in the other form,
    for the same instant from another zone, each answer is still the one computed afresh."""
    deadline = dt.datetime(2027, 1, 12, 16, 0, tzinfo=UTC)
    same_instant = deadline.astimezone(BRUSSELS)
    for _ in range(2):
        assert _both(show_datetime, deadline) == _both(show_datetime, same_instant)
        assert _both(show_datetime, same_instant, short=True) == {
            "en": "12 Jan 2027, 17:00",
            "fr": "12 jan. 2027, 17:00",
        }
        assert _both(show_datetime, deadline, milliseconds=True)["en"] == (
            "12 January 2027, 17:00:00.000 (Brussels time)"
        )
        assert _both(show_date, deadline.date(), short=True)["fr"] == "12 jan. 2027"
        assert _both(show_date, deadline.date())["fr"] == "12 janvier 2027"
    with translation.override("fr-be"):  # a regional variant reads the French texts
        assert show_date(deadline.date()) == "12 janvier 2027"


def test_midnight_in_brussels_is_the_next_day_already():
    midnight = dt.datetime(2027, 12, 31, 23, 0, tzinfo=UTC)  # 00:00 on 1 January in Brussels
    assert _both(show_datetime, midnight, zone=False) == {
        "en": "1 January 2028, 00:00",
        "fr": "1 janvier 2028 à 00:00",
    }
    assert _both(show_date, midnight) == {"en": "1 January 2028", "fr": "1 janvier 2028"}
    last = dt.datetime(2027, 12, 31, 22, 59, 59, tzinfo=UTC)
    assert _both(show_date, last) == {"en": "31 December 2027", "fr": "31 décembre 2027"}


def test_the_day_the_clocks_change_in_brussels():
    # 28 March 2027: 02:00 CET becomes 03:00 CEST. 17:00 is 15:00 UTC that day, 16:00 the day before.
    before = dt.datetime(2027, 3, 27, 16, 0, tzinfo=UTC)
    after = dt.datetime(2027, 3, 28, 15, 0, tzinfo=UTC)
    with translation.override("en"):
        assert show_datetime(before) == "27 March 2027, 17:00 (Brussels time)"
        assert show_datetime(after) == "28 March 2027, 17:00 (Brussels time)"
        assert show_datetime(dt.datetime(2027, 3, 28, 1, 0, tzinfo=UTC), zone=False) == (
            "28 March 2027, 03:00"
        )
    # 31 October 2027: 03:00 CEST falls back to 02:00 CET.
    autumn = dt.datetime(2027, 10, 31, 16, 0, tzinfo=UTC)
    with translation.override("fr"):
        assert show_datetime(autumn) == "31 octobre 2027 à 17:00 (heure de Bruxelles)"


def test_seconds_are_shown_when_they_are_not_zero():
    receipt = dt.datetime(2027, 1, 12, 15, 59, 59, 999999, tzinfo=UTC)
    assert _both(show_datetime, receipt) == {
        "en": "12 January 2027, 16:59:59 (Brussels time)",
        "fr": "12 janvier 2027 à 16:59:59 (heure de Bruxelles)",
    }
    assert _both(show_datetime, receipt, short=True) == {
        "en": "12 Jan 2027, 16:59:59",
        "fr": "12 jan. 2027, 16:59:59",
    }


def test_milliseconds_where_a_refusal_needs_them():
    arrival = dt.datetime(2026, 6, 30, 15, 0, 0, 7000, tzinfo=UTC)
    assert _both(show_datetime, arrival, zone=False, milliseconds=True) == {
        "en": "30 June 2026, 17:00:00.007",
        "fr": "30 juin 2026 à 17:00:00.007",
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_pattern_writes_its_time_as_hours_and_minutes(language):
    with translation.override(language):
        for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            assert "H:i" in get_format(name)


def test_the_machine_readable_form():
    assert show_iso(dt.date(2027, 1, 12)) == "2027-01-12"
    instant = dt.datetime(2027, 7, 1, 15, 0, 0, 123, tzinfo=UTC)
    assert show_iso(instant) == "2027-07-01T17:00:00+02:00"
    assert show_iso(None) == ""


def test_a_remembered_amount_follows_the_language_and_keeps_its_cents():
    for _ in range(2):
        assert _both(show_euros, Decimal("1.5")) == {"en": "€1.50", "fr": "1,50\u00a0€"}
        assert _both(show_euros, Decimal("1.50")) == _both(show_euros, "1.5")
        assert _both(show_euros, Decimal("2.00")) == {"en": "€2", "fr": "2\u00a0€"}
    assert show_euros("NaN") == "NaN"
    assert show_euros("sNaN") == "sNaN"


def test_nothing_shows_as_nothing():
    assert show_date(None) == "" == show_datetime(None) == show_euros(None) == show_euros("")


@pytest.mark.parametrize(
    ("amount", "english", "french"),
    [
        (Decimal("0"), "€0", "0\u00a0€"),
        (Decimal("0.00"), "€0", "0\u00a0€"),
        (Decimal("0.5"), "€0.50", "0,50\u00a0€"),
        (Decimal("6000000.00"), "€6,000,000", "6\u202f000\u202f000\u00a0€"),
        (Decimal("6823512.50"), "€6,823,512.50", "6\u202f823\u202f512,50\u00a0€"),
        (Decimal("-1500.25"), "-€1,500.25", "-1\u202f500,25\u00a0€"),
        (Decimal("-0.5"), "-€0.50", "-0,50\u00a0€"),
        ("302085.53", "€302,085.53", "302\u202f085,53\u00a0€"),
    ],
)
def test_amounts_in_each_language(amount, english, french):
    assert _both(show_euros, amount) == {"en": english, "fr": french}


def test_the_template_filters():
    template = Template(
        "{% load dates amounts %}{{ d|day }} | {{ d|day:'short' }} | {{ t|brussels }} | "
        "{{ t|brussels:'short' }} | {{ t|brussels:'nozone' }} | {{ t|iso }} | {{ m|euros }}"
    )
    context = Context(
        {
            "d": dt.date(2027, 1, 12),
            "t": dt.datetime(2027, 1, 12, 17, 0, tzinfo=BRUSSELS),
            "m": Decimal("-6000000"),
        }
    )
    with translation.override("fr"):
        assert template.render(context) == (
            "12 janvier 2027 | 12 jan. 2027 | 12 janvier 2027 à 17:00 (heure de Bruxelles) | "
            "12 jan. 2027, 17:00 | 12 janvier 2027 à 17:00 | 2027-01-12T17:00:00+01:00 | "
            "-6\u202f000\u202f000\u00a0€"
        )
    with translation.override("en"):
        assert template.render(context).startswith(
            "12 January 2027 | 12 Jan 2027 | 12 January 2027, 17:00 (Brussels time) | "
        )


SHOWN_ANOTHER_WAY = re.compile(
    r"\|date\b|\|time\b|naturaltime|naturalday|\|localize\b|{% localize\b|floatformat:\"\d?g\""
)
# A date input keeps ISO for the browser's date widget.
DATE_INPUT_VALUE = re.compile(r"value=\"\{\{ [\w.]+\|date:'Y-m-d' \}\}\"")


def test_templates_show_dates_and_amounts_only_through_the_projects_filters():
    templates = Path(settings.BASE_DIR) / "templates"
    found = [
        f"{path.relative_to(templates)}:{number}: {match.group(0)}"
        for path in sorted(templates.rglob("*"))
        if path.suffix in (".html", ".txt")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        for match in SHOWN_ANOTHER_WAY.finditer(DATE_INPUT_VALUE.sub("", line))
    ]
    assert not found, "\n".join(found)
