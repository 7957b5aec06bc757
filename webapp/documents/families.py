"""The families' summary (seed 002): one page on a school's learning teams for parents and
community members. The program's learning target for them, the cycle the teams work
through, and each team's focus and stage: no names, no notes, nothing a team wrote.

The context has the common keys (see context.py) without signatures, plus

    teams   {"heading", "columns": {"focus", "stage"}, "rows": [{"focus", "stage"}], "empty"}
"""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from ..models import Partnership, Program, School
from ..partnerships import step_facts, steps
from .context import _heading, _section
from .text import clean

TITLE = _l("Our learning teams: a summary for families")
# Only what this page prints (no signature lines, no document id: it is not a record).
WORDS = ("generated_on", "page", "of")


def families_summary(school: School, program: Program, teams: list[Partnership],
                     today: date | None = None) -> dict:
    """The summary of `teams` (the school's formed partnerships of `program`)."""
    heading = _heading("families_summary", TITLE, program.district, school.name, today,
                       f"{TITLE} - {school.name}", clean(school.name), [])
    heading["words"] = {key: heading["words"][key] for key in WORDS}
    targets = program.practice("learning_targets") or {}
    sections = []
    if targets.get("parents_community"):
        sections.append(_section("", [{
            "label": str(_l("Our learning target for parents and community members")),
            "help": "", "value": clean(targets["parents_community"])}]))
    stages = program.cycle_stages
    if stages:
        lines = [f"{n}. {clean(s['name'])}" for n, s in enumerate(stages, 1)]
        lines.append(str(_l("Then the team starts a new round with its students' new data.")))
        sections.append(_section(_l("How a learning team works"), [{
            "label": clean(program.cycle_name), "help": "", "value": "\n".join(lines)}]))
    facts = step_facts.facts_for([p.id for p in teams])  # not each team's every entry
    rows = [{"focus": clean(p.focus_area) or str(_l("Focus not chosen yet")),
             "stage": where_the_team_is(p, facts.get(p.id))} for p in teams]
    return {
        **heading,
        "sections": sections,
        "teams": {
            "heading": str(_l("Our learning teams")),
            "columns": {"focus": str(_l("Focus")), "stage": str(_l("Where the team is now"))},
            "rows": rows,
            "empty": "" if rows else str(_l("No learning team has started yet.")),
        },
    }


def where_the_team_is(partnership: Partnership, facts=None) -> str:
    """The team's stage in its cycle (or its step, without stages), in a few words;
    `facts` (step_facts) stand in for the partnership's texts when given."""
    if partnership.completed_at:
        return str(_l("Completed its work for the year"))
    position = partnership.stage_position
    if position is not None:
        return str(_l("Round %(round)d, stage %(number)d of %(total)d: %(name)s",
                      round=position.round, number=position.number, total=position.total,
                      name=clean(position.stage["name"])))
    step = steps.next_step(facts or partnership)
    return clean(partnership.program.step_title(step)) if step else ""
