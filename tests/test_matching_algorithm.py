"""Suggested matches (#11): small schools checked by hand, where the optimal matching
differs from the greedy one, and the words each suggestion explains itself with."""
from __future__ import annotations

import random

import pytest

from webapp.matching.algorithm import (NO_COMPLEMENT, NO_SCORES, OUTWEIGHED, Settings,
                                       Teacher, greedy, optimum, pair_of, shared_planning,
                                       suggest)

Q, F, P = "Questioning", "Academic Feedback", "Pacing"


def teacher(id, name, band="", subject="", planning="", **scores):
    names = {"q": Q, "f": F, "p": P}
    return Teacher(id, name, {names[k]: v for k, v in scores.items()}, band, subject,
                   planning)


def ids(result):
    return sorted(tuple(sorted((p.a.id, p.b.id))) for p in result.pairs)


def test_the_optimum_pairs_everyone_where_greedy_strands_two():
    """Ari–Ben is the heaviest pair (Ben 5, Ari 1 on Questioning: 4 points), but taking it
    leaves Cara and Dev with nobody. Ari–Cara (3) and Ben–Dev (3) carry 6 points."""
    school = [teacher(1, "Ari Adams", q=1, f=3), teacher(2, "Ben Brown", q=5, f=5),
              teacher(3, "Cara Cole", q=4, f=3), teacher(4, "Dev Diaz", q=3, f=2)]
    result = suggest(school)
    assert ids(result) == [(1, 3), (2, 4)]
    assert result.weight == 60 == optimum(school)
    assert greedy(school) == 40 and result.unmatched == {}
    texts = {tuple(sorted((p.a.id, p.b.id))): p.explain() for p in result.pairs}
    assert texts[(1, 3)] == "Cara scored 4 on Questioning, where Ari scored 1."
    assert texts[(2, 4)] == "Ben scored 5 on Academic Feedback, where Dev scored 2."


def test_both_directions_and_preferences_in_words():
    ana = teacher(1, "Ana Gomez", band="3-5", subject="Math", planning="Period 4",
                  q=5, f=4, p=1)
    ben = teacher(2, "Ben Carter", band="3-5", subject="ELA", planning="P2, p4",
                  q=2, f=2, p=5)
    pair = pair_of(ana, ben, Settings())
    assert pair.explain() == (
        "Ana scored 5 on Questioning and 4 on Academic Feedback, where Ben scored 2 and 2; "
        "Ben scored 5 on Pacing, where Ana scored 1; both teach grades 3–5; "
        "both plan in period 4.")
    assert pair.weight == (3 + 2 + 4) * 10 + 5 + 10
    assert pair.indicators == [P, Q, F]  # the widest gap first


def test_preferences_decide_between_equal_complements():
    """Two partners complement Ana equally; the one in her grade band who plans when
    she does is suggested."""
    school = [teacher(1, "Ana A", band="K-2", planning="period 3", q=1),
              teacher(2, "Bo B", band="6-8", planning="period 5", q=5),
              teacher(3, "Cy C", band="K-2", planning="Period 3", q=5)]
    result = suggest(school)
    assert ids(result) == [(1, 3)]
    assert result.unmatched == {2: OUTWEIGHED}


def test_who_is_left_out_and_why():
    school = [teacher(1, "Ana A", q=1), teacher(2, "Bo B", q=5), teacher(3, "Cy C", q=3),
              Teacher(4, "Di D")]
    result = suggest(school)
    assert ids(result) == [(1, 2)]
    assert result.unmatched == {3: NO_COMPLEMENT, 4: NO_SCORES}


def test_excluded_pairs_are_never_suggested_and_locked_pairs_stay():
    school = [teacher(1, "Ari Adams", q=1, f=3), teacher(2, "Ben Brown", q=5, f=5),
              teacher(3, "Cara Cole", q=4, f=3), teacher(4, "Dev Diaz", q=3, f=2)]
    assert ids(suggest(school, excluded={frozenset((1, 3))})) == [(1, 2)]
    locked = suggest(school, locked=[(1, 2)])
    assert ids(locked) == [(1, 2)] and [p.locked for p in locked.pairs] == [True]
    assert locked.unmatched == {3: NO_COMPLEMENT, 4: NO_COMPLEMENT}


def test_thresholds_are_settings():
    school = [teacher(1, "Ana A", q=3), teacher(2, "Bo B", q=5)]
    assert suggest(school).pairs == []
    assert ids(suggest(school, Settings(low=3))) == [(1, 2)]


@pytest.mark.parametrize("seed", range(30))
def test_never_below_greedy_and_always_the_optimum(seed):
    rng = random.Random(seed)
    school = [Teacher(n, f"T{n} X", {f"i{k}": rng.choice([1, 2, 3, 3, 4, 5])
                                     for k in range(5)},
                      rng.choice(["K-2", "3-5"]), planning=rng.choice(["P1", "P2", ""]))
              for n in range(rng.randint(3, 10))]
    result = suggest(school)
    assert result.weight == optimum(school) >= greedy(school)
    matched = {t for p in result.pairs for t in (p.a.id, p.b.id)}
    assert matched.isdisjoint(result.unmatched) and \
        matched | set(result.unmatched) == {t.id for t in school}


def test_planning_periods_compare_as_typed_or_as_numbers():
    assert shared_planning("P4", "period 4") == "period 4"
    assert shared_planning("Tuesday 2-3; P1", "tuesday 2-3") == "Tuesday 2-3"
    assert shared_planning("4", "Period 4") == "period 4"
    assert shared_planning("P3", "P4") == "" and shared_planning("", "") == ""
