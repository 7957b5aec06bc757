"""The district's program for a school year."""
import re
import secrets

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, FieldList, FormField, HiddenField, IntegerField,
                     RadioField, SelectMultipleField, StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .deadline import DeadlineRowForm
from .program_defaults import OBJECTIVE_SOURCES
from .program_cycle import CyclePracticeFields
from .program_reflection import ReflectionPracticeFields
from .program_settings import PracticeSettingFields

INTRO_STEPS = ("objective", "partner", "approach", "timeline", "cycles", "reflection")
EMPTY_DEADLINE_ROWS = 2  # at the end of the list, to add deadlines without JavaScript


def deadline_rows_data(deadlines) -> list[dict]:
    """The program's deadlines as the form's rows, then empty ones to add more."""
    rows = [{"key": d.key, "title": d.name, "due": d.due, "completed_by": d.kind,
             "entries": d.entries or None} for d in deadlines]
    return rows + [{} for _n in range(EMPTY_DEADLINE_ROWS)]


def new_deadline_key(name: str) -> str:
    """A key for a new deadline: its name's words and a random part (never reused)."""
    slug = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")[:40] or "deadline"
    return f"{slug}-{secrets.token_hex(3)}"


def _lines(text: str | list | None) -> list[str]:
    if isinstance(text, list):  # a field not posted keeps the program's own list
        return [item for item in text if item]
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ProgramForm(ReflectionPracticeFields, CyclePracticeFields, PracticeSettingFields,
                  FlaskForm):
    name = StringField(_l("Program name"), validators=[DataRequired(), Length(max=200)],
                       description=_l("For example: Partners in Practice 2026/27"))
    start_date = DateField(_l("First day of the program year"), validators=[DataRequired()])
    end_date = DateField(_l("Last day of the program year"), validators=[DataRequired()])
    # Choices are the district's schools (the view sets them).
    schools = SelectMultipleField(
        _l("Schools that run this program"), coerce=int, widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("Tick none for every school of the district. A school that runs "
                       "another program this year is ticked there."))
    # The practices on this year (the view sets the choices); shown only when posted with
    # practices_shown, so a post without them keeps the program's own.
    practices_on = SelectMultipleField(
        _l("Practices this program has"), widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(), validators=[Optional()],
        description=_l("A practice turned on starts from its seed's settings (or yours from "
                       "earlier this year); save, then adjust them below."))
    practices_shown = HiddenField(default="1")
    # Where objectives may come from (seed 000's five), and the cycle partnerships work
    # through; choices set by the view. Not posted: the program's own.
    objective_sources = SelectMultipleField(
        _l("Where objectives may come from"), widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(), validators=[Optional()],
        choices=[SelectChoice(key, label) for key, label in OBJECTIVE_SOURCES],
        description=_l("Teachers say where their objective comes from in step 1."))
    objective_sources_shown = HiddenField()
    cycle = RadioField(_l("The cycle partnerships work through"), validators=[Optional()])
    # Who is in a partnership (the model's [group]); not posted: the program's own.
    group_min = IntegerField(_l("Fewest members of a partnership"),
                             validators=[Optional(), NumberRange(min=2, max=30)])
    group_max = IntegerField(_l("Most members of a partnership"),
                             validators=[Optional(), NumberRange(min=2, max=30)],
                             description=_l("2 and 2 for pairs; up to 8, say, for teams."))
    formed_by = RadioField(_l("Who forms partnerships"), validators=[Optional()], choices=[
        SelectChoice("teachers", _l("Teachers invite each other (the principal may suggest "
                                    "a match that each teacher accepts)")),
        SelectChoice("principal", _l("The principal forms teams at once"))])
    # The program's deadlines, any number: one row each, then empty rows to add more (not
    # named "deadlines": the form must not read the program's own list as its data).
    deadline_rows = FieldList(FormField(DeadlineRowForm), label=_l("Deadline"))
    focus_areas = TextAreaField(_l("Areas of focus"), validators=[Length(max=20_000)],
                                description=_l("One per line. Teachers choose one in step 1."))
    approaches = TextAreaField(_l("Approaches"), validators=[Length(max=20_000)],
                               description=_l("One per line. Teachers may also describe "
                                              "another approach of their own."))
    rubric_indicators = TextAreaField(
        _l("Focal rubric indicators"), validators=[Length(max=20_000)],
        description=_l("Optional. One per line, e.g. from your observation rubric. "
                       "Leave empty to hide this question."))
    release_days = IntegerField(_l("Release days per teacher"), default=3,
                                validators=[NumberRange(min=0, max=30)])
    # The words teachers see: each step's intro and the visit form's title (the model's at
    # first; the view fills them from program.words).
    intro_objective = TextAreaField(_l("Step 1, Objective"), validators=[Length(max=2000)])
    intro_partner = TextAreaField(_l("Step 2, Partner"), validators=[Length(max=2000)])
    intro_approach = TextAreaField(_l("Step 3, Approach"), validators=[Length(max=2000)])
    intro_timeline = TextAreaField(_l("Step 4, Timeline"), validators=[Length(max=2000)])
    intro_cycles = TextAreaField(_l("Step 5, Reflect – plan – act"), validators=[Length(max=2000)])
    intro_reflection = TextAreaField(_l("Step 6, Final reflection"),
                                     validators=[Length(max=2000)])
    visit_form_title = StringField(_l("Title of the classroom visit form"),
                                   validators=[DataRequired(), Length(max=200)],
                                   description=_l("Printed on the form and shown on the visit pages."))
    # Asked only when the dates overlap another year of the same program (the view checks).
    confirm_overlap = BooleanField(_l("Create it anyway"))

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data <= self.start_date.data:
            raise ValidationError(_l("The last day must come after the first day."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        valid = self._check_deadline_rows() and valid
        low, high = self.group_min.data, self.group_max.data
        if low is not None and high is not None and high < low:
            self.group_max.errors.append(_l("The most members cannot be fewer than the "
                                            "fewest."))
            valid = False
        if not _lines(self.focus_areas.data):
            self.focus_areas.errors.append(_l("List at least one area of focus."))
            valid = False
        return valid

    def _check_deadline_rows(self) -> bool:
        """Each filled row needs a name, a date within the program year, and a number for
        cycle entries; an empty row or one ticked for removal is left out (its errors
        too). Whether the rows are fine; every other field keeps its own verdict."""
        start, end = self.start_date.data, self.end_date.data
        for row in self.deadline_rows:
            if row.remove.data or row.blank:
                for sub in row:
                    sub.errors = []
                continue
            if not row.title.data:
                row.title.errors.append(_l("Name the deadline (or clear its date to leave "
                                          "the row out)."))
            if row.due.data is None and not row.due.errors:
                row.due.errors.append(_l("Give the deadline a date."))
            elif row.due.data and start and end and not start <= row.due.data <= end:
                row.due.errors.append(_l("Choose a date within the program year."))
            if row.completed_by.data != "cycle_entries":
                row.entries.errors = []  # the number is only read for cycle entries
            elif not row.entries.data and not row.entries.errors:
                row.entries.errors.append(_l("Say how many cycle entries complete it."))
        failed = [row.errors for row in self.deadline_rows if row.errors]
        self.deadline_rows.errors = failed
        return not failed

    def deadline_list(self, keys_in_use: set[str]) -> list[dict]:
        """The kept rows as settings["deadlines"], by date. A row keeps its key when it is
        one of the program's (`keys_in_use`); a new row gets a fresh one, never an old
        deadline's, so that hand ticks of a removed deadline stay with it."""
        kept, taken = [], set()
        for row in self.deadline_rows:
            if row.remove.data or row.blank:
                continue
            if row.key.data not in keys_in_use or row.key.data in taken:
                row.key.data = new_deadline_key(row.title.data)
            taken.add(row.key.data)
            kept.append(row.stored())
        return sorted(kept, key=lambda d: d["date"])

    def add_deadline_rows(self, count: int = 2) -> None:
        for _n in range(count):
            self.deadline_rows.append_entry()

    def words(self) -> dict:
        """The program's words as stored: step intros by step key, and the form title."""
        return {"intro": {key: (getattr(self, f"intro_{key}").data or "").strip()
                          for key in INTRO_STEPS},
                "visit_form_title": (self.visit_form_title.data or "").strip()}

    def list_values(self) -> dict[str, list[str]]:
        return {name: _lines(getattr(self, name).data)
                for name in ("focus_areas", "approaches", "rubric_indicators")}
