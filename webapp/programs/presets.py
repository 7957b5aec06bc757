"""The program models: one TOML file each in models/, loaded and checked at start-up.

A model is what a new program year starts from (its name, words, deadlines, practices and
lists). What differs between programs is read from these files, so a sixth model is a
new file. A broken file stops the app with a message naming the file and the key.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import cycle_definitions

MODELS_DIR = Path(__file__).with_name("models")
DEFAULT_KEY = "partners-in-practice"
STEP_KEYS = ("objective", "partner", "approach", "timeline", "cycles", "reflection")
COMPLETIONS = ("interest", "partner", "goal", "visits", "reflections", "manual")
FORMED_BY = ("teachers", "principal")
OBJECTIVE_SOURCES = ("own", "class", "plc", "building", "district")
# Each practice's settings and their types; a practice present in the file is on.
PRACTICES = {
    "visits": {"release_days": int, "lengths": list, "extra_visits_need_approval": bool,
               "approver_title": str},
    "growth_plan_opt_out": {"min_years": int, "wording": str},
    "weekly_reflections": {"prompt": str},
    "checkins": {"interval_months": int},
    "cadence_watch": {"max_days": int},
    "focal_indicators": {"set_by": str},
    "principles": {"items": list},
    "instructional_target": {"wording": str},
    "learning_targets": {"principals": str, "teachers": str, "parents_community": str},
    # Suggested matches from rubric scores (#11): a score at or below `low` is a growth
    # area, at or above `high` a strength; the preferences' weights in tenths of a point.
    "matching": {"low": int, "high": int, "same_band": int, "same_subject": int,
                 "shared_planning": int},
}
LISTS = ("focus_areas", "approaches", "objective_sources", "rubric_indicators")
_MONTH_DAY = re.compile(r"^(\d\d)-(\d\d)$")
_CYCLE_ENTRIES = re.compile(r"^cycle_entries:[1-9]\d*$")


class ModelError(ValueError):
    """A model file that cannot be used, with the file and key it is about."""


@dataclass(frozen=True)
class Deadline:
    key: str
    name: str
    month: int
    day: int
    completed_by: str


@dataclass(frozen=True)
class Model:
    key: str
    name: str
    seed: str
    order: int
    start: tuple[int, int]
    end: tuple[int, int]
    cycle: str
    group_min: int
    group_max: int
    intros: dict[str, str]
    visit_form_title: str
    deadlines: tuple[Deadline, ...]
    practices: dict[str, dict] = field(default_factory=dict)
    lists: dict[str, list] = field(default_factory=dict)
    # Who forms a partnership: teachers invite each other (a principal may suggest a
    # match), or the principal forms the team at once (seed 002's learning teams).
    formed_by: str = "teachers"

    @property
    def label(self) -> str:
        """The name with its seed program, for choosing a model."""
        return f"{self.name} ({self.seed})"

    def words(self) -> dict:
        """The words a new program stores: step intros by step key, and the form title."""
        return {"intro": dict(self.intros), "visit_form_title": self.visit_form_title}

    def settings(self) -> dict:
        """The rest of the model a new program stores for later use."""
        settings = {
            "deadlines": [{"key": d.key, "name": d.name, "date": f"{d.month:02d}-{d.day:02d}",
                           "completed_by": d.completed_by} for d in self.deadlines],
            "group": {"min": self.group_min, "max": self.group_max,
                      "formed_by": self.formed_by},
            "cycle": self.cycle,
            "practices": {name: dict(values) for name, values in self.practices.items()},
            "objective_sources": list(self.lists["objective_sources"]),
        }
        # A staged cycle's stages, for the district to reword for its year (an unstaged
        # cycle has none to copy: its settings stay as they were before cycles were data).
        stages = cycle_definitions.cycle(self.cycle).stage_settings()
        if stages:
            settings["cycle_stages"] = stages
        return settings

    def on(self, month_day: tuple[int, int], first_year: int) -> date:
        """A month-day in the school year starting in `first_year` (July onwards)."""
        month, day = month_day
        return date(first_year if month >= 7 else first_year + 1, month, day)


MODELS: dict[str, Model] = {}


class _File:
    """Reads one model file's values, failing with the file name and the key."""

    def __init__(self, path: Path, data: dict):
        self.path, self.data = path, data

    def fail(self, key: str, message: str):
        raise ModelError(f"Program model {self.path.name}: {key}: {message}")

    def get(self, key: str, kind: type, within: dict | None = None, prefix: str = ""):
        source = self.data if within is None else within
        name = f"{prefix}{key}"
        if key not in source:
            self.fail(name, "missing")
        value = source[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(name, f"must be {kind.__name__}, not {type(value).__name__}")
        if kind is str and not value.strip() and key not in ("approver_title",):
            self.fail(name, "must not be empty")
        return value

    def month_day(self, key: str, value: str) -> tuple[int, int]:
        match = _MONTH_DAY.match(value)
        try:
            month, day = int(match[1]), int(match[2])
            date(2024, month, day)  # a leap year: 02-29 is allowed (moved to 28)
        except (TypeError, ValueError):
            self.fail(key, f"{value!r} is not a month-day like \"09-30\"")
        return month, day


def _deadlines(f: _File) -> tuple[Deadline, ...]:
    result = []
    for n, item in enumerate(f.get("deadlines", list)):
        where = f"deadlines[{n}]."
        if not isinstance(item, dict):
            f.fail(f"deadlines[{n}]", "must be a table")
        completed_by = f.get("completed_by", str, item, where)
        if completed_by not in COMPLETIONS and not _CYCLE_ENTRIES.match(completed_by):
            f.fail(where + "completed_by", f"{completed_by!r} is not one of "
                   f"{', '.join(COMPLETIONS)} or cycle_entries:<n>")
        result.append(Deadline(f.get("key", str, item, where), f.get("name", str, item, where),
                               *f.month_day(where + "date", f.get("date", str, item, where)),
                               completed_by))
    if len({d.key for d in result}) != len(result):
        f.fail("deadlines", "two deadlines have the same key")
    return tuple(result)


def _practices(f: _File) -> dict[str, dict]:
    practices = f.data.get("practices", {})
    if not isinstance(practices, dict):
        f.fail("practices", "must be a table")
    for name, values in practices.items():
        if name not in PRACTICES:
            f.fail(f"practices.{name}", f"unknown practice (known: {', '.join(PRACTICES)})")
        if not isinstance(values, dict):
            f.fail(f"practices.{name}", "must be a table")
        for key, kind in PRACTICES[name].items():
            f.get(key, kind, values, f"practices.{name}.")
    for n, item in enumerate(practices.get("principles", {}).get("items", [])):
        where = f"practices.principles.items[{n}]."
        if not isinstance(item, dict):
            f.fail(where[:-1], "must be a table with name and meaning")
        f.get("name", str, item, where)
        f.get("meaning", str, item, where)
    return practices


def _lists(f: _File) -> dict[str, list]:
    lists = f.get("lists", dict)
    for name in LISTS:
        values = f.get(name, list, lists, "lists.")
        if not all(isinstance(v, str) and v.strip() for v in values):
            f.fail(f"lists.{name}", "must hold only non-empty strings")
    if not lists["focus_areas"]:
        f.fail("lists.focus_areas", "must list at least one area of focus")
    unknown = set(lists["objective_sources"]) - set(OBJECTIVE_SOURCES)
    if unknown:
        f.fail("lists.objective_sources", f"unknown {sorted(unknown)} "
               f"(known: {', '.join(OBJECTIVE_SOURCES)})")
    return {name: list(lists[name]) for name in LISTS}


def load_file(path: Path) -> Model:
    """One model file, checked; ModelError names the file and the key when it is broken."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ModelError(f"Program model {path.name}: cannot be read: {error}") from error
    f = _File(path, data)
    key = f.get("key", str)
    if key != path.stem:
        f.fail("key", f"{key!r} must match the file name {path.stem!r}")
    cycle = f.get("cycle", str)
    if cycle not in _cycles():
        f.fail("cycle", f"{cycle!r} is not one of {', '.join(_cycles())} (cycles/*.toml)")
    group = f.get("group", dict)
    low, high = f.get("min", int, group, "group."), f.get("max", int, group, "group.")
    if not 2 <= low <= high:
        f.fail("group", "needs 2 <= min <= max")
    formed_by = group.get("formed_by", "teachers")
    if formed_by not in FORMED_BY:
        f.fail("group.formed_by", f"{formed_by!r} is not one of {', '.join(FORMED_BY)}")
    words = f.get("words", dict)
    intros = f.get("intro", dict, words, "words.")
    if set(intros) != set(STEP_KEYS):
        f.fail("words.intro", f"needs exactly the steps {', '.join(STEP_KEYS)}")
    for step in STEP_KEYS:
        f.get(step, str, intros, "words.intro.")
    return Model(
        key=key, name=f.get("name", str), seed=f.get("seed", str), order=f.get("order", int),
        start=f.month_day("start", f.get("start", str)),
        end=f.month_day("end", f.get("end", str)), cycle=cycle, group_min=low, group_max=high,
        formed_by=formed_by,
        intros={step: intros[step] for step in STEP_KEYS},
        visit_form_title=f.get("visit_form_title", str, words, "words."),
        deadlines=_deadlines(f), practices=_practices(f), lists=_lists(f))


def _cycles() -> dict:
    if not cycle_definitions.CYCLES:
        cycle_definitions.CYCLES.update(cycle_definitions.load_cycles())
    return cycle_definitions.CYCLES


def load_models(folder: Path = MODELS_DIR) -> dict[str, Model]:
    """Every model file in `folder`, by key in their order; the default must be there."""
    loaded = sorted(map(load_file, folder.glob("*.toml")), key=lambda m: (m.order, m.key))
    models = {model.key: model for model in loaded}
    if DEFAULT_KEY not in models:
        raise ModelError(f"Program models in {folder}: {DEFAULT_KEY}.toml is missing")
    return models


def init_app(app) -> None:
    """Load and check the models once, at start-up (a broken file stops the app)."""
    cycle_definitions.init_app(app)  # the models name their cycle
    folder = Path(app.config.get("PROGRAM_MODELS_DIR") or MODELS_DIR)
    models = load_models(folder)
    MODELS.clear()
    MODELS.update(models)


def model(key: str | None) -> Model:
    """The model of that key (Partners in Practice for an unknown or empty key)."""
    if not MODELS:
        MODELS.update(load_models())
    return MODELS.get(key or DEFAULT_KEY) or MODELS[DEFAULT_KEY]
