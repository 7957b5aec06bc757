"""Step 6: final reflection, seed 003's five guiding questions, and evidence of impact."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField

from .fields import long_text

QUESTIONS = [
    ("impressions", _l("Summarize impressions"),
     _l("How do you think it went? How are you feeling about the partnership, objective, "
        "or results?")),
    ("causal_factors", _l("Analyze causal factors"),
     _l("What effect did your decisions have on the results you achieved? What are your "
        "hunches about what caused you to move either toward or away from your objective?")),
    ("new_learning", _l("Construct new learning"),
     _l("What learning(s) do you want to take with you to future situations? What do you "
        "want to stay mindful of from now on?")),
    ("application", _l("Commit to application"),
     _l("How might you apply your new learning? How might you ensure that you maintain "
        "focus?")),
    ("experience", _l("Reflect on experience"),
     _l("As you reflect on this experience, how has it supported your learning? How might "
        "you incorporate this process into your own thinking?")),
]


class ReflectionForm(FlaskForm):
    version = HiddenField()
    impressions = long_text(QUESTIONS[0][1], QUESTIONS[0][2])
    causal_factors = long_text(QUESTIONS[1][1], QUESTIONS[1][2])
    new_learning = long_text(QUESTIONS[2][1], QUESTIONS[2][2])
    application = long_text(QUESTIONS[3][1], QUESTIONS[3][2])
    experience = long_text(QUESTIONS[4][1], QUESTIONS[4][2])

    REQUIRED = tuple(key for key, *_ in QUESTIONS)


class ImpactForm(FlaskForm):
    version = HiddenField()
    impact_evidence = long_text(
        _l("Evidence of impact on student learning"),
        _l("Together: what changed for students, and how do you know? Student work, "
           "assessment results, observations."))

    REQUIRED = ("impact_evidence",)
