"""The six steps, each one's state, and which one comes next. The server decides.

Each state reads a Partnership, or a StepFacts (step_facts.py) that answers the same
attributes from aggregate queries, for pages that list many partnerships."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask_babel import lazy_gettext as _l

from forms.program_defaults import OTHER_APPROACH

from ..models import Partnership

NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"
STATE_LABELS = {NOT_STARTED: _l("Not started"), IN_PROGRESS: _l("In progress"), DONE: _l("Done")}


def _objective(p: Partnership) -> str:
    fields = [p.focus_area, p.objective, p.student_goal, p.educator_goal, p.objective_source]
    return DONE if all(fields) else IN_PROGRESS if any(fields) else NOT_STARTED


def _partner(p: Partnership) -> str:
    return DONE if p.is_formed else IN_PROGRESS if p.pending_invitations else NOT_STARTED


def _approach(p: Partnership) -> str:
    fields = [p.approaches, p.approach_plan, p.communication_plan]
    if OTHER_APPROACH in (p.approaches or ()):
        fields.append(p.approach_other)  # "Other" counts once it is described
    return DONE if all(fields) else IN_PROGRESS if any(fields) else NOT_STARTED


def _timeline(p: Partnership) -> str:
    fields = [p.start_date, p.end_date, p.cadence]
    if all(fields):
        return DONE
    return IN_PROGRESS if any(fields) or p.milestones else NOT_STARTED


def _cycles(p: Partnership) -> str:
    if p.cycles_done and p.cycles:
        return DONE
    return IN_PROGRESS if p.cycles else NOT_STARTED


def _reflection(p: Partnership) -> str:
    if p.completed_at:
        return DONE
    return IN_PROGRESS if p.impact_evidence or p.reflection_started else NOT_STARTED


@dataclass(frozen=True)
class Step:
    key: str
    number: int
    title: str
    state: Callable[[Partnership], str]


STEPS = [
    Step("objective", 1, _l("Objective"), _objective),
    Step("partner", 2, _l("Partner"), _partner),
    Step("approach", 3, _l("Approach"), _approach),
    Step("timeline", 4, _l("Timeline"), _timeline),
    Step("cycles", 5, _l("Reflect – plan – act"), _cycles),
    Step("reflection", 6, _l("Final reflection"), _reflection),
]
BY_KEY = {step.key: step for step in STEPS}


def progress(partnership: Partnership) -> list[tuple[Step, str]]:
    return [(step, step.state(partnership)) for step in STEPS]


def next_step(partnership: Partnership) -> Step | None:
    """The first step that is not done; None once the partnership is complete."""
    return next((step for step, state in progress(partnership) if state != DONE), None)


def after(key: str) -> Step | None:
    index = STEPS.index(BY_KEY[key])
    return STEPS[index + 1] if index + 1 < len(STEPS) else None
