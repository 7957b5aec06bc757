"""One calendar entry per thing: a program deadline, a milestone, a visit, its follow-up
meeting, a check-in due, a standing meeting. Titles and links only: no one's notes, no
visit purpose (a feed address can travel further than its owner meant)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_CEILING, Decimal
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from ..links import external_url
from ..models import Milestone, Partnership, Program, Visit, VisitStatus
from ..models.program import ProgramDeadline
from ..visits import rules
from .ics import Entry

# The standing meeting's recurrence by the timeline's cadence (forms/program_defaults.py).
CADENCE_RULES = {"weekly": ("WEEKLY", 1), "biweekly": ("WEEKLY", 2), "monthly": ("MONTHLY", 1)}
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MEETING_LENGTH = timedelta(hours=1)  # the timeline names a start, not an end


def deadline(program: Program, item: ProgramDeadline) -> Entry:
    return Entry(f"deadline-{program.id}-{item.key}",
                 _("Deadline: %(name)s (%(program)s)", name=item.name, program=program.name),
                 external_url("main.home"), item.due)


def milestone(item: Milestone) -> Entry:
    summary = (_("Milestone done: %(title)s", title=item.title) if item.done
               else _("Milestone: %(title)s", title=item.title))
    return Entry(f"milestone-{item.id}", summary,
                 external_url("partnerships.step", partnership_id=item.partnership_id,
                              key="timeline"), item.due_date)


def visit(item: Visit) -> Entry:
    """All day on the visit's date (a visit has no time of day), as many days as it lasts."""
    names = {"visitor": item.visitor_name, "visited": item.visited_name}
    pending = item.is_pending
    summary = (_("Classroom visit, waiting for approval: %(visitor)s visits %(visited)s", **names)
               if pending else _("Classroom visit: %(visitor)s visits %(visited)s", **names))
    days = int(Decimal(item.length_days).to_integral_value(rounding=ROUND_CEILING))
    return Entry(f"visit-{item.id}", summary, external_url("visits.detail", visit_id=item.id),
                 item.proposed_date, days=days,
                 status="TENTATIVE" if pending else "CONFIRMED", location=item.location,
                 busy=True)


def followup(item: Visit) -> Entry | None:
    """An approved visit's follow-up meeting with the principal: "due by" on its last day
    (one month after the visit) until held, then on the day it was held."""
    if item.status is not VisitStatus.APPROVED:
        return None
    names = {"visitor": item.visitor_name, "day": item.proposed_date.isoformat()}
    uid, url = f"followup-{item.id}", external_url("visits.detail", visit_id=item.id)
    if item.followup_date:
        return Entry(uid, _("Follow-up meeting held: %(visitor)s's visit of %(day)s", **names),
                     url, item.followup_date)
    return Entry(uid, _("Follow-up meeting due: %(visitor)s's visit of %(day)s", **names),
                 url, rules.one_month_after(item.proposed_date))


def check_in(partnership: Partnership, due: date) -> Entry:
    """One entry per partnership: it moves to the next due day after each check-in."""
    return Entry(f"checkin-{partnership.id}",
                 _("Check-in due: %(names)s", names=partnership.member_names),
                 external_url("dashboard.check_ins", partnership_id=partnership.id), due)


def standing_meeting(partnership: Partnership, zone: ZoneInfo) -> Entry | None:
    """The partnership's meeting on its weekday and time, repeating at its cadence from
    its start date until its end date (or the day it was completed); None until the
    timeline names a day, a time and a cadence."""
    rule = CADENCE_RULES.get(partnership.cadence)
    if partnership.meeting_weekday is None or partnership.meeting_time is None or not rule:
        return None
    program = partnership.program
    first_day = partnership.start_date or program.start_date
    last_day = partnership.end_date or program.end_date
    if partnership.completed_at:
        last_day = min(last_day, partnership.completed_at.date())
    first = first_day + timedelta(days=(partnership.meeting_weekday - first_day.weekday()) % 7)
    if first > last_day:
        return None
    freq, interval = rule
    code = DAY_CODES[partnership.meeting_weekday]
    # A DTSTART with a time zone needs UNTIL in UTC (RFC 5545 3.3.10).
    until = datetime.combine(last_day, time(23, 59, 59), zone).astimezone(timezone.utc)
    parts = {"freq": freq, "interval": interval, "until": until,
             "byday": f"{_week_of_month(first)}{code}" if freq == "MONTHLY" else code}
    return Entry(f"meeting-{partnership.id}",
                 _("Partnership meeting: %(names)s", names=partnership.member_names),
                 external_url("partnerships.overview", partnership_id=partnership.id),
                 datetime.combine(first, partnership.meeting_time, zone),
                 duration=MEETING_LENGTH, rule=parts)


def _week_of_month(day: date) -> int:
    """Monthly by weekday position: the 1st to 4th such weekday, or -1 for the last (a
    fifth one is not in every month)."""
    position = (day.day - 1) // 7 + 1
    return -1 if position == 5 else position
