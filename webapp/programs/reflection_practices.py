"""Seed 001's weekly reflection prompt and partnership principles on the program form:
read from the program's settings into the form, and back, only where the practice is on."""
from __future__ import annotations

import copy

from forms.program_reflection import principle_lines

from ..models import Program


def form_data(program: Program) -> dict:
    """The form's values from the program's settings (empty for a practice that is off)."""
    weekly = program.practice("weekly_reflections") or {}
    items = (program.practice("principles") or {}).get("items", [])
    return {"weekly_prompt": weekly.get("prompt", ""),
            "principles": "\n".join(f"{p['name']}: {p['meaning']}" for p in items)}


def prepare(form, program: Program) -> None:
    """Ask for (and check) only what the program has on."""
    form.has_weekly = program.practice("weekly_reflections") is not None
    form.has_principles = program.practice("principles") is not None


def store(program: Program, form) -> None:
    """Write the checked values into the program's settings (a new dict: JSON columns
    notice reassignment, not changes inside)."""
    if not (form.has_weekly or form.has_principles):
        return
    settings = copy.deepcopy(program.settings)
    practices = settings["practices"]
    if form.has_weekly:
        practices["weekly_reflections"]["prompt"] = form.weekly_prompt.data.strip()
    if form.has_principles:
        practices["principles"]["items"] = [
            {"name": name, "meaning": meaning}
            for _n, name, meaning in principle_lines(form.principles.data)]
    program.settings = settings
