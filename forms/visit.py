"""Seed 000's visitation form (its title is the program's), and the principal's side of it.

The labels are the form's own words; the documents print the same labels.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .fields import long_text, strip

NAME = _l("Name")
SCHOOL = _l("School")
LENGTHS = [SelectChoice("0.5", _l("Half a day (0.5)")), SelectChoice("1.0", _l("A full day (1.0)"))]


def length_choices(lengths) -> list[SelectChoice]:
    """The radio choices for a program's allowed lengths (in days), today's labels where
    they exist."""
    known = {choice.value: choice for choice in LENGTHS}
    values = [f"{float(days):.1f}" for days in lengths]
    return [known.get(value) or SelectChoice(value, _l("%(days)s days", days=value))
            for value in values]
OTHER_COLLEAGUE = "other"


class VisitRequestForm(FlaskForm):
    proposed_date = DateField(_l("Date of proposed visit"), validators=[DataRequired(
        _l("Enter the date of the proposed visit (a valid date)."))])
    location = StringField(_l("Location of visit"), filters=[strip],
                           validators=[DataRequired(), Length(max=300)],
                           description=_l("School and classroom, e.g. Lakeview Middle School, room 114."))
    visited_id = SelectField(_l("Teacher visited"), validators=[Optional()],
                             description=_l("Your partner, or another colleague."))
    visited_other = StringField(_l("Other colleague's name"), filters=[strip],
                                validators=[Length(max=200)])
    length_days = RadioField(_l("Length of visit"), choices=LENGTHS,
                             validators=[DataRequired(_l("Choose half a day or a full day."))])
    purpose = long_text(_l("How will this visitation improve my instructional practice?"),
                        _l("The place or teacher you will visit, the purpose of the visit and "
                           "what you expect to get out of it."))

    def __init__(self, *args, colleagues=(), lengths=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lengths is not None:  # the program's allowed lengths (#9)
            self.length_days.choices = length_choices(lengths)
        self.visited_id.choices = [SelectChoice("", _l("Choose the teacher you will visit"))] + [
            SelectChoice(str(u.id), u.name) for u in colleagues] + [
            SelectChoice(OTHER_COLLEAGUE, _l("Another colleague (type the name below)"))]

    def validate_visited_other(self, field):
        if self.visited_id.data == OTHER_COLLEAGUE and not field.data:
            raise ValidationError(_l("Type the name of the colleague you will visit."))

    def validate_visited_id(self, field):
        if not field.data:
            raise ValidationError(_l("Choose the teacher you will visit."))

    def validate_purpose(self, field):
        if not (field.data or "").strip():
            raise ValidationError(_l("Say how this visitation will improve your practice."))


POST_VISIT_HEADING = _l("Post visitation follow-up questions (attach notes if necessary)")
LEARNED_HEADING = _l("3 things I learned during my visit")


class PostVisitForm(FlaskForm):
    learned_1 = long_text(_l("Thing I learned, 1"))
    learned_2 = long_text(_l("Thing I learned, 2"))
    learned_3 = long_text(_l("Thing I learned, 3"))
    impact = long_text(_l("How this visitation will impact my practice in the near future."))
    next_steps = long_text(_l("My next step(s)"))
    notes = long_text(_l("Notes (optional)"))

    REQUIRED = ("learned_1", "learned_2", "learned_3", "impact", "next_steps")


class FollowupRequestForm(FlaskForm):
    followup_request = TextAreaField(
        _l("When could we meet to discuss the visit?"), filters=[strip],
        validators=[DataRequired(), Length(max=2000)],
        description=_l("Suggest a few days and times. The meeting must occur within one "
                       "month of the visit."))


class FollowupDateForm(FlaskForm):
    followup_date = DateField(_l("Date of follow-up meeting"), validators=[DataRequired(
        _l("Enter the date of the follow-up meeting (a valid date)."))])


class DecisionForm(FlaskForm):
    comment = TextAreaField(_l("Comment for the teacher"), filters=[strip],
                            validators=[Length(max=2000)])

    def __init__(self, *args, visit_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if visit_id is not None:
            # The approvals page lists one form per visit: ids (and labels) must differ.
            self.comment.id = self.comment.label.field_id = f"decision-{visit_id}-comment"


class ReleaseDayForm(FlaskForm):
    day = DateField(_l("Date"), validators=[DataRequired()])
    days = RadioField(_l("Length"), choices=LENGTHS, validators=[DataRequired()])
    reason = StringField(_l("Reason"), filters=[strip], validators=[Length(max=300)],
                         description=_l("For example: planning meeting with partner."))


class CheckInForm(FlaskForm):
    day = DateField(_l("Date of the check-in"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), filters=[strip], validators=[Length(max=5000)])
