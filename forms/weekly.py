"""A member's weekly written reflection (seed 001) and the principle it may reflect on."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms import BooleanField, HiddenField, RadioField
from wtforms.validators import ValidationError

from .fields import long_text

NO_PRINCIPLE = _l("None this week")


class WeeklyReflectionForm(FlaskForm):
    version = HiddenField()
    principle = RadioField(_l("A partnership principle to reflect on (optional)"),
                           choices=[SelectChoice("", NO_PRINCIPLE)], default="")
    text = long_text(_l("Your reflection this week"))
    shared = BooleanField(_l("Share this reflection with my partners"),
                          description=_l("Unticked, only you can read it. Your principal "
                                         "never sees your weekly reflections."))

    def __init__(self, *args, prompt: str = "", principles=(), kept: str = "", **kwargs):
        """`prompt`: the program's question, shown with the answer; `principles`: the
        program's (name, meaning) items; `kept`: a principle chosen earlier that the
        program no longer lists (still a valid answer)."""
        super().__init__(*args, **kwargs)
        self.text.description = prompt
        choices = [SelectChoice(p["name"], f"{p['name']}: {p['meaning']}") for p in principles]
        if kept and kept not in {choice.value for choice in choices}:
            choices.append(SelectChoice(kept, kept))
        self.principle.choices = [SelectChoice("", NO_PRINCIPLE), *choices]
        if self.principle.data is None:
            self.principle.data = ""

    def validate_text(self, field):
        if not field.data:
            raise ValidationError(_l("Write your reflection before you save it."))
