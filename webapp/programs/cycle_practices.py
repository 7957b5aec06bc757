"""The program form's cycle stages and learning targets: read from the program's settings
into the form, and back, only where the program has them."""
from __future__ import annotations

import copy

from flask import request

from forms.program_cycle import prompt_lines

from ..models import Program

TARGETS = ("principals", "teachers", "parents_community")


def form_data(program: Program) -> dict:
    targets = program.practice("learning_targets") or {}
    return {f"target_{key}": targets.get(key, "") for key in TARGETS}


def prepare(form, program: Program) -> None:
    """Ask for (and check) only what the program has: its stages, its learning targets."""
    stages = program.cycle_stages
    form.has_stages = bool(stages)
    form.has_learning_targets = program.practice("learning_targets") is not None
    if stages and not any(name.startswith("cycle_stage_rows-") for name in request.form):
        form.cycle_stage_rows.process(None, [
            {"name": s["name"], "prompts": "\n".join(s["prompts"])} for s in stages])


def store(program: Program, form) -> None:
    """Write the checked values into the program's settings (a new dict, for the JSON
    column). Each stage keeps its key; a stage with no row posted stays as it was."""
    if not (form.has_stages or form.has_learning_targets):
        return
    settings = copy.deepcopy(program.settings or {})
    if form.has_stages:
        stages = copy.deepcopy(program.cycle_stages)
        for stage, row in zip(stages, form.cycle_stage_rows):
            stage["name"] = row.form.name.data
            stage["prompts"] = prompt_lines(row.form.prompts.data)
        settings["cycle_stages"] = stages
    if form.has_learning_targets:
        settings["practices"]["learning_targets"] = {
            key: getattr(form, f"target_{key}").data or "" for key in TARGETS}
    program.settings = settings
