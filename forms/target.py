"""The school's Instructional Target (seed 001): a vision, focus areas and their look-fors.

The form shows fixed rows (the target's own plus a few blank ones) so that it works
without JavaScript: a blank row is left out on save, a new row is added by filling one.
Each look-for row carries its id in a hidden field, so editing its words keeps the
partnerships that chose it (webapp/targets/content.py).
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from .fields import strip

MAX_FOCUS_AREAS = 6
MAX_LOOK_FORS = 6
VISION_LIMIT = 1500  # the target is one page
KEEP_IT_SHORT = _l("Keep this to %(max)d characters; it has %(length)d now. The target "
                   "prints on one page.")

VISION = _l("Our vision of effective teaching and learning")
FOCUS_AREA = _l("Focus area")
LOOK_FOR = _l("Look-for")


class LookForForm(Form):
    id = HiddenField()
    text = StringField(LOOK_FOR, filters=[strip],
                       validators=[Length(max=250, message=KEEP_IT_SHORT)])


class FocusAreaForm(Form):
    title = StringField(FOCUS_AREA, filters=[strip],
                        validators=[Length(max=150, message=KEEP_IT_SHORT)])
    look_fors = FieldList(FormField(LookForForm), max_entries=MAX_LOOK_FORS)

    def validate_title(self, field):
        if not field.data and any(row.text.data for row in self.look_fors):
            raise ValidationError(_l("Name this focus area: it has look-fors."))


class TargetForm(FlaskForm):
    # Not "version": a draft keeps this one (drafts.NOT_KEPT drops "version"), so a
    # restored draft still names the version its text was written on.
    target_version = HiddenField()
    vision = TextAreaField(
        VISION, filters=[strip],
        description=_l("A few sentences: what effective teaching and learning look like in "
                       "our school."),
        validators=[Length(max=VISION_LIMIT, message=KEEP_IT_SHORT)],
        render_kw={"rows": 4, "maxlength": False})
    focus_areas = FieldList(FormField(FocusAreaForm), max_entries=MAX_FOCUS_AREAS)


def look_for_label(item) -> str:
    """A look-for as a choice: its focus area, its words, and whether it is still in the
    target (item: targets.content.LookFor)."""
    label = f"{item.focus_area}: {item.text}"
    return label if item.current else f"{label} ({_l('no longer in the target')})"


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"), filters=[strip],
        validators=[DataRequired(_l("Write your comment first.")),
                    Length(max=2000, message=_l("Keep a comment to %(max)d characters; it has "
                                                "%(length)d now."))],
        render_kw={"rows": 3, "maxlength": False})
