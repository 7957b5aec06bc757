"""Completing, reopening and abandoning a partnership: the confirmations and the reason."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length

from .fields import strip


class CompleteForm(FlaskForm):
    confirm = BooleanField(
        _l("We have finished: file these records and lock the partnership."),
        validators=[DataRequired(_l("Tick this box to confirm that the partnership is "
                                    "finished."))])


class ReopenForm(FlaskForm):
    reason = TextAreaField(
        _l("Why reopen it?"), filters=[strip],
        validators=[DataRequired(_l("Say why the partnership is reopened: its members "
                                    "will read it.")), Length(max=2000)],
        description=_l("The members see your name, the date and this reason."))
