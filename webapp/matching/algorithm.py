"""Suggested pairs for one school, solved as one maximum-weight matching.

Seed 004 (Papay, Taylor, Tyler and Laski 2020): a target teacher who scored low on an
indicator of the observation rubric gains from a partner who scored high on the same
indicator. A pair's weight is the sum, over the indicators where one of them is low
(≤ `low`) and the other high (≥ `high`), of the gap between their scores, in both
directions; a pair with no such indicator is never suggested. Preferences (the same
grade band, the same subject, a shared planning period) add to a pair that already
complements. The whole school is solved at once with networkx's blossom algorithm
(Edmonds; `max_weight_matching`), so the suggestions carry the most weight the school
allows, which a greedy pass (heaviest pair first) can miss.

Weights are integers (tenths of a score point), so the optimum is exact.

Pure: teachers and settings in, pairs with their explanation and the unmatched with
their reason out. No database, no request.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

GAP_UNIT = 10  # a score point in weight units


@dataclass(frozen=True)
class Settings:
    """The program's matching settings (#11: thresholds and preference weights)."""

    low: float = 2          # a score at or below: a growth area
    high: float = 4         # a score at or above: a strength
    same_band: int = 5      # weight added for the same grade band (half a score point)
    same_subject: int = 5   # ... the same subject
    shared_planning: int = 10  # ... a common planning period (a score point)


@dataclass(frozen=True)
class Teacher:
    id: int
    name: str
    scores: dict[str, float] = field(default_factory=dict)   # indicator -> score
    grade_band: str = ""
    subject: str = ""
    planning: str = ""      # free text: "period 4", "P4, P6", "Tuesday 2-3"

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else self.name


@dataclass(frozen=True)
class Gain:
    """On `indicator`, `strong` (scored `high`) can help `growing` (scored `low`)."""

    indicator: str
    strong: Teacher
    growing: Teacher
    high: float
    low: float


@dataclass
class Pair:
    a: Teacher
    b: Teacher
    weight: int
    gains: list[Gain]
    same_band: bool = False
    same_subject: bool = False
    shared_planning: str = ""
    locked: bool = False

    @property
    def indicators(self) -> list[str]:
        """The focal indicators the match suggests, most useful first."""
        ranked = sorted(self.gains, key=lambda g: (-(g.high - g.low), g.indicator))
        return list(dict.fromkeys(g.indicator for g in ranked))

    def explain(self) -> str:
        """In words, e.g. "Ana scored 5 on Questioning and 4 on Academic Feedback, where
        Ben scored 2 and 2; both teach grades 3–5; both plan in period 4." """
        parts = []
        for strong, growing in ((self.a, self.b), (self.b, self.a)):
            gains = [g for g in self.gains if g.strong is strong]
            if gains:
                parts.append(_direction(strong, growing, gains))
        if self.same_band:
            parts.append(f"both teach grades {self.a.grade_band.replace('-', '–')}")
        if self.same_subject:
            parts.append(f"both teach {self.a.subject}")
        if self.shared_planning:
            parts.append(f"both plan in {self.shared_planning}")
        return "; ".join(parts) + "."


@dataclass
class Suggestion:
    pairs: list[Pair]
    unmatched: dict[int, str]   # teacher id -> why they were left out

    @property
    def weight(self) -> int:
        return sum(pair.weight for pair in self.pairs)


NO_SCORES = "No scores were imported for them."
NO_COMPLEMENT = ("No colleague here scored high where they scored low, or low where they "
                 "scored high.")
OUTWEIGHED = ("Every colleague who complements them is suggested with someone else: the "
              "school's pairs carry more weight that way.")


def pair_of(a: Teacher, b: Teacher, settings: Settings) -> Pair | None:
    """The pair's weight and reasons; None where neither can help the other."""
    gains = []
    for indicator in sorted(set(a.scores) & set(b.scores)):
        x, y = a.scores[indicator], b.scores[indicator]
        if x <= settings.low and y >= settings.high:
            gains.append(Gain(indicator, b, a, y, x))
        elif y <= settings.low and x >= settings.high:
            gains.append(Gain(indicator, a, b, x, y))
    if not gains:
        return None
    pair = Pair(a, b, round(sum(g.high - g.low for g in gains) * GAP_UNIT), gains)
    if a.grade_band and a.grade_band == b.grade_band:
        pair.same_band, pair.weight = True, pair.weight + settings.same_band
    if a.subject and a.subject.casefold() == b.subject.casefold():
        pair.same_subject, pair.weight = True, pair.weight + settings.same_subject
    shared = shared_planning(a.planning, b.planning)
    if shared:
        pair.shared_planning, pair.weight = shared, pair.weight + settings.shared_planning
    return pair


