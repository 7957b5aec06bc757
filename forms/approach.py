"""Step 3: communicate and decide on an approach (seed 003)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from .fields import long_text, strip
from .program_defaults import OTHER_APPROACH


class ApproachForm(FlaskForm):
    version = HiddenField()
    approaches = SelectMultipleField(
        _l("Our approach"), widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("Choose one or more. The options are countless: add your own under Other."))
    approach_other = StringField(_l("Other approach"), filters=[strip],
                                 validators=[Length(max=300)],
                                 description=_l("Describe it when you tick Other."))
    approach_plan = long_text(_l("Our plan"),
                              _l("What will you do together, and who does what?"))
    communication_plan = long_text(
        _l("How we will communicate: reflect, discuss, share"),
        _l("Help each other reflect on, discuss and share ideas about the objective. Be as "
           "loose or tight as works for your partnership: when, where, how."))

    @property
    def REQUIRED(self) -> tuple[str, ...]:
        """The answers a full save needs; ticking Other asks for its description."""
        needed = ("approaches", "approach_plan", "communication_plan")
        if OTHER_APPROACH in (self.approaches.data or ()):
            needed += ("approach_other",)
        return needed

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        options = list(program.approaches) if program else []
        self.approaches.choices = [SelectChoice(a, a) for a in options + [OTHER_APPROACH]]
