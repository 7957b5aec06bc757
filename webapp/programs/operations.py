"""Creating programs with the seeds' defaults, and finding the current one."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from forms.program_defaults import APPROACHES, DEADLINES, FOCUS_AREAS

from .. import clock
from ..extensions import db
from ..models import Program


def school_year_of(day: date) -> int:
    """The calendar year a school year starts in (July onwards is the new year)."""
    return day.year if day.month >= 7 else day.year - 1


def default_program(district_id: int, first_year: int) -> Program:
    """A program for the school year starting in `first_year`, with seed 000's deadlines."""
    def on(month: int, day: int) -> date:
        return date(first_year if month >= 7 else first_year + 1, month, day)

    program = Program(
        district_id=district_id,
        name=f"Partners in Practice {first_year}/{str(first_year + 1)[-2:]}",
        start_date=date(first_year, 8, 15), end_date=date(first_year + 1, 6, 30),
        focus_areas=list(FOCUS_AREAS), approaches=list(APPROACHES), rubric_indicators=[],
        release_days=3,
    )
    for key, month, day, _label in DEADLINES:
        setattr(program, f"{key}_deadline", on(month, day))
    return program


def current_program(district_id: int, today: date | None = None) -> Program | None:
    """The program whose year contains today, else the most recent one."""
    today = today or clock.today()
    query = select(Program).where(Program.district_id == district_id)
    running = db.session.scalar(query.where(Program.start_date <= today,
                                            Program.end_date >= today)
                                .order_by(Program.start_date.desc()))
    return running or db.session.scalar(query.order_by(Program.start_date.desc()))