def suggest(teachers: list[Teacher], settings: Settings = Settings(),
            excluded: set[frozenset[int]] = frozenset(),
            locked: list[tuple[int, int]] = ()) -> Suggestion:
    """The school's suggested pairs: locked pairs as they are, the others one maximum-
    weight matching of everyone else (excluded pairs never suggested)."""
    by_id = {t.id: t for t in teachers}
    pairs, taken = [], set()
    for first, second in locked:
        if first in by_id and second in by_id and not {first, second} & taken:
            pair = pair_of(by_id[first], by_id[second], settings) or Pair(
                by_id[first], by_id[second], 0, [])
            pair.locked = True
            pairs.append(pair)
            taken |= {first, second}
    free = [t for t in teachers if t.id not in taken and t.scores]
    graph, candidates = nx.Graph(), {}
    for i, a in enumerate(free):
        for b in free[i + 1:]:
            if frozenset((a.id, b.id)) in excluded:
                continue
            pair = pair_of(a, b, settings)
            if pair is not None:
                graph.add_edge(a.id, b.id, weight=pair.weight)
                candidates[frozenset((a.id, b.id))] = pair
    for first, second in sorted(tuple(sorted(edge)) for edge in
                                nx.max_weight_matching(graph, maxcardinality=False)):
        pairs.append(candidates[frozenset((first, second))])
        taken |= {first, second}
    unmatched = {}
    for teacher in teachers:
        if teacher.id in taken:
            continue
        if not teacher.scores:
            unmatched[teacher.id] = NO_SCORES
        elif not graph.has_node(teacher.id) or graph.degree(teacher.id) == 0:
            unmatched[teacher.id] = NO_COMPLEMENT
        else:
            unmatched[teacher.id] = OUTWEIGHED
    return Suggestion(pairs, unmatched)


def greedy(teachers: list[Teacher], settings: Settings = Settings()) -> int:
    """The weight a greedy pass reaches (the heaviest remaining pair first): the bench's
    baseline."""
    edges = sorted(((p.weight, p.a.id, p.b.id) for i, a in enumerate(teachers)
                    for b in teachers[i + 1:] if (p := pair_of(a, b, settings))),
                   reverse=True)
    taken, total = set(), 0
    for weight, a, b in edges:
        if a not in taken and b not in taken:
            taken |= {a, b}
            total += weight
    return total


def optimum(teachers: list[Teacher], settings: Settings = Settings()) -> int:
    """The best total weight by exhaustive search over every matching (dynamic
    programming over subsets): for checking small schools only."""
    n = len(teachers)
    weights = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            pair = pair_of(teachers[i], teachers[j], settings)
            weights[i][j] = weights[j][i] = pair.weight if pair else 0
    best = {0: 0}

    def solve(mask: int) -> int:
        if mask in best:
            return best[mask]
        first = (mask & -mask).bit_length() - 1
        rest = mask & ~(1 << first)
        value = solve(rest)  # `first` stays unmatched
        others = rest
        while others:
            bit = others & -others
            j = bit.bit_length() - 1
            if weights[first][j]:
                value = max(value, weights[first][j] + solve(rest & ~bit))
            others &= ~bit
        best[mask] = value
        return value

    return solve((1 << n) - 1)


def shared_planning(first: str, second: str) -> str:
    """A planning period both named ("period 4" in "P2, period 4"), as the first typed it;
    "" if none. Items are split at commas, semicolons and slashes; "P4", "per. 4" and "4"
    are "period 4"."""
    def items(text: str) -> dict[str, str]:
        found = {}
        for item in re.split(r"[,;/]", text or ""):
            item = item.strip()
            key = re.sub(r"^(?:p|per|period)?\s*\.?\s*(\d+)$", r"period \1", item.casefold())
            if key:
                found.setdefault(key, item)
        return found

    mine, theirs = items(first), items(second)
    for key, typed in mine.items():
        if key in theirs:
            return key if key.startswith("period ") else typed
    return ""


def _direction(strong: Teacher, growing: Teacher, gains: list[Gain]) -> str:
    gains = sorted(gains, key=lambda g: (-(g.high - g.low), g.indicator))
    highs = _listing([f"{_score(g.high)} on {g.indicator}" for g in gains])
    lows = _listing([_score(g.low) for g in gains])
    return f"{strong.first_name} scored {highs}, where {growing.first_name} scored {lows}"


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _score(value: float) -> str:
    return f"{value:g}"
