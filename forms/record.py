"""Signing a record, filing a signed paper copy, reopening a filed record."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from .fields import strip

MAX_SCAN_BYTES = 15 * 1024 * 1024


class SignForm(FlaskForm):
    slot = SelectField(_l("Sign as"), validate_choice=True)
    consent = BooleanField(
        _l("I have read this document and I sign it. I agree that my typed name (and the "
           "signature I drew, if any) is my signature on it."),
        validators=[DataRequired(_l("Tick this box to sign."))])
    typed_name = StringField(
        _l("Your full name"), filters=[strip],
        validators=[DataRequired(_l("Type your full name to sign.")), Length(max=200)],
        description=_l("As it should appear on the record."))
    drawn = HiddenField()
    password = PasswordField(
        _l("Your password"), validators=[DataRequired(_l("Enter your password to confirm "
                                                         "that it is you signing.")),
                                         Length(max=200)])


class PaperForm(FlaskForm):
    scan = FileField(
        _l("Signed scan"),
        validators=[FileRequired(_l("Choose the scan of the signed paper copy."))],
        description=_l("A PDF, PNG or JPEG of every page, with every signature; at most "
                       "15 MB."))


class RecordReopenForm(FlaskForm):
    reason = TextAreaField(
        _l("Why reopen this record?"), filters=[strip],
        validators=[DataRequired(_l("Say why the record is reopened: the members will read "
                                    "it.")), Length(max=2000)],
        description=_l("The filed version stays on file; the next one must be signed "
                       "again."))


class VerifyForm(FlaskForm):
    document = FileField(_l("A filed PDF"),
                         description=_l("The PDF file as you received it."))
    code = StringField(_l("Or its document id"), filters=[strip],
                       validators=[Length(max=40)],
                       description=_l("Printed at the foot of every page, e.g. K7Q2M-9XD4T."))


class LetterheadForm(FlaskForm):
    lines = TextAreaField(
        _l("Letterhead lines"), filters=[strip], validators=[Length(max=600)],
        description=_l("Up to four lines above each document's title, e.g. the district's "
                       "name, address and telephone. Empty: the district's name."))
    logo = FileField(_l("Logo"), description=_l("A PNG or JPEG; it is scaled to fit "
                                                "600 × 200 pixels."))
    remove_logo = BooleanField(_l("Remove the logo"))

    def validate_lines(self, field):
        from wtforms.validators import ValidationError

        lines = [line for line in (field.data or "").splitlines() if line.strip()]
        if len(lines) > 4:
            raise ValidationError(_l("At most four lines."))
        if any(len(line) > 120 for line in lines):
            raise ValidationError(_l("Each line can have at most 120 characters."))


class TemplateForm(FlaskForm):
    template = FileField(_l("Word template (.docx)"),
                         validators=[FileRequired(_l("Choose the .docx file of your template."))],
                         description=_l("Start from the current template (download it above) "
                                        "and keep its {{ … }} fields."))


class ConfirmTemplateForm(FlaskForm):
    token = HiddenField()
