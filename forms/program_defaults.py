"""Program wording taken from the seed documents: objective sources and cadences.

A district edits its own copies (Program); these are what a new program starts with. A
program's deadlines are its model's (webapp/programs/models/*.toml), then its own.
"""
from flask_babel import lazy_gettext as _l

# The lists a new program starts with are its model's (webapp/programs/models/*.toml).
OTHER_APPROACH = "Other"

# Seed 003: "These goals can come from your own personal and professional needs or from
# the needs of your class, your PLC, your building, or your district."
OBJECTIVE_SOURCES = [
    ("own", _l("My own personal and professional needs")),
    ("class", _l("The needs of my class")),
    ("plc", _l("The needs of my PLC")),
    ("building", _l("The needs of my building")),
    ("district", _l("The needs of my district")),
]

# Seed 004 recommends meeting at least every other week.
CADENCES = [
    ("weekly", _l("Weekly")),
    ("biweekly", _l("Every other week")),
    ("monthly", _l("Monthly")),
]
