"""Step 4: the timeline (seed 003 "Set a timeline based on your approach")."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .fields import strip
from .program_defaults import CADENCES

# The standing meeting's day, as Python numbers them (Monday 0): school days first.
WEEKDAYS = [(0, _l("Monday")), (1, _l("Tuesday")), (2, _l("Wednesday")), (3, _l("Thursday")),
            (4, _l("Friday")), (5, _l("Saturday")), (6, _l("Sunday"))]


def _weekday(value) -> int | None:
    """The select's value as a weekday number; None for "no day chosen"."""
    return None if value in ("", None) else int(value)


class TimelineForm(FlaskForm):
    version = HiddenField()
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    cadence = RadioField(
        _l("We will meet"), validators=[Optional()],
        choices=[SelectChoice(key, label) for key, label in CADENCES],
        description=_l("Establish a standing meeting time."))
    meeting_weekday = SelectField(
        _l("Meeting day"), coerce=_weekday, validators=[Optional()],
        choices=[SelectChoice("", _l("No set day"))]
        + [SelectChoice(str(n), label) for n, label in WEEKDAYS],
        description=_l("Optional: the day of your standing meeting."))
    meeting_time = TimeField(
        _l("Meeting time"), format=["%H:%M", "%H:%M:%S"], validators=[Optional()],
        description=_l("Optional: when it starts, in your district's time zone. Your "
                       "calendar feed shows the meeting at this time, as often as you meet."))

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

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # A standing meeting is a day and a time: one without the other cannot go in a
        # calendar, so each asks for the other (unless it is wrong in itself already).
        day, start = self.meeting_weekday, self.meeting_time
        if day.data is not None and start.data is None and not start.errors:
            start.errors.append(_("Choose the time of the meeting too, or clear its day."))
        if start.data is not None and day.data is None and not day.errors:
            day.errors.append(_("Choose the day of the meeting too, or clear its time."))
        return valid and not (day.errors or start.errors)


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
