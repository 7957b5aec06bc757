"""Suggested matches from observation scores (#11): importing scores, reviewing pairs."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from .fields import strip


def year_choices(this_year: int) -> list[SelectChoice]:
    """Last year first (the suggestions use last year's scores), then this year and the
    one before last."""
    return [SelectChoice(year, f"{year}–{(year + 1) % 100:02d}")
            for year in (this_year - 1, this_year, this_year - 2)]


class ScoresUploadForm(FlaskForm):
    school_year = SelectField(_l("School year of the scores"), coerce=int,
                              description=_l("Suggestions use last year's scores."))
    scores = FileField(
        _l("Scores (CSV)"), validators=[FileRequired(_l("Choose the CSV file of scores."))],
        description=_l("One row per teacher and indicator (columns email, indicator, score), "
                       "or one row per teacher with a column per indicator. Scores from 1 "
                       "to 5."))


class ScoresConfirmForm(FlaskForm):
    csv_text = HiddenField()
    school_year = HiddenField(filters=[lambda v: int(v) if str(v or "").isdigit() else None],
                              validators=[DataRequired()])


class PairForm(FlaskForm):
    first = IntegerField(validators=[DataRequired()])
    second = IntegerField(validators=[DataRequired()])


class FinalizeForm(FlaskForm):
    version = HiddenField()
    note = TextAreaField(
        _l("Your note to the teachers"), filters=[strip],
        validators=[Optional(), Length(max=2000)],
        description=_l("It goes with each invitation, with the pair's focal indicators. "
                       "The teachers never see the scores."))


class ExclusionForm(FlaskForm):
    first = SelectField(_l("Teacher"), coerce=int)
    second = SelectField(_l("Never to be matched with"), coerce=int)
