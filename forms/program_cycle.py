"""The program form's fields for the program's cycle stages (a staged cycle's names and
questions, for this year) and seed 002's learning targets: asked only where the program
has them (webapp/programs/cycle_practices.py sets has_stages / has_learning_targets)."""
from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField, StringField, TextAreaField
from wtforms.validators import Length

from .fields import strip

TARGET_LIMIT = 1000


def prompt_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class StageRowForm(Form):
    """One stage: its name and its questions. Its key stays the model's (records name it)."""

    name = StringField(_l("Name"), filters=[strip], validators=[Length(max=200)])
    prompts = TextAreaField(
        _l("Questions its record answers"), filters=[strip], validators=[Length(max=5000)],
        description=_l("One per line. A record keeps the questions it answered, so a change "
                       "here asks the new questions from now on."), render_kw={"rows": 3})


def _target(label):
    return TextAreaField(label, filters=[strip], validators=[Length(max=TARGET_LIMIT)],
                         render_kw={"rows": 2})


class CyclePracticeFields:
    """Mixed into ProgramForm; a field whose practice is off is not shown and not checked."""

    has_stages = has_learning_targets = False

    cycle_stage_rows = FieldList(FormField(StageRowForm), label=_l("Stage"))
    target_principals = _target(_l("Learning target for principals"))
    target_teachers = _target(_l("Learning target for teachers"))
    target_parents_community = _target(_l("Learning target for parents and community members"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.has_stages:
            self.cycle_stage_rows.errors = []
            return valid
        for row in self.cycle_stage_rows:
            if not row.form.name.data:
                row.form.name.errors.append(_l("Name the stage."))
            if not prompt_lines(row.form.prompts.data):
                row.form.prompts.errors.append(_l("Ask at least one question: the stage's "
                                                  "record answers it."))
        failed = [row.errors for row in self.cycle_stage_rows if row.errors]
        self.cycle_stage_rows.errors = failed
        return valid and not failed
