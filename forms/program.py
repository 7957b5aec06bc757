"""The district's program for a school year."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, IntegerField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .program_cycle import CyclePracticeFields
from .program_defaults import DEADLINES
from .program_reflection import ReflectionPracticeFields

INTRO_STEPS = ("objective", "partner", "approach", "timeline", "cycles", "reflection")


def _lines(text: str | list | None) -> list[str]:
    if isinstance(text, list):  # a field not posted keeps the program's own list
        return [item for item in text if item]
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ProgramForm(ReflectionPracticeFields, CyclePracticeFields, FlaskForm):
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
    interest_deadline = DateField(DEADLINES[0][3], validators=[DataRequired()])
    partner_deadline = DateField(DEADLINES[1][3], validators=[DataRequired()])
    goal_deadline = DateField(DEADLINES[2][3], validators=[DataRequired()])
    visits_deadline = DateField(DEADLINES[3][3], validators=[DataRequired()])
    reflection_deadline = DateField(DEADLINES[4][3], validators=[DataRequired()])
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
        start, end = self.start_date.data, self.end_date.data
        for key, *_ in DEADLINES:
            field = getattr(self, f"{key}_deadline")
            if start and end and field.data and not start <= field.data <= end:
                field.errors.append(_l("Choose a date within the program year."))
                valid = False
        if not _lines(self.focus_areas.data):
            self.focus_areas.errors.append(_l("List at least one area of focus."))
            valid = False
        return valid

    def words(self) -> dict:
        """The program's words as stored: step intros by step key, and the form title."""
        return {"intro": {key: (getattr(self, f"intro_{key}").data or "").strip()
                          for key in INTRO_STEPS},
                "visit_form_title": (self.visit_form_title.data or "").strip()}

    def list_values(self) -> dict[str, list[str]]:
        return {name: _lines(getattr(self, name).data)
                for name in ("focus_areas", "approaches", "rubric_indicators")}
