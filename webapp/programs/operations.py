"""Creating programs with the seeds' defaults, and finding the current one."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import clock
from ..extensions import db
from ..models import Program
from . import presets
from .presets import Model


def school_year_of(day: date) -> int:
    """The calendar year a school year starts in (July onwards is the new year)."""
    return day.year if day.month >= 7 else day.year - 1


def program_from_model(district_id: int, model: Model, first_year: int) -> Program:
    """A program for the school year starting in `first_year`, as the model sets it."""
    start, end = model.on(model.start, first_year), model.on(model.end, first_year)
    settings = model.settings()
    # The program's own list: the model's month-days become the year's dates.
    settings["deadlines"] = [{**listed, "date": model.on((d.month, d.day), first_year)
                              .isoformat()}
                             for listed, d in zip(settings["deadlines"], model.deadlines)]
    return Program(
        district_id=district_id, model_key=model.key,
        name=f"{model.name} {first_year}/{str(first_year + 1)[-2:]}",
        start_date=start, end_date=end, focus_areas=list(model.lists["focus_areas"]),
        approaches=list(model.lists["approaches"]),
        rubric_indicators=list(model.lists["rubric_indicators"]),
        release_days=model.practices.get("visits", {}).get("release_days", 0),
        words=model.words(), settings=settings,
    )


def default_program(district_id: int, first_year: int) -> Program:
    """A program for the school year starting in `first_year`, with seed 000's deadlines."""
    return program_from_model(district_id, presets.model(presets.DEFAULT_KEY), first_year)


def _district_programs(district_id: int) -> list[Program]:
    return list(db.session.scalars(
        select(Program).where(Program.district_id == district_id)
        .options(selectinload(Program.schools))
        .order_by(Program.start_date.desc(), Program.id.desc())))


def _pick(programs: list[Program], today: date, school_id: int | None) -> Program | None:
    """Of the programs (newest first): the one whose year contains today, else the most
    recent; one that lists the school before one for every school. Without a school,
    any program."""
    if school_id is not None:
        programs = [p for p in programs if p.runs_in(school_id)]
    # sorted() keeps the newest first among equals.
    ranked = sorted(programs, key=lambda p: (p.contains(today), bool(p.schools)),
                    reverse=True)
    return ranked[0] if ranked else None


def current_program(district_id: int, today: date | None = None,
                    school_id: int | None = None) -> Program | None:
    """The program for a school today (see _pick); a district administrator, who has no
    school, gets the district's running program."""
    return _pick(_district_programs(district_id), today or clock.today(), school_id)


def programs_by_school(district_id: int, school_ids: list[int],
                       today: date | None = None) -> dict[int, Program | None]:
    """Each school's current program, from one query."""
    programs, today = _district_programs(district_id), today or clock.today()
    return {school_id: _pick(programs, today, school_id) for school_id in school_ids}
