"""The program's deadlines next to a partnership: what is due, what is late."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from ..models import Partnership, Program
from ..models.program import ProgramDeadline as Deadline


def program_deadlines(program: Program) -> list[Deadline]:
    """The program's deadlines by date (none for a program whose partners set their own)."""
    return program.deadlines


def timeline_warnings(partnership: Partnership) -> list[str]:
    """Milestones and an end date after the program's last deadline (warnings, not errors)."""
    last = partnership.program.last_deadline()
    if last is None:
        return []
    warnings = []
    for milestone in partnership.milestones:
        if milestone.due_date > last.due:
            warnings.append(_after_last(last, milestone))
    if partnership.end_date and partnership.end_date > last.due:
        warnings.append(_after_last(last))
    return warnings


def _after_last(last, milestone=None) -> str:
    """Why a date is after the last deadline, in words (the reflection's own words when
    the last deadline is the final reflection, as Partners in Practice's is)."""
    day = last.due.isoformat()
    if last.kind == "reflections":
        if milestone is None:
            return _("Your end date is after the program's deadline to reflect and provide "
                     "evidence of impact (%(last)s).", last=day)
        return _("“%(title)s” is due %(due)s, after the program's deadline to reflect and "
                 "provide evidence of impact (%(last)s).", title=milestone.title,
                 due=milestone.due_date.isoformat(), last=day)
    if milestone is None:
        return _("Your end date is after the program's last deadline, “%(name)s” "
                 "(%(last)s).", name=last.name, last=day)
    return _("“%(title)s” is due %(due)s, after the program's last deadline, “%(name)s” "
             "(%(last)s).", title=milestone.title, due=milestone.due_date.isoformat(),
             name=last.name, last=day)


def upcoming(program: Program, today: date, count: int = 2) -> list[Deadline]:
    return [d for d in program_deadlines(program) if d.due >= today][:count]


# The step a deadline of each kind asks a partnership to have finished by then.
DEADLINE_STEPS = {"partner": "partner", "goal": "objective", "reflections": "reflection"}


def met_by(deadline: Deadline, partnership: Partnership, states: dict) -> bool | None:
    """Whether the partnership has done what the deadline asks: its step done, or its
    number of cycle entries logged; None for what each teacher does on their own (telling
    interest, visiting, a hand tick)."""
    from . import steps

    if deadline.kind in DEADLINE_STEPS:
        return states[DEADLINE_STEPS[deadline.kind]] == steps.DONE
    if deadline.kind == "cycle_entries":
        return partnership.cycle_count >= deadline.entries
    return None


def overdue(partnership: Partnership, today: date, facts=None) -> list[str]:
    """What is late: program deadlines the partnership has not met, and open milestones.
    `facts` (step_facts.StepFacts), when given, stands in for the partnership's texts."""
    from . import steps

    known = facts or partnership
    states = {step.key: state for step, state in steps.progress(known)}
    late = [d.name for d in program_deadlines(partnership.program)
            if d.due < today and met_by(d, known, states) is False]
    late += [_("Milestone: %(title)s", title=m.title) for m in partnership.milestones
             if not m.done and m.due_date < today]
    return late
