"""Step 5: a logged meeting. Reflect – plan – act entries (seed 003 "Engage in the
learning"), or the record of a stage of a staged cycle (its stage's own questions)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from webapp import clock

from .fields import long_text, strip


class MeetingForm(FlaskForm):
    """What every logged meeting says: when, who, how long."""

    version = HiddenField()
    met_on = DateField(_l("Date we met"), validators=[DataRequired(
        _l("Enter the date you met (a valid date)."))])
    attendees = StringField(_l("Who attended"), filters=[strip],
                            validators=[Length(max=1000)])
    minutes = IntegerField(_l("Minutes met"), validators=[Optional(), NumberRange(min=1, max=1440)])
    # The Instructional Target's look-fors seen at the meeting; choices only where the
    # school has a target (targets.content.offer_look_fors), else the field is not shown.
    look_fors_seen = SelectMultipleField(
        _l("Look-fors we saw"), choices=[], option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        description=_l("From your school's Instructional Target: tick what you saw."))

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    def validate_met_on(self, field):
        from .timeline import check_in_program_year

        check_in_program_year(field, self.program)
        if field.data and field.data > clock.today():
            raise ValidationError(_l("Log a meeting once it has happened: choose today or an "
                                     "earlier date."))



class CycleForm(MeetingForm):
    reflected = long_text(_l("What we reflected on"))
    planned = long_text(_l("What we planned"))
    acted = long_text(_l("What we did (acted)"))
    evidence = long_text(_l("Evidence and notes on student work"))

    # An entry records something that happened: at least one of these says what.
    CONTENT = ("reflected", "planned", "acted", "evidence")

    def validate_reflected(self, field):
        # The message sits at the first of the four answers; any one of them will do.
        if not any((getattr(self, name).data or "").strip() for name in self.CONTENT):
            raise ValidationError(_l("Write what you reflected on, planned, did or noticed: "
                                     "an entry needs at least one of these four."))


class StageRecordForm(MeetingForm):
    """A meeting of a staged cycle: its stage's questions, one answer field each
    (answer_1, answer_2, …; stage_record_form makes the class for the questions)."""

    PROMPTS: tuple[str, ...] = ()

    @property
    def answer_fields(self) -> list:
        return [self[f"answer_{n}"] for n in range(1, len(self.PROMPTS) + 1)]

    def answers(self) -> list[dict]:
        """The record as stored: each question with its answer."""
        return [{"prompt": prompt, "answer": field.data or ""}
                for prompt, field in zip(self.PROMPTS, self.answer_fields)]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not any((field.data or "").strip() for field in self.answer_fields):
            # The message sits at the first question; an answer to any one will do.
            self.answer_fields[0].errors.append(_l(
                "Answer at least one of this stage's questions: the record says what "
                "the team did."))
            valid = False
        return valid


def stage_record_form(prompts: list[str] | tuple[str, ...]) -> type[StageRecordForm]:
    """The form class of a stage record asking `prompts` (the stage's questions, or those
    an earlier record answered)."""
    fields = {f"answer_{n}": long_text(prompt) for n, prompt in enumerate(prompts, 1)}
    return type("StageRecordForm", (StageRecordForm,), {"PROMPTS": tuple(prompts), **fields})
