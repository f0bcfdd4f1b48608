"""Calendar reminders (iCalendar) for a person's daily sessions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from acupress.core.plan import Plan
from acupress.core.session import session_script, total_seconds
from acupress.errors import InvalidInput


def parse_time_of_day(text: str, field: str = "time") -> time:
    try:
        hours, minutes = (int(part) for part in text.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise InvalidInput(f"must be a time of day like 08:30 (got {text!r})", field=field) from None


def reminders_ics(plan: Plan, start: date, at: time) -> bytes:
    """A daily event at `at` (floating local time) listing the plan's steps, for as
    long as the protocol runs (or open-ended), lasting as long as a session."""
    from icalendar import Calendar, Event

    if not plan.steps:
        raise InvalidInput("your answers give no self-care plan, so there is nothing to remind you of", field="plan")
    calendar = Calendar()
    calendar.add("prodid", "-//acupress//back care reminders//EN")
    calendar.add("version", "2.0")
    event = Event()
    first = datetime.combine(start, at)
    event.add("uid", f"acupress-daily-{start.isoformat()}-{at.strftime('%H%M')}@acupress.invalid")
    event.add("dtstamp", datetime.combine(start, time(0, 0)))
    event.add("dtstart", first)
    minutes = round(total_seconds(session_script(plan)) / 60)
    event.add("dtend", first + timedelta(minutes=max(minutes, 5)))
    event.add("summary", "Back care: acupressure session")
    steps = "\n".join(f"{n}. {s.name}: {s.intensity}, {s.minutes:g} min {s.minutes_are}"
                      for n, s in enumerate(plan.steps, start=1))
    event.add("description", f"{steps}\n\nStop if the pain or spasm gets worse. acupress is a self-care guide, "
                             "not a diagnostic device.")
    rule: dict[str, object] = {"freq": "daily"}
    weeks = plan.protocol.weeks
    if weeks:
        rule["count"] = weeks * 7
    event.add("rrule", rule)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
