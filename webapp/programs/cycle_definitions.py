"""The cycles a partnership works through: one TOML file each in cycles/, loaded and
checked at start-up, like the program models (a new cycle is a new file).

A cycle has stages, each with a key, a name and its prompts (the questions its record
answers). A staged cycle (a learning team's five stages, the coaching cycle) moves a
team from stage to stage and round to round; an unstaged one (reflect – plan – act) has
a single stage whose every meeting answers all of it, with the log's own questions.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

CYCLES_DIR = Path(__file__).with_name("cycles")
DEFAULT_KEY = "reflect-plan-act"
_STAGE_KEY = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


class CycleError(ValueError):
    """A cycle file that cannot be used, with the file and key it is about."""


@dataclass(frozen=True)
class Stage:
    key: str
    name: str
    prompts: tuple[str, ...]

    def settings(self) -> dict:
        return {"key": self.key, "name": self.name, "prompts": list(self.prompts)}


@dataclass(frozen=True)
class Cycle:
    key: str
    name: str
    staged: bool
    stages: tuple[Stage, ...]
    step_title: str = ""  # step 5's short title in the wizard (the name when empty)

    def stage_settings(self) -> list[dict]:
        """The stages a program stores (and may reword): none for an unstaged cycle."""
        return [stage.settings() for stage in self.stages] if self.staged else []


CYCLES: dict[str, Cycle] = {}


def _fail(path: Path, key: str, message: str):
    raise CycleError(f"Cycle {path.name}: {key}: {message}")


def _text(path: Path, data: dict, key: str, where: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        _fail(path, where + key, "must be a non-empty string")
    return value.strip()


def _stage(path: Path, n: int, item) -> Stage:
    where = f"stages[{n}]."
    if not isinstance(item, dict):
        _fail(path, where[:-1], "must be a table with key, name and prompts")
    key = _text(path, item, "key", where)
    if not _STAGE_KEY.match(key):
        _fail(path, where + "key", f"{key!r}: lower-case letters, digits and dashes only")
    prompts = item.get("prompts")
    if not isinstance(prompts, list) or not prompts or not all(
            isinstance(p, str) and p.strip() for p in prompts):
        _fail(path, where + "prompts", "must list at least one non-empty question")
    return Stage(key, _text(path, item, "name", where), tuple(p.strip() for p in prompts))


def load_file(path: Path) -> Cycle:
    """One cycle file, checked; CycleError names the file and the key when it is broken."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CycleError(f"Cycle {path.name}: cannot be read: {error}") from error
    key = _text(path, data, "key")
    if key != path.stem:
        _fail(path, "key", f"{key!r} must match the file name {path.stem!r}")
    staged = data.get("staged")
    if not isinstance(staged, bool):
        _fail(path, "staged", "must be true or false")
    items = data.get("stages")
    if not isinstance(items, list) or not items:
        _fail(path, "stages", "must list at least one stage")
    stages = tuple(_stage(path, n, item) for n, item in enumerate(items))
    if len({s.key for s in stages}) != len(stages):
        _fail(path, "stages", "two stages have the same key")
    if staged and len(stages) < 2:
        _fail(path, "stages", "a staged cycle needs at least two stages")
    if not staged and len(stages) != 1:
        _fail(path, "stages", "an unstaged cycle has exactly one stage")
    step_title = _text(path, data, "step_title") if "step_title" in data else ""
    return Cycle(key, _text(path, data, "name"), staged, stages, step_title)


def load_cycles(folder: Path = CYCLES_DIR) -> dict[str, Cycle]:
    cycles = {c.key: c for c in map(load_file, sorted(folder.glob("*.toml")))}
    if DEFAULT_KEY not in cycles:
        raise CycleError(f"Cycles in {folder}: {DEFAULT_KEY}.toml is missing")
    return cycles


def init_app(app) -> None:
    """Load and check the cycles once, at start-up (before the models that name them)."""
    cycles = load_cycles(Path(app.config.get("CYCLES_DIR") or CYCLES_DIR))
    CYCLES.clear()
    CYCLES.update(cycles)


def cycle(key: str | None) -> Cycle:
    """The cycle of that key (reflect – plan – act for an unknown or empty key)."""
    if not CYCLES:
        CYCLES.update(load_cycles())
    return CYCLES.get(key or DEFAULT_KEY) or CYCLES[DEFAULT_KEY]
