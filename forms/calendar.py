"""The district's time zone (calendar feeds and the standing meeting's time are in it)."""
from functools import lru_cache
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """IANA zones by region ("America/Winnipeg"), sorted; UTC too. The legacy aliases
    without a region ("EST5EDT", "Cuba") and Etc/ offsets are left out of the list."""
    names = (name for name in available_timezones()
             if "/" in name and not name.startswith(("Etc/", "posix/", "right/")))
    return ("UTC", *sorted(names))


class TimeZoneForm(FlaskForm):
    time_zone = SelectField(
        _l("District time zone"),
        description=_l("Times in calendar feeds, such as a partnership's standing meeting, "
                       "are in this zone."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built when the form is, not at import: reading the zone database takes a while.
        self.time_zone.choices = [SelectChoice("", _l("Not set (UTC)"))] + [
            SelectChoice(name, name) for name in zone_names()]
