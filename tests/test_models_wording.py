"""Each program model's wording is its seed's: phrases of the model found in the seed."""
import re
from pathlib import Path

import pytest

from webapp.programs import presets

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_OF = {"partners-in-practice": "000", "instructional-partners": "001",
           "learning-teams": "002", "peer-partner-protocol": "003", "ipi": "004"}
MONTHS = {9: "September", 10: "October", 3: "March", 5: "May"}

# Per model: (the model's words, a phrase that must be in those words and in the seed[,
# another seed the phrase is quoted from]).
# Partners in Practice's step intros are Dallas's steps, as Tandem always showed them.
PHRASES = {
    "partners-in-practice": [
        ("visit_form_title", "Partners in Practice Visitation Form"),
        ("objective", "All collaborative activities benefit from a clearly defined objective", "003"),
        ("cycles", "make sure you schedule time to reflect, plan, act, and repeat", "003"),
        ("growth_plan", "opt out of the Summative Growth Plan for this school year"),
    ],
    "instructional-partners": [
        ("objective", "focus intently on a few areas that will positively impact teaching and learning"),
        ("partner", "simple idea: treat others the way you would like to be treated"),
        ("approach", "Teachers work together to learn more about effective practice"),
        ("cycles", "intensive, focused support for professional learning"),
        ("cycles", "precise instructions, modeling, and positive, motivating, and honest feedback"),
        ("reflection", "analyze student work and other classroom data sources to make ongoing improvements to instruction"),
        ("target", "clear, precise “look fors” to reinforce the focus on student learning"),
    ],
    "learning-teams": [
        ("partner", "I can effectively work as a member of a collaborative professional learning team"),
        ("cycles", "monitoring the learning data of each child, enriching their learning when they are proficient"),
    ],
    "peer-partner-protocol": [
        ("objective", "These goals can come from your own personal and professional needs"),
        ("partner", "The only requirement for a partner is a commitment to the shared objective"),
        ("approach", "decide openly and collectively on a course of action"),
        ("timeline", "the timeline can be as short or long as your particular objective dictates"),
        ("cycles", "This process will be uniquely determined by your objective"),
        ("reflection", "the reflection at the end of a process is especially critical"),
    ],
    "ipi": [
        ("objective", "discuss the indicator(s) your principal gave you as a focus"),
        ("partner", "IPI is not a coaching or mentoring relationship"),
        ("approach", "Observe your partner and review your partner's lesson plans"),
        ("timeline", "Effective partnerships had some interaction at least every other week"),
        ("cycles", "reflect on other activities, such as peer observations"),
    ],
}


def _plain(text: str) -> str:
    """Compare words, not typography: quotes, dashes, emphasis and spacing aside."""
    text = text.replace("’", "'").replace("**", "").replace("?", "")
    return " ".join(re.sub(r"[“”\"]", "", text).split()).casefold()


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not here ({SEEDS}): wording cannot be checked")
    return {number: _plain(path.read_text(encoding="utf-8"))
            for number in SEED_OF.values() for path in SEEDS.glob(f"{number}_*.txt")}


def _words(model: presets.Model, where: str) -> str:
    practices = model.practices
    return {"visit_form_title": model.visit_form_title,
            "growth_plan": practices.get("growth_plan_opt_out", {}).get("wording", ""),
            "target": practices.get("instructional_target", {}).get("wording", "")
            }.get(where) or model.intros[where]


@pytest.mark.parametrize("key", sorted(PHRASES))
def test_model_words_quote_its_seed(key, seeds):
    model = presets.load_models()[key]
    seed = seeds[SEED_OF[key]]
    for where, phrase, *source in PHRASES[key]:
        assert _plain(phrase) in _plain(_words(model, where)), (key, where, phrase)
        assert _plain(phrase) in (seeds[source[0]] if source else seed), (key, "seed", phrase)


def test_the_other_programs_get_a_neutral_form_title(seeds):
    for key, model in presets.load_models().items():
        if key != "partners-in-practice":
            assert "partners in practice" not in model.visit_form_title.casefold()


def test_partners_in_practice_deadlines_are_seed_000s(seeds):
    for deadline in presets.load_models()["partners-in-practice"].deadlines:
        suffix = "st" if deadline.day % 10 == 1 else "th"
        assert _plain(f"by {MONTHS[deadline.month]} {deadline.day}{suffix}") in seeds["000"]


def test_principles_and_learning_targets_are_the_seeds(seeds):
    models = presets.load_models()
    for n, item in enumerate(models["instructional-partners"].practices["principles"]["items"], 1):
        assert f"({n}) {item['name'].casefold()}" in seeds["001"]
    targets = models["learning-teams"].practices["learning_targets"]
    for audience, statement in targets.items():
        assert statement.startswith("I can ") and _plain(statement) in seeds["002"], audience
