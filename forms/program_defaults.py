"""Program wording taken from the seed documents: objective sources, cadences, deadlines.

A district edits its own copies (Program); these are what a new program starts with.
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

# Seed 000's timeline, as (key, month, day, wording).
DEADLINES = [
    ("interest", 9, 30, _l("Tell your school administrator of your interest")),
    ("partner", 10, 15, _l("Identify the colleague you will work with")),
    ("goal", 10, 30, _l("Identify a common goal or area of focus")),
    ("visits", 3, 31, _l("Visit each other's classroom")),
    ("reflection", 5, 31, _l("Reflect upon and provide evidence of the impact of your collective work")),
]
