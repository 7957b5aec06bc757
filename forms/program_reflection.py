"""The program form's fields for seed 001's weekly reflections and partnership
principles: asked only when the program has the practice (the view says which)."""
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length, ValidationError

PRINCIPLE_NAME_MAX, PRINCIPLE_MEANING_MAX = 100, 300


def principle_lines(text: str | None) -> list[tuple[int, str, str]]:
    """(line number, name, meaning) of each non-empty "Name: meaning" line."""
    found = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if line.strip():
            name, _colon, meaning = line.partition(":")
            found.append((number, name.strip(), meaning.strip()))
    return found


class ReflectionPracticeFields:
    """Mixed into ProgramForm. `has_weekly` and `has_principles` are set by the view
    (webapp/programs/reflection_practices.py); a field whose practice is off is not shown
    and not checked."""

    has_weekly = has_principles = False

    weekly_prompt = TextAreaField(
        _l("Weekly reflection prompt"), validators=[Length(max=1000)],
        description=_l("The question each member answers in their written reflection each "
                       "week."))
    principles = TextAreaField(
        _l("Partnership principles"), validators=[Length(max=10_000)],
        description=_l("One per line: the principle's name, a colon, then its one-line "
                       "meaning, e.g. “Equality: Partners treat each other as equals.” "
                       "Teachers see them when they join a partnership and may reflect on "
                       "one each week."))

    def validate_weekly_prompt(self, field):
        if self.has_weekly and not (field.data or "").strip():
            raise ValidationError(_l("Write the question members answer each week."))

    def validate_principles(self, field):
        if not self.has_principles:
            return
        lines = principle_lines(field.data)
        if not lines:
            raise ValidationError(_l("List at least one principle."))
        for number, name, meaning in lines:
            if not name or not meaning:
                raise ValidationError(_l(
                    "Line %(n)d: write the principle's name, a colon, then its meaning.",
                    n=number))
            if len(name) > PRINCIPLE_NAME_MAX or len(meaning) > PRINCIPLE_MEANING_MAX:
                raise ValidationError(_l(
                    "Line %(n)d: keep the name to %(name)d characters and the meaning to "
                    "%(meaning)d.", n=number, name=PRINCIPLE_NAME_MAX,
                    meaning=PRINCIPLE_MEANING_MAX))
        names = [name.casefold() for _n, name, _m in lines]
        if len(set(names)) != len(names):
            raise ValidationError(_l("Two principles have the same name."))
