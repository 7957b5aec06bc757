"""A district's program for one school year: dates, deadlines and option lists."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import JSON, Column, Date, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .org import District, School

# The schools a program runs in; a program listing none runs in every school of its
# district (as every program did before programs per school).
program_school = Table(
    "program_school", db.metadata,
    Column("program_id", ForeignKey("program.id", ondelete="CASCADE"), primary_key=True),
    Column("school_id", ForeignKey("school.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)

# What completes a deadline (settings["deadlines"][n]["completed_by"]); "cycle_entries:<n>"
# is a number of entries logged in the teacher's partnership of the program.
COMPLETIONS = ("interest", "partner", "goal", "visits", "cycle_entries", "reflections",
               "manual")
# What a program from before program models does (Partners in Practice as it always was);
# release_days is left out: the column is that program's budget.
LEGACY_PRACTICES = {
    "visits": {"lengths": [0.5, 1.0], "extra_visits_need_approval": True,
               "approver_title": "Superintendent/CEO"},
    "growth_plan_opt_out": {"min_years": 3, "wording": ""},
    "checkins": {"interval_months": 2},
}
LEGACY_GROUP = {"min": 2, "max": 6}  # a pair or a small team, as before program models


class Program(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    focus_areas: Mapped[list[str]] = mapped_column(JSON, default=list)
    approaches: Mapped[list[str]] = mapped_column(JSON, default=list)
    rubric_indicators: Mapped[list[str]] = mapped_column(JSON, default=list)
    release_days: Mapped[int] = mapped_column(Integer, default=3)
    # The program model it started from (webapp/programs/models/), the words teachers see
    # (step intros by step key, visit_form_title) and the rest of the model's settings,
    # its deadlines among them (the one list of them: see Program.deadlines).
    model_key: Mapped[str] = mapped_column(String(100), default="partners-in-practice")
    words: Mapped[dict] = mapped_column(JSON, default=dict)
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    district: Mapped[District] = relationship()
    schools: Mapped[list[School]] = relationship(secondary=program_school,
                                                 order_by="School.name")

    def runs_in(self, school_id: int | None) -> bool:
        """Whether the program is the one for this school (every school when it lists
        none)."""
        return not self.schools or any(s.id == school_id for s in self.schools)

    @property
    def deadlines(self) -> list[ProgramDeadline]:
        """The program's own deadlines, any number (none: partners set their own timeline),
        by date: settings["deadlines"], each {"key", "name", "date": ISO, "completed_by"}."""
        listed = (self.settings or {}).get("deadlines") or []
        return sorted((ProgramDeadline(d["key"], d["name"], date.fromisoformat(d["date"]),
                                       d["completed_by"]) for d in listed),
                      key=lambda d: d.due)

    @property
    def deadline_keys(self) -> tuple[str, ...]:
        return tuple(d.key for d in self.deadlines)

    def deadline(self, key: str) -> date:
        """The date of the deadline of that key."""
        return next(d.due for d in self.deadlines if d.key == key)

    def last_deadline(self, kind: str | None = None) -> ProgramDeadline | None:
        """The latest deadline (of that completion kind), or None."""
        matching = [d for d in self.deadlines if kind is None or d.kind == kind]
        return matching[-1] if matching else None

    def practice(self, name: str) -> dict | None:
        """A practice's settings, or None when the program does not have it on. A program
        from before models (no "practices" in its settings) has Partners in Practice's.
        The visits budget is always the release_days column (kept in step on save)."""
        practices = (self.settings or {}).get("practices")
        values = LEGACY_PRACTICES.get(name) if practices is None else practices.get(name)
        if values is None:
            return None
        values = dict(values)
        if name == "visits":
            values["release_days"] = self.release_days
        return values

    @property
    def group_size(self) -> tuple[int, int]:
        """The fewest and most members a partnership of this program has."""
        group = (self.settings or {}).get("group") or LEGACY_GROUP
        return group["min"], group["max"]

    def step_title(self, step) -> str:
        """A wizard step's title for this program: step 5 is named after its staged cycle
        ("Five-stage cycle", "Coaching cycle"); reflect – plan – act keeps its own."""
        if step.key == "cycles" and self.cycle_stages:
            from ..programs.cycle_definitions import cycle
            found = cycle((self.settings or {}).get("cycle"))
            if found.staged:
                return found.step_title or found.name
        return str(step.title)

    @property
    def cycle_name(self) -> str:
        from ..programs.cycle_definitions import cycle  # that package imports this module
        return cycle((self.settings or {}).get("cycle")).name

    @property
    def cycle_stages(self) -> list[dict]:
        """The stages a team moves through ({"key", "name", "prompts"}), as the program
        words them; [] when its cycle has none (reflect – plan – act, programs from
        before models). A program without its own copy has its cycle file's."""
        settings = self.settings or {}
        if settings.get("cycle_stages"):
            return settings["cycle_stages"]
        from ..programs.cycle_definitions import cycle
        return cycle(settings.get("cycle")).stage_settings()

    @property
    def principal_forms_teams(self) -> bool:
        """Whether the principal forms teams at once (seed 002) rather than suggesting a
        match each teacher accepts."""
        return ((self.settings or {}).get("group") or {}).get("formed_by") == "principal"

    def contains(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date

    def _words(self) -> dict:
        """The program's words; its model's for a program not yet given its own."""
        if self.words:
            return self.words
        from ..programs.presets import model  # the models package imports this module
        return model(self.model_key).words()

    def intro(self, step: str) -> str:
        """The intro of a step in the program's own words (empty: none is shown)."""
        return self._words().get("intro", {}).get(step, "")

    @property
    def visit_form_title(self) -> str:
        return self._words().get("visit_form_title", "")


@dataclass(frozen=True)
class ProgramDeadline:
    key: str  # stable within the program: hand ticks (DeadlineTick) refer to it
    name: str
    due: date
    completed_by: str  # one of COMPLETIONS; "cycle_entries:<n>" with its number

    @property
    def kind(self) -> str:
        return self.completed_by.split(":")[0]

    @property
    def entries(self) -> int:
        """How many cycle entries complete a "cycle_entries:<n>" deadline (else 0)."""
        return int(self.completed_by.split(":")[1]) if self.kind == "cycle_entries" else 0
