"""The program form's fields for the settings of seed 000's and seed 004's practices:
classroom visits, the growth-plan opt-out, check-ins, the cadence watch and the
Instructional Target's wording. Asked only for a practice the program has on (the view,
webapp/programs/practice_settings.py, says which)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import Length, StopValidation, ValidationError


def length_values(text: str | None) -> list[float]:
    """"0.5, 1" -> [0.5, 1.0]; ValueError names the first entry that is not a length."""
    values = []
    for part in (text or "").replace(";", ",").split(","):
        if part.strip():
            try:
                value = float(part.strip())
            except ValueError:
                raise ValueError(part.strip()) from None
            if not 0 < value <= 5 or value * 2 != int(value * 2):
                raise ValueError(part.strip())
            values.append(value)
    return sorted(set(values))


class PracticeSettingFields:
    """Mixed into ProgramForm; `shown_settings` (practice names) is set by the view."""

    shown_settings: frozenset = frozenset()

    # "1" when the form showed these fields (a post without them changes no setting).
    practice_settings_shown = HiddenField()
    visits_lengths = StringField(
        _l("Lengths a visit may have, in days"), validators=[Length(max=100)],
        description=_l("Separated by commas, in half days: “0.5, 1” is half a day or a "
                       "full day."))
    visits_extra_need_approval = BooleanField(
        _l("Visits after a teacher’s first also need the district’s approval"))
    visits_approver_title = StringField(
        _l("Title of the district approver"), validators=[Length(max=100)],
        description=_l("For example: Superintendent/CEO."))
    growth_min_years = IntegerField(
        _l("Years in the district before a teacher may opt out of the growth plan"))
    growth_wording = TextAreaField(_l("What teachers read about the growth-plan opt-out"),
                                   validators=[Length(max=2000)])
    checkins_interval_months = IntegerField(_l("Principal check-ins: at least every … months"))
    cadence_max_days = IntegerField(
        _l("Flag a partnership with no meeting logged for more than … days"))
    target_wording = TextAreaField(_l("What the Instructional Target is, in your words"),
                                   validators=[Length(max=2000)])
    matching_low = IntegerField(_l("Suggested matches: a score at or below … is a growth area"))
    matching_high = IntegerField(_l("Suggested matches: a score at or above … is a strength"))
    matching_same_band = IntegerField(
        _l("Weight of the same grade band, in tenths of a score point"))
    matching_same_subject = IntegerField(
        _l("Weight of the same subject, in tenths of a score point"))
    matching_shared_planning = IntegerField(
        _l("Weight of a shared planning period, in tenths of a score point"))

    def _asked(self, practice: str) -> bool:
        return practice in self.shown_settings and self.practice_settings_shown.data == "1"

    def validate_visits_lengths(self, field):
        if not self._asked("visits"):
            return
        try:
            if not length_values(field.data):
                raise ValidationError(_l("Give at least one length, e.g. 0.5, 1."))
        except ValueError as error:
            raise ValidationError(_l("“%(entry)s” is not a length in half days (0.5 to 5).",
                                     entry=str(error))) from None

    def validate_visits_approver_title(self, field):
        if self._asked("visits") and self.visits_extra_need_approval.data \
                and not (field.data or "").strip():
            raise ValidationError(_l("Name who approves the further visits."))

    def _number(self, field, practice: str, low: int, high: int):
        """A whole number from low to high, asked only where the practice is on."""
        if not self._asked(practice):
            raise StopValidation()
        if field.data is None:
            field.errors[:] = []  # one message, not WTForms' "Not a valid integer value"
            raise ValidationError(_l("Give a number."))
        if not low <= field.data <= high:
            raise ValidationError(_l("Give a number from %(low)d to %(high)d.", low=low,
                                     high=high))

    def validate_growth_min_years(self, field):
        self._number(field, "growth_plan_opt_out", 0, 40)

    def validate_checkins_interval_months(self, field):
        self._number(field, "checkins", 1, 12)

    def validate_cadence_max_days(self, field):
        self._number(field, "cadence_watch", 1, 120)

    def validate_matching_low(self, field):
        self._number(field, "matching", 1, 5)

    def validate_matching_high(self, field):
        self._number(field, "matching", 1, 5)
        if self.matching_low.data is not None and field.data <= self.matching_low.data:
            raise ValidationError(_l("A strength must score above a growth area."))

    def validate_matching_same_band(self, field):
        self._number(field, "matching", 0, 40)

    def validate_matching_same_subject(self, field):
        self._number(field, "matching", 0, 40)

    def validate_matching_shared_planning(self, field):
        self._number(field, "matching", 0, 40)
