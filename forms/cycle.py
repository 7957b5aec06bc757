"""Step 5: reflect – plan – act entries (seed 003 "Engage in the learning")."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from webapp import clock

from .fields import long_text, strip


class CycleForm(FlaskForm):
    version = HiddenField()
    met_on = DateField(_l("Date we met"), validators=[DataRequired(
        _l("Enter the date you met (a valid date)."))])
    attendees = StringField(_l("Who attended"), filters=[strip],
                            validators=[Length(max=1000)])
    minutes = IntegerField(_l("Minutes met"), validators=[Optional(), NumberRange(min=1, max=1440)])
    reflected = long_text(_l("What we reflected on"))
    planned = long_text(_l("What we planned"))
    acted = long_text(_l("What we did (acted)"))
    evidence = long_text(_l("Evidence and notes on student work"))

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    # An entry records something that happened: at least one of these says what.
    CONTENT = ("reflected", "planned", "acted", "evidence")

    def validate_met_on(self, field):
        from .timeline import check_in_program_year

        check_in_program_year(field, self.program)
        if field.data and field.data > clock.today():
            raise ValidationError(_l("Log a meeting once it has happened: choose today or an "
                                     "earlier date."))

    def validate_reflected(self, field):
        # The message sits at the first of the four answers; any one of them will do.
        if not any((getattr(self, name).data or "").strip() for name in self.CONTENT):
            raise ValidationError(_l("Write what you reflected on, planned, did or noticed: "
                                     "an entry needs at least one of these four."))
