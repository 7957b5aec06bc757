"""What a target holds and how a save changes it; which look-fors a partnership chose.

Look-for ids are stable: a row that keeps its id keeps the partnerships that chose it,
whatever its words become. A removed look-for's last words stay in `retired`, so a
partnership that chose it still reads it, marked as no longer in the target.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from forms.target import MAX_FOCUS_AREAS, MAX_LOOK_FORS, TargetForm, look_for_label

from ..extensions import db
from ..models import InstructionalTarget, Partnership, Program, School

PRACTICE = "instructional_target"
BLANK_AREAS, BLANK_LOOK_FORS = 1, 2  # empty rows offered for new entries
MIN_AREAS, MIN_LOOK_FORS = 4, 4  # a reasonable one-page target: 4 areas of 4 look-fors


@dataclass(frozen=True)
class LookFor:
    id: str
    text: str
    focus_area: str
    current: bool  # False: removed from the target since it was chosen


def has_practice(program: Program | None) -> bool:
    return program is not None and program.practice(PRACTICE) is not None


def target_of(school_id: int | None, program: Program | None) -> InstructionalTarget | None:
    """The school's target for the program, if the program has the practice and one exists."""
    if school_id is None or not has_practice(program):
        return None
    return db.session.scalar(select(InstructionalTarget).where(
        InstructionalTarget.school_id == school_id,
        InstructionalTarget.program_id == program.id))


def target_for_partnership(partnership: Partnership) -> InstructionalTarget | None:
    return target_of(partnership.school_id, partnership.program)


def is_written(target: InstructionalTarget | None) -> bool:
    return target is not None and bool(target.vision or target.focus_areas)


def programs_for_school(school: School) -> list[Program]:
    """The district's programs with the practice that run in `school`, latest first."""
    programs = db.session.scalars(select(Program).where(
        Program.district_id == school.district_id).order_by(Program.start_date.desc()))
    return [p for p in programs if has_practice(p) and p.runs_in(school.id)]


# --- the edit form ------------------------------------------------------------------------

def form_for(target: InstructionalTarget) -> TargetForm:
    """The edit form filled with the target, with blank rows to add to it."""
    form = TargetForm(formdata=None)
    form.target_version.data = str(target.version)
    form.vision.data = target.vision
    areas = list(target.focus_areas or [])
    rows = min(MAX_FOCUS_AREAS, max(MIN_AREAS, len(areas) + BLANK_AREAS))
    for n in range(rows):
        area = areas[n] if n < len(areas) else {"title": "", "look_fors": []}
        entry = form.focus_areas.append_entry()
        entry.form.title.data = area["title"]
        items = area["look_fors"]
        slots = min(MAX_LOOK_FORS, max(MIN_LOOK_FORS, len(items) + BLANK_LOOK_FORS))
        for m in range(slots):
            row = entry.form.look_fors.append_entry()
            if m < len(items):
                row.form.id.data, row.form.text.data = items[m]["id"], items[m]["text"]
    return form


def submitted(form: TargetForm) -> dict:
    """The form's target as plain data, blank rows dropped: {"vision", "focus_areas"}."""
    areas = []
    for entry in form.focus_areas:
        title = entry.form.title.data or ""
        items = [{"id": row.form.id.data or "", "text": row.form.text.data}
                 for row in entry.form.look_fors if row.form.text.data]
        if title or items:
            areas.append({"title": title, "look_fors": items})
    return {"vision": form.vision.data or "", "focus_areas": areas}


def apply(target: InstructionalTarget, values: dict) -> None:
    """Write submitted values: known ids kept, new rows given fresh ones, removed rows
    retired with their last words."""
    known = target.look_fors()
    before = {key: item for key, item in known.items() if item["current"]}
    next_id, used, areas = target.next_id or 1, set(), []
    for area in values["focus_areas"]:
        items = []
        for item in area["look_fors"]:
            key = item["id"]
            if key not in known or key in used:
                key, next_id = f"lf{next_id}", next_id + 1
            used.add(key)
            items.append({"id": key, "text": item["text"]})
        areas.append({"title": area["title"], "look_fors": items})
    retired = {key: value for key, value in (target.retired or {}).items() if key not in used}
    for key, item in before.items():
        if key not in used:
            retired[key] = {"text": item["text"], "focus_area": item["focus_area"]}
    target.vision, target.focus_areas = values["vision"], areas
    target.retired, target.next_id = retired, next_id


# --- look-fors of a partnership ----------------------------------------------------------

def look_fors(target: InstructionalTarget | None, ids: list[str] | None) -> list[LookFor]:
    """The look-fors with these ids in the target's order, removed ones last."""
    if target is None or not ids:
        return []
    known, wanted = target.look_fors(), set(ids)
    current = [item["id"] for area in target.focus_areas or [] for item in area["look_fors"]]
    order = current + [key for key in known if key not in set(current)]
    return [LookFor(key, known[key]["text"], known[key]["focus_area"], known[key]["current"])
            for key in order if key in wanted]


def chosen(partnership: Partnership) -> list[LookFor]:
    """The look-fors the partnership focuses on."""
    return look_fors(target_for_partnership(partnership), partnership.look_fors)


def choices(target: InstructionalTarget | None, kept: list[str] | None) -> list[LookFor]:
    """What a partnership may tick: the target's look-fors, and any it chose that were
    removed since (so a save does not drop them unseen)."""
    if target is None:
        return []
    current = [LookFor(item["id"], item["text"], area["title"], True)
               for area in target.focus_areas or [] for item in area["look_fors"]]
    return current + [item for item in look_fors(target, kept) if not item.current]


# --- look-fors seen at a meeting ---------------------------------------------------------

def offer_look_fors(form, partnership: Partnership, seen: list[str] | None = None) -> None:
    """Give a cycle entry's form its "look-fors we saw" choices: the partnership's focus
    (the whole target when it chose none), and any the entry marked before."""
    from wtforms.fields.choices import SelectChoice

    target = target_for_partnership(partnership)
    if target is None:
        return
    kept = list(seen or [])
    focus = list(partnership.look_fors or [])
    items = look_fors(target, focus + kept) if focus else choices(target, kept)
    form.look_fors_seen.choices = [SelectChoice(item.id, look_for_label(item))
                                   for item in items]


def seen(entry) -> list[LookFor]:
    """The look-fors a cycle entry marked as seen."""
    return look_fors(target_for_partnership(entry.partnership), entry.look_fors_seen)
