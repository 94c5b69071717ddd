"""Brussels time. Deadlines are stored aware (UTC in the database) and shown in Brussels time.

A topic is open from its opening instant up to, not including, its deadline instant: a
deadline of 17:00:00 accepts a submission stamped 16:59:59.999999 and refuses 17:00:00.
"""

import datetime as dt
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
DEADLINE_TIME = dt.time(17, 0, 0)


def brussels(value: dt.datetime) -> dt.datetime:
    """The same instant, on a Brussels wall clock."""
    return value.astimezone(BRUSSELS)


def brussels_deadline(day: dt.date, at: dt.time = DEADLINE_TIME) -> dt.datetime:
    """The aware instant of `at` (17:00:00 by default) on `day` in Brussels, CET or CEST."""
    return dt.datetime.combine(day, at, tzinfo=BRUSSELS)
