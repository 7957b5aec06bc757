"""How fast and how good the suggested matches are (#11).

    .venv/bin/python bench/matching.py [--seed 1] [--state-teachers 60000]

Builds a synthetic district, seeded: 600 teachers in 20 schools of 10 to 60, each with a
score from 1 to 5 on the 19 TEAM indicators (drawn around a teacher's own level, as real
scores cluster), a grade band, a subject and a planning period. Prints, in one run:

- the time to suggest matches for every school (one maximum-weight matching each);
- the total weight against a greedy baseline (the heaviest remaining pair first);
- for the schools small enough to search exhaustively (≤ 16 teachers), the weight
  against the optimum, and the lowest such ratio;
- a statewide run: 60,000 teachers in 1,800 schools, solved independently on every
  core (goal ≤ 60 s here).

Goals: all 600 teachers in ≤ 2 s, weight equal to the optimum wherever it is checked,
never below greedy. The last line reads exactly
`600 teachers: 1.23 s; weight vs greedy: 1.04; vs optimum: 1.00`, for scripts.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from webapp.matching.algorithm import Teacher, greedy, optimum, suggest  # noqa: E402
from webapp.matching.team import indicators  # noqa: E402

BANDS = ("K-2", "3-5", "6-8", "9-12")
SUBJECTS = ("Mathematics", "ELA", "Science", "Social Studies", "Arts")
EXHAUSTIVE_UP_TO = 16


def school(rng: random.Random, size: int, first_id: int) -> list[Teacher]:
    band = rng.choice(BANDS)
    teachers = []
    for n in range(size):
        level = rng.gauss(3, 0.6)  # the teacher's own level; indicators vary around it
        scores = {name: min(5, max(1, round(rng.gauss(level, 0.9)))) for name in indicators()}
        teachers.append(Teacher(first_id + n, f"Teacher {first_id + n}", scores,
                                band if rng.random() < 0.8 else rng.choice(BANDS),
                                rng.choice(SUBJECTS), f"period {rng.randint(1, 7)}"))
    return teachers


def district(seed: int, teachers: int, schools: int, low: int, high: int) -> list[list]:
    """`schools` schools of `low` to `high` teachers adding up to `teachers`."""
    rng = random.Random(seed)
    sizes = [rng.randint(low, high) for _ in range(schools)]
    while sum(sizes) != teachers:  # nudge sizes, within bounds, to the exact total
        i = rng.randrange(schools)
        step = 1 if sum(sizes) < teachers else -1
        if low <= sizes[i] + step <= high:
            sizes[i] += step
    result, next_id = [], 1
    for size in sizes:
        result.append(school(rng, size, next_id))
        next_id += size
    return result


def solve(teachers: list[Teacher]) -> int:
    return suggest(teachers).weight


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--state-teachers", type=int, default=60_000)
    args = parser.parse_args()

    schools = district(args.seed, 600, 20, 10, 60)
    started = time.perf_counter()
    weights = [suggest(s).weight for s in schools]
    seconds = time.perf_counter() - started
    greedy_total = sum(greedy(s) for s in schools)
    ratios = []
    for s, weight in zip(schools, weights):
        if len(s) <= EXHAUSTIVE_UP_TO:
            best = optimum(s)
            ratios.append(weight / best if best else 1.0)
    print(f"schools: {len(schools)} of {min(map(len, schools))}–{max(map(len, schools))} "
          f"teachers; {len(ratios)} checked against the exhaustive optimum")
    print(f"below greedy in any school: "
          f"{any(w < greedy(s) for s, w in zip(schools, weights))}")

    if args.state_teachers:
        state = district(args.seed + 1, args.state_teachers, args.state_teachers // 33 - 18,
                         10, 60)
        cores = os.cpu_count() or 1
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=cores) as pool:
            list(pool.map(solve, state, chunksize=8))
        state_seconds = time.perf_counter() - started
        print(f"statewide: {sum(map(len, state)):,} teachers in {len(state):,} schools on "
              f"{cores} cores: {state_seconds:.1f} s (goal ≤ 60 s)")
    lowest = min(ratios) if ratios else float("nan")
    print(f"600 teachers: {seconds:.2f} s; weight vs greedy: "
          f"{sum(weights) / greedy_total:.2f}; vs optimum: {lowest:.2f}")


if __name__ == "__main__":
    main()
