"""The program's deadlines next to a partnership: what is due, what is late."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from forms.program_defaults import DEADLINES

from ..models import Partnership, Program


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    due: date


def program_deadlines(program: Program) -> list[Deadline]:
    """The program's dated deadlines (none for a program whose partners set their own)."""
    return [Deadline(key, str(label), program.deadline(key))
            for key, _m, _d, label in DEADLINES if key in program.deadline_keys]


def timeline_warnings(partnership: Partnership) -> list[str]:
    """Milestones and an end date after the program's last deadline (warnings, not errors)."""
    program = partnership.program
    if "reflection" not in program.deadline_keys:
        return []
    last = program.reflection_deadline
    warnings = []
    for milestone in partnership.milestones:
        if milestone.due_date > last:
            warnings.append(_("“%(title)s” is due %(due)s, after the program's deadline to "
                              "reflect and provide evidence of impact (%(last)s).",
                              title=milestone.title, due=milestone.due_date.isoformat(),
                              last=last.isoformat()))
    if partnership.end_date and partnership.end_date > last:
        warnings.append(_("Your end date is after the program's deadline to reflect and "
                          "provide evidence of impact (%(last)s).", last=last.isoformat()))
    return warnings


def upcoming(program: Program, today: date, count: int = 2) -> list[Deadline]:
    return [d for d in program_deadlines(program) if d.due >= today][:count]


# The step each program deadline asks to have finished by then.
DEADLINE_STEPS = {"partner": "partner", "goal": "objective", "reflection": "reflection"}


def overdue(partnership: Partnership, today: date) -> list[str]:
    """What is late: program deadlines whose step is not done, and open milestones."""
    from . import steps

    states = {step.key: state for step, state in steps.progress(partnership)}
    late = [d.label for d in program_deadlines(partnership.program)
            if d.key in DEADLINE_STEPS and d.due < today
            and states[DEADLINE_STEPS[d.key]] != steps.DONE]
    late += [_("Milestone: %(title)s", title=m.title) for m in partnership.milestones
             if not m.done and m.due_date < today]
    return late
