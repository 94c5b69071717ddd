"""Deadline wording for the public pages, computed on the server in Brussels time."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.display import show_datetime


def brussels_wording(instant: dt.datetime) -> str:
    """'20 November 2024, 17:00 (Brussels time)', in the active language (core/display.py)."""
    return show_datetime(instant)


def _span(delta: dt.timedelta) -> str:
    days = delta.days
    hours, rest = divmod(delta.seconds, 3600)
    minutes = rest // 60
    if days:
        parts = [ngettext("%(count)d day", "%(count)d days", days) % {"count": days}]
        if hours:
            parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    elif hours:
        parts = [ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}]
        if minutes:
            parts.append(
                ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
            )
    else:
        minutes = max(minutes, 1)
        parts = [ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}]
    return " ".join(parts)


def deadline_countdown(*, opening_at: dt.datetime, deadline_at: dt.datetime, now: dt.datetime):
    """'closes in 12 days 3 hours — 20 November 2024, 17:00 (Brussels time)', or the
    opening or closing wording outside the open period."""
    if now < opening_at:
        return _("opens in %(span)s — %(when)s; deadline %(deadline)s") % {
            "span": _span(opening_at - now),
            "when": brussels_wording(opening_at),
            "deadline": brussels_wording(deadline_at),
        }
    if now < deadline_at:
        return _("closes in %(span)s — %(when)s") % {
            "span": _span(deadline_at - now),
            "when": brussels_wording(deadline_at),
        }
    return _("closed on %(when)s") % {"when": brussels_wording(deadline_at)}
