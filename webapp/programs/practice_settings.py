"""The settings of the practices a program has on (visits, growth-plan opt-out, check-ins,
cadence watch, the Instructional Target's wording), between the program and its form.
The weekly prompt, the principles, the stages and the learning targets have their own
(reflection_practices.py, cycle_practices.py)."""
from __future__ import annotations

import copy

from forms.program_settings import length_values

from ..models import Program

# Practice -> {form field: setting}.
FIELDS = {
    "visits": {"visits_lengths": "lengths",
               "visits_extra_need_approval": "extra_visits_need_approval",
               "visits_approver_title": "approver_title"},
    "growth_plan_opt_out": {"growth_min_years": "min_years", "growth_wording": "wording"},
    "checkins": {"checkins_interval_months": "interval_months"},
    "cadence_watch": {"cadence_max_days": "max_days"},
    "instructional_target": {"target_wording": "wording"},
    "matching": {"matching_low": "low", "matching_high": "high",
                 "matching_same_band": "same_band", "matching_same_subject": "same_subject",
                 "matching_shared_planning": "shared_planning"},
}


def _shown(value):
    if isinstance(value, list):  # lengths
        return ", ".join(f"{float(v):g}" for v in value)
    return value


def form_data(program: Program) -> dict:
    """The form's values from the program's settings (nothing for a practice that is off)."""
    data = {}
    for practice, fields in FIELDS.items():
        values = program.practice(practice)
        if values is not None:
            data.update({field: _shown(values.get(key)) for field, key in fields.items()})
    return data


def prepare(form, program: Program) -> None:
    form.shown_settings = frozenset(p for p in FIELDS if program.practice(p) is not None)


def store(program: Program, form, posted: bool) -> None:
    """Write the checked settings of the practices the form showed (not when the form was
    posted without them)."""
    shown = [p for p in form.shown_settings if p in (program.settings or {}).get("practices",
                                                                                  {})]
    if not posted or not shown:
        return
    settings = copy.deepcopy(program.settings)
    for practice in shown:
        values = settings["practices"][practice]
        for field, key in FIELDS[practice].items():
            data = getattr(form, field).data
            if key == "lengths":
                data = length_values(data)
            elif isinstance(data, str):
                data = data.strip()
            values[key] = data
    program.settings = settings
