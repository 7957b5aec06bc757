"""Turning a program's practices on and off on the program form (#9: "everything the model
sets can be changed afterwards for that year").

A practice turned on gets the values it had when it was last on this year, else those of
the first model that has it (its seed's). Turned off, its values are kept aside in
settings["practices_off"], so turning it back on loses no edit.
"""
from __future__ import annotations

import copy

from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from ..models import Program
from . import presets

LABELS = {
    "visits": _l("Classroom visits with release time (seed 000)"),
    "growth_plan_opt_out": _l("Growth-plan opt-out (seed 000)"),
    "weekly_reflections": _l("Weekly written reflections (seed 001)"),
    "principles": _l("Partnership principles (seed 001)"),
    "instructional_target": _l("The school's Instructional Target with look-fors (seed 001)"),
    "learning_targets": _l("Learning targets for principals, teachers and families (seed 002)"),
    "checkins": _l("Principal check-ins (seed 004)"),
    "cadence_watch": _l("Meeting cadence watch (seed 004)"),
    "focal_indicators": _l("Focal rubric indicators set by the principal (seed 004)"),
    "matching": _l("Matches suggested from observation-rubric scores (seed 004)"),
}


def choices() -> list[SelectChoice]:
    return [SelectChoice(name, LABELS[name]) for name in presets.PRACTICES]


def on(program: Program) -> list[str]:
    """The practices the program has on, in the form's order."""
    return [name for name in presets.PRACTICES if program.practice(name) is not None]


def defaults(name: str) -> dict:
    """A practice's values from the first model that has it."""
    for model in presets.MODELS.values() or presets.load_models().values():
        if name in model.practices:
            return copy.deepcopy(model.practices[name])
    raise KeyError(name)


def store(program: Program, wanted: list[str] | None) -> None:
    """Turn practices on and off as ticked (None: the form did not show the switches)."""
    if wanted is None:
        return
    wanted_set = set(wanted) & set(presets.PRACTICES)
    current = {name: program.practice(name) for name in on(program)}
    if set(current) == wanted_set and "practices" in (program.settings or {}):
        return
    settings = copy.deepcopy(program.settings or {})
    kept = settings.setdefault("practices_off", {})
    practices = {}
    for name in presets.PRACTICES:
        if name in wanted_set:
            values = current.get(name) or kept.pop(name, None) or defaults(name)
            if name == "visits":
                values.pop("release_days", None)  # the release_days column is the budget
                values["release_days"] = program.release_days
            practices[name] = values
        elif name in current:
            kept[name] = current[name]
    settings["practices"] = practices
    program.settings = settings
