"""Step 1: the objective (seed 003 "Identify an area of interest or learning focus")."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget
from wtforms.validators import Optional

from .fields import long_text
from .program_defaults import OBJECTIVE_SOURCES
from .target import look_for_label


class ObjectiveForm(FlaskForm):
    version = HiddenField()
    focus_area = SelectField(_l("Area of focus"), validators=[Optional()])
    # The school's Instructional Target (seed 001): choices only where there is one.
    look_fors = SelectMultipleField(
        _l("Look-fors we focus on"),
        description=_l("From your school's Instructional Target: tick the look-fors your "
                       "partnership will focus on."),
        option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False))
    rubric_indicators = SelectMultipleField(
        _l("Focal rubric indicator(s)"),
        description=_l("Optional: the indicators of the observation rubric you will focus on."))
    objective = long_text(_l("Our shared objective, in our own words"),
                          _l("What do you want to improve, refine, research or test together?"))
    student_goal = long_text(_l("Student learning goal"),
                             _l("What should students know or be able to do as a result?"))
    educator_goal = long_text(_l("Educator learning goal"),
                              _l("What do you, as teachers, want to learn?"))
    objective_source = RadioField(
        _l("Where does this objective come from?"),
        choices=[SelectChoice(key, label) for key, label in OBJECTIVE_SOURCES],
        validators=[Optional()])

    REQUIRED = ("focus_area", "objective", "student_goal", "educator_goal", "objective_source")

    def __init__(self, *args, program=None, look_fors=(), **kwargs):
        """look_fors: the target's look-fors a partnership may tick (targets.content)."""
        super().__init__(*args, **kwargs)
        self.look_fors.choices = [SelectChoice(item.id, look_for_label(item))
                                  for item in look_fors]
        areas = program.focus_areas if program else []
        self.focus_area.choices = [SelectChoice("", _l("Choose an area of focus"))] + [
            SelectChoice(area, area) for area in areas]
        indicators = program.rubric_indicators if program else []
        self.rubric_indicators.choices = [SelectChoice(i, i) for i in indicators]
        # The sources the program lists (every one for a program from before models).
        listed = ((program.settings or {}).get("objective_sources") if program else None) \
            or [key for key, _label in OBJECTIVE_SOURCES]
        self.objective_source.choices = [SelectChoice(key, label)
                                         for key, label in OBJECTIVE_SOURCES if key in listed]
