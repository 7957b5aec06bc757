"""Schools, staff members and the roster import."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (BooleanField, EmailField, HiddenField, IntegerField, SelectField,
                     StringField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from webapp.models import Role

GRADE_BANDS = ["", "K-2", "3-5", "6-8", "9-12", "K-5", "K-8", "K-12"]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _one_line(value):
    """Names and titles on one line: line breaks and tabs become single spaces."""
    return " ".join(value.split()) if isinstance(value, str) else value


class SchoolForm(FlaskForm):
    name = StringField(_l("School name"), validators=[DataRequired(), Length(max=200)],
                       filters=[_one_line])


class StaffForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)],
                       filters=[_one_line])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)],
                       filters=[_strip])
    role = SelectField(_l("Role"))
    school_id = SelectField(
        _l("School"), coerce=int,
        description=_l("Required for teachers and principals; a principal leads this school."),
    )
    grade_band = SelectField(_l("Grade band"), validators=[Optional()],
                             choices=[SelectChoice(g, g or "—") for g in GRADE_BANDS])
    subject = StringField(_l("Subject"), validators=[Optional(), Length(max=120)],
                          filters=[_strip], description=_l("For example: Mathematics, French, Grade 3 (all subjects)."))
    years_in_district = IntegerField(
        _l("Years in the district"), validators=[Optional(), NumberRange(min=0, max=60)],
        description=_l("Counting the current year. Teachers in year 3 or later may opt out "
                       "of the summative growth plan while in a partnership."),
    )
    planning_period = StringField(
        _l("Common planning period"), validators=[Optional(), Length(max=120)],
        filters=[_strip],
        description=_l("When the teacher can meet a partner, e.g. Period 4, or P2, P6. "
                       "Suggested matches prefer teachers who plan at the same time."))
    send_invitation = BooleanField(_l("Send an invitation to set a password now"), default=True)

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [SelectChoice(r.value, r.label) for r in Role]
        self.school_id.choices = [SelectChoice(0, _l("— None (district office) —"))] + [
            SelectChoice(s.id, s.name) for s in schools]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.role.data != Role.DISTRICT_ADMIN.value and not self.school_id.data:
            self.school_id.errors.append(_l("Choose the school of this teacher or principal."))
            valid = False
        return valid


class RosterUploadForm(FlaskForm):
    roster = FileField(
        _l("Roster file (CSV)"),
        validators=[FileRequired(_l("Choose a CSV file.")),
                    FileAllowed(["csv", "txt"], _l("The roster must be a .csv file."))],
        description=_l("Columns: name, email, school, role, grade, subject, years in district. "
                       "The first row holds the column names."),
    )


class RosterConfirmForm(FlaskForm):
    csv_text = HiddenField()
    send_invitations = BooleanField(_l("Send invitations to the new staff now"), default=True)
