"""The iCalendar feed of topic deadlines: one event per deadline, in Europe/Brussels with its
VTIMEZONE, and a UID that stays the same for as long as the topic exists."""

import icalendar

from core.brussels import brussels

UID_DOMAIN = "csa-cooperation.calls"


def deadlines_calendar(topics, *, name: str, link_for=None) -> bytes:
    """`topics` with their call selected; `link_for(topic)` gives an absolute URL or None."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//CSA Cooperation//Funding call deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    for topic in topics:
        stages = [("deadline", topic.deadline_at, "")]
        if topic.second_deadline_at:
            stages = [
                ("deadline", topic.deadline_at, " (stage 1)"),
                ("second-deadline", topic.second_deadline_at, " (stage 2)"),
            ]
        for kind, instant, suffix in stages:
            event = icalendar.Event()
            event.add("uid", f"topic-{topic.pk}-{kind}@{UID_DOMAIN}")
            event.add("summary", f"{topic.identifier}{suffix}: {topic.title}")
            event.add("dtstart", brussels(instant))
            event.add("dtend", brussels(instant))
            event.add("dtstamp", topic.updated_at)
            event.add("description", f"{topic.call.identifier} — {topic.call.title}")
            link = link_for(topic) if link_for else None
            if link:
                event.add("url", link)
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
