"""iCalendar (RFC 5545) from plain entries: no database, no request, tested alone.

An entry's uid is stable ("visit-12"): the same thing keeps its UID in every fetch, so a
calendar app updates the event instead of adding a copy. Timed entries carry their
zone; the calendar gets a VTIMEZONE for each zone used (all-day entries need none).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, vDuration

PRODID = "-//Tandem//Peer partnerships//EN"
# How often a subscribed app should fetch the feed again (RFC 7986; Outlook's own name).
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class Entry:
    uid: str                  # stable within the site: "visit-12" (the host is added)
    summary: str              # short: names and titles only, never anyone's notes
    url: str                  # the page in Tandem
    start: date | datetime    # a date: all day; an aware datetime: at that time
    days: int = 1             # an all-day entry's length
    duration: timedelta | None = None  # a timed entry's length
    rule: dict | None = None  # RRULE parts (freq, interval, byday, until in UTC)
    status: str = ""          # "TENTATIVE" (waiting for approval) or "CONFIRMED"
    location: str = ""
    busy: bool = False        # an all-day entry that takes the day (a visit), not a due date


def render(entries: list[Entry], *, name: str, host: str, stamp: datetime) -> bytes:
    """A VCALENDAR of `entries`: its display name, UIDs at `host`, DTSTAMP `stamp` (UTC)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
    for entry in entries:
        calendar.add_component(_event(entry, host, stamp))
    if entries:
        first, last = _span(entries)
        # Zone rules only for the years the events span: a VTIMEZONE from 1970 to 2038
        # would be most of the file.
        calendar.add_missing_timezones(first_date=date(first.year - 1, 1, 1),
                                       last_date=date(last.year + 2, 1, 1))
    return calendar.to_ical()


def _event(entry: Entry, host: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{entry.uid}@{host}")
    event.add("dtstamp", stamp)
    event.add("summary", entry.summary)
    event.add("dtstart", entry.start)
    if isinstance(entry.start, datetime):
        event.add("duration", entry.duration or timedelta(hours=1))
    else:
        event.add("dtend", entry.start + timedelta(days=max(entry.days, 1)))
        event.add("transp", "OPAQUE" if entry.busy else "TRANSPARENT")  # a due date is free
    if entry.rule:
        event.add("rrule", entry.rule)
    if entry.status:
        event.add("status", entry.status)
    if entry.location:
        event.add("location", entry.location)
    event.add("url", entry.url)
    event.add("description", entry.url)  # many apps show no URL property, but this
    return event


def _span(entries: list[Entry]) -> tuple[date, date]:
    days = [_day(e.start) for e in entries]
    days += [_day(e.rule["until"]) for e in entries if e.rule and e.rule.get("until")]
    return min(days), max(days)


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
