"""A program's deadlines: the rows of the program form, and the principal's hand tick."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, Form, HiddenField, IntegerField, SelectField,
                     StringField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from .fields import strip

# What completes a deadline, as the program form offers it (webapp/models/program.py
# COMPLETIONS); "cycle_entries" takes its number from the row's own field.
COMPLETION_CHOICES = [
    SelectChoice("interest", _l("The teacher tells of their interest")),
    SelectChoice("partner", _l("A partner is named")),
    SelectChoice("goal", _l("A common goal is agreed")),
    SelectChoice("visits", _l("A classroom visit is done")),
    SelectChoice("cycle_entries", _l("A number of cycle entries is logged")),
    SelectChoice("reflections", _l("The final reflection is submitted")),
    SelectChoice("manual", _l("The principal ticks it for each teacher")),
]


class DeadlineRowForm(Form):
    """One deadline on the program form; an empty row is no deadline. The program form
    checks a filled row (name, date in the year, a number for cycle entries)."""
    key = HiddenField()  # kept across saves: hand ticks refer to it; new rows get one
    title = StringField(_l("Name"), filters=[strip], validators=[Length(max=200)])
    due = DateField(_l("Date"), validators=[Optional()])
    completed_by = SelectField(_l("Completed when"), choices=COMPLETION_CHOICES,
                               default="manual")
    entries = IntegerField(_l("Number of cycle entries"), validators=[
        Optional(), NumberRange(min=1, max=100)],
        description=_l("Only for “A number of cycle entries is logged”."))
    remove = BooleanField(_l("Remove this deadline"))

    @property
    def blank(self) -> bool:
        typed = getattr(self.due, "raw_data", None) or [""]
        return not (self.title.data or self.due.data or typed[0].strip())

    def stored(self) -> dict:
        """The row as settings["deadlines"] keeps it (key filled in by the program form)."""
        kind = self.completed_by.data
        return {"key": self.key.data, "name": self.title.data, "date": self.due.data.isoformat(),
                "completed_by": f"cycle_entries:{self.entries.data}"
                if kind == "cycle_entries" else kind}


class DeadlineTickForm(FlaskForm):
    """The principal ticks a hand-completed deadline for one teacher, with the day."""
    class Meta:
        csrf = False  # the app-wide CSRF check guards the post (several on one page)

    done_on = DateField(_l("Done on"), validators=[DataRequired()])
