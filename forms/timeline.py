"""Step 4: the timeline (seed 003 "Set a timeline based on your approach")."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .fields import strip
from .program_defaults import CADENCES


class TimelineForm(FlaskForm):
    version = HiddenField()
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    cadence = RadioField(
        _l("We will meet"), validators=[Optional()],
        choices=[SelectChoice(key, label) for key, label in CADENCES],
        description=_l("Establish a standing meeting time."))

    REQUIRED = ("start_date", "end_date", "cadence")

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    def validate_start_date(self, field):
        check_in_program_year(field, self.program)

    def validate_end_date(self, field):
        check_in_program_year(field, self.program)
        if field.data and self.start_date.data and field.data <= self.start_date.data:
            raise ValidationError(_l("The end date must come after the start date."))


class MilestoneForm(FlaskForm):
    title = StringField(_l("Milestone"), filters=[strip],
                        validators=[DataRequired(), Length(max=300)],
                        description=_l("For example: first peer observation, unit plan drafted."))
    due_date = DateField(_l("Due date"), validators=[DataRequired(
        _l("Enter the due date (a valid date)."))])

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    def validate_due_date(self, field):
        check_in_program_year(field, self.program)


def check_in_program_year(field, program) -> None:
    if program is not None and field.data and not program.contains(field.data):
        raise ValidationError(_l(
            "Choose a date within the program year (%(start)s to %(end)s).",
            start=program.start_date.isoformat(), end=program.end_date.isoformat()))
