"""Seed 004's "finalizing matches": a principal suggests a partnership of their teachers."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget


class MatchForm(FlaskForm):
    teacher_ids = SelectMultipleField(
        _l("Teachers to match"), coerce=int, widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("Match on similar grade or subject, schedules that leave time to "
                       "meet, and good working relationships. Each teacher gets an "
                       "invitation to accept or decline."))
    rubric_indicators = SelectMultipleField(
        _l("Focal rubric indicator(s)"), widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("Optional: the indicators you want the partnership to focus on."))
    focus_area = SelectField(
        _l("Focus"), validators=[Optional()],
        description=_l("Optional: the learning focus you suggest. The teachers can change it "
                       "when they write their objective."))
    note = TextAreaField(
        _l("Your note to the teachers"), validators=[Optional(), Length(max=2000)],
        description=_l("Optional: why you suggest this match. It goes with the invitation."))

    def __init__(self, *args, teachers=(), program=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The program's group size: a pair, a small group or a team (2 to 6 before models).
        self.low, self.high = program.group_size if program else (2, 6)
        if program and program.principal_forms_teams:  # seed 002: formed at once
            self.teacher_ids.label.text = _l("Teachers of the team")
            self.teacher_ids.description = _l(
                "The team is formed at once: each teacher is told and finds it on their "
                "home page.")
            self.focus_area.description = _l(
                "Optional: the team's learning focus. The team can change it when they "
                "write their objective.")
            self.note.description = _l("Optional: a word to the team. It goes with the "
                                       "message that tells them.")
        self.teacher_ids.description = f"{_how_many(self.low, self.high)} " \
            f"{self.teacher_ids.description}"
        self.teacher_ids.choices = [SelectChoice(t.id, _teacher_label(t)) for t in teachers]
        indicators = program.rubric_indicators if program else []
        self.rubric_indicators.choices = [SelectChoice(i, i) for i in indicators]
        areas = program.focus_areas if program else []
        self.focus_area.choices = [SelectChoice("", _l("— none yet —"))] + [
            SelectChoice(a, a) for a in areas]

    def validate_teacher_ids(self, field):
        chosen = set(field.data or [])  # the same teacher twice is one teacher
        if self.low <= len(chosen) <= self.high:
            return
        if self.low == self.high:
            raise ValidationError(_l("Choose %(low)d teachers; you chose %(n)d.", low=self.low,
                                     n=len(chosen)))
        raise ValidationError(_l("Choose between %(low)d and %(high)d teachers; you chose "
                                 "%(n)d.", low=self.low, high=self.high, n=len(chosen)))


def _how_many(low: int, high: int) -> str:
    if low == high:
        return str(_l("Choose %(n)d teachers.", n=low))
    return str(_l("Choose %(low)d to %(high)d teachers.", low=low, high=high))


def _teacher_label(teacher) -> str:
    details = " · ".join(x for x in (teacher.grade_band, teacher.subject) if x)
    return f"{teacher.name} ({details})" if details else teacher.name
