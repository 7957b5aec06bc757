"""The year's rollover: a program copied a year on, overlaps, and what keeps one in use."""
from __future__ import annotations

import re
from copy import deepcopy
from datetime import date

from flask_babel import ngettext
from sqlalchemy import func, select

from ..extensions import db
from ..models import (CheckIn, DeadlineTick, GrowthPlanOptOut, Partnership, Program,
                      ProgramInterest, ReleaseDay, Visit)

DATE_FIELDS = ("start_date", "end_date")
# A year label in a name: "2026", "2026/27", "2026-2027", "2026–27".
_YEAR_LABEL = re.compile(r"\b((?:19|20)\d\d)(?:([/\-–])(\d\d\d\d|\d\d))?\b")


def a_year_later(day: date) -> date:
    """The same calendar date a year later; Feb 29 becomes Feb 28."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _next_label(match: re.Match) -> str:
    first, mark, second = match.groups()
    label = str(int(first) + 1)
    if mark:
        later = int(second) + 1
        label += mark + (str(later) if len(second) == 4 else f"{later % 100:02d}")
    return label


def moved_name(name: str) -> str:
    """The name with its year label a year on: "… 2026/27" → "… 2027/28"."""
    return _YEAR_LABEL.sub(_next_label, name)


def next_year_copy(program: Program) -> Program:
    """An unsaved copy of the program a year later, with every edit of the district kept."""
    copy = Program(district_id=program.district_id, name=moved_name(program.name),
                   focus_areas=list(program.focus_areas), approaches=list(program.approaches),
                   rubric_indicators=list(program.rubric_indicators),
                   release_days=program.release_days, model_key=program.model_key,
                   words=deepcopy(program.words), settings=deepcopy(program.settings or {}),
                   schools=list(program.schools))
    for name in DATE_FIELDS:
        setattr(copy, name, a_year_later(getattr(program, name)))
    copy.settings["deadlines"] = [
        {**listed, "date": a_year_later(date.fromisoformat(listed["date"])).isoformat()}
        for listed in copy.settings.get("deadlines", [])]
    return copy


def latest_program(district_id: int) -> Program | None:
    return db.session.scalar(select(Program).where(Program.district_id == district_id)
                             .order_by(Program.start_date.desc(), Program.id.desc()))


def same_program(name: str) -> str:
    """A name without its year label, for telling two years of one program apart."""
    return " ".join(_YEAR_LABEL.sub("", name).split()).casefold()


def overlapping(district_id: int, name: str, start: date, end: date,
                excluding: Program | None = None) -> list[Program]:
    """The district's programs of the same name whose dates overlap start–end."""
    query = select(Program).where(Program.district_id == district_id,
                                  Program.start_date <= end, Program.end_date >= start)
    if excluding is not None and excluding.id is not None:
        query = query.where(Program.id != excluding.id)
    return [p for p in db.session.scalars(query.order_by(Program.start_date))
            if same_program(p.name) == same_program(name)]


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def uses(program: Program) -> list[str]:
    """What keeps a program from being deleted, in words; empty when it is unused."""
    in_program = select(Partnership.id).where(Partnership.program_id == program.id)
    partnerships = _count(Partnership, Partnership.program_id == program.id)
    visits = _count(Visit, Visit.partnership_id.in_(in_program))
    checkins = _count(CheckIn, CheckIn.partnership_id.in_(in_program))
    release_days = _count(ReleaseDay, ReleaseDay.program_id == program.id)
    opt_outs = _count(GrowthPlanOptOut, GrowthPlanOptOut.program_id == program.id)
    interest = _count(ProgramInterest, ProgramInterest.program_id == program.id)
    ticks = _count(DeadlineTick, DeadlineTick.program_id == program.id)
    words = [
        partnerships and ngettext("%(num)d partnership", "%(num)d partnerships", partnerships),
        visits and ngettext("%(num)d classroom visit", "%(num)d classroom visits", visits),
        checkins and ngettext("%(num)d principal check-in", "%(num)d principal check-ins",
                              checkins),
        release_days and ngettext("%(num)d recorded release day",
                                  "%(num)d recorded release days", release_days),
        opt_outs and ngettext("%(num)d growth-plan opt-out", "%(num)d growth-plan opt-outs",
                              opt_outs),
        interest and ngettext("%(num)d teacher told their interest",
                              "%(num)d teachers told their interest", interest),
        ticks and ngettext("%(num)d deadline ticked for a teacher",
                           "%(num)d deadlines ticked for teachers", ticks),
    ]
    return [word for word in words if word]


# Unfinished partnerships of the old year ---------------------------------------------

def next_year_of(program: Program) -> Program | None:
    """The next later year of the same program in the district, if one was set up."""
    later = db.session.scalars(select(Program).where(
        Program.district_id == program.district_id, Program.start_date > program.start_date)
        .order_by(Program.start_date, Program.id))
    return next((p for p in later if same_program(p.name) == same_program(program.name)), None)


def closed_with(partnership: Partnership, today: date) -> Program | None:
    """The program an unfinished partnership was closed with: its year is over and the
    next year is set up (until then its members simply go on)."""
    program = partnership.program
    if partnership.completed_at or program.end_date >= today:
        return None
    return program if next_year_of(program) else None


def carry_into(partnership: Partnership, program: Program) -> None:
    """Move an unfinished partnership into `program`. Its cycle entries, visits and
    check-ins keep their dates; visits so far stay counted in the year they were made."""
    for visit in db.session.scalars(select(Visit).where(
            Visit.partnership_id == partnership.id, Visit.program_id.is_(None))):
        visit.program_id = partnership.program_id
    partnership.program = program
