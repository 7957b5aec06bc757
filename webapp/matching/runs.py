"""A school's run of suggested matches under the principal's review (#11).

A run solves the school (algorithm.suggest) from its teachers' scores of a year, leaving
out teachers already in a partnership of the program and the pairs the principal said
must not be matched. The principal excludes a pair, locks one, or pairs two teachers
by hand (a locked pair), and the school is solved again around the locked pairs; each
pair's focal indicators are filled in from the match and can be changed. Finalizing
creates the suggested partnerships (invitations with the focal indicators and the
principal's note; never the scores).
"""
from __future__ import annotations

from sqlalchemy import select

from .. import audit, notify
from ..extensions import db
from ..models import (MatchExclusion, MatchRun, MemberStatus, Membership, Partnership,
                      Program, Role, School, User)
from ..models.base import utcnow
from . import algorithm, scores

IN_A_PARTNERSHIP = "Already in a partnership this year."
FOCAL_AT_MOST = 3


def settings_of(program: Program) -> algorithm.Settings:
    values = program.practice("matching") or {}
    return algorithm.Settings(**{key: values[key] for key in (
        "low", "high", "same_band", "same_subject", "shared_planning") if key in values})


def school_teachers(school: School) -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.school_id == school.id, User.role == Role.TEACHER, User.active)
        .order_by(User.name, User.id)))


def partnered(program: Program, teachers: list[User]) -> set[int]:
    """Teachers in (or invited to) a partnership of the program."""
    return set(db.session.scalars(
        select(Membership.user_id).join(Partnership)
        .where(Partnership.program_id == program.id,
               Membership.user_id.in_([t.id for t in teachers]),
               Membership.status.in_((MemberStatus.ACCEPTED, MemberStatus.INVITED)))))


def exclusions(school: School) -> set[frozenset[int]]:
    return {frozenset((e.first_id, e.second_id)) for e in db.session.scalars(
        select(MatchExclusion).where(MatchExclusion.school_id == school.id))}


def start(school: School, program: Program, year: int, by: User) -> MatchRun:
    run = MatchRun(school=school, program=program, school_year=year, created_by_id=by.id,
                   pairs=[], unmatched={}, locked=[], excluded=[], note="")
    db.session.add(run)
    solve(run)
    audit.record("matches_run", school.name, f"{len(run.pairs)} pairs from {year} scores",
                 actor=by)
    return run


def solve(run: MatchRun) -> None:
    """(Re)compute the run's pairs around its locked pairs; focal indicators the principal
    set on a pair that stays are kept."""
    teachers = school_teachers(run.school)
    busy = partnered(run.program, teachers)
    found = scores.school_teachers_with_scores(teachers, run.school_year)
    candidates = [algorithm.Teacher(t.id, t.name, found.get(t.id, {}), t.grade_band,
                                    t.subject, t.planning_period)
                  for t in teachers if t.id not in busy]
    excluded = exclusions(run.school) | {frozenset(pair) for pair in run.excluded}
    result = algorithm.suggest(candidates, settings_of(run.program), excluded,
                               [tuple(pair) for pair in run.locked])
    chosen = {frozenset((p["a"], p["b"])): p.get("focal") for p in run.pairs}
    run.pairs = [{
        "a": pair.a.id, "b": pair.b.id, "weight": pair.weight,
        "explanation": pair.explain() if pair.gains else "",
        "indicators": pair.indicators,
        "focal": chosen.get(frozenset((pair.a.id, pair.b.id)))
        or pair.indicators[:FOCAL_AT_MOST],
        "locked": pair.locked,
    } for pair in result.pairs]
    run.unmatched = {str(teacher_id): reason for teacher_id, reason in
                     result.unmatched.items()}
    run.unmatched.update({str(t.id): IN_A_PARTNERSHIP for t in teachers if t.id in busy})
    run.version = (run.version or 0) + 1


def exclude(run: MatchRun, a: int, b: int) -> None:
    run.excluded = [*run.excluded, sorted((a, b))]
    run.locked = [p for p in run.locked if set(p) != {a, b}]
    solve(run)


def lock(run: MatchRun, a: int, b: int) -> None:
    """Keep (a, b) together (a suggested pair, or two teachers paired by hand); a
    teacher can be in one locked pair only."""
    run.locked = [p for p in run.locked if not {a, b} & set(p)] + [sorted((a, b))]
    run.excluded = [p for p in run.excluded if set(p) != {a, b}]
    solve(run)


def unlock(run: MatchRun, a: int, b: int) -> None:
    run.locked = [p for p in run.locked if set(p) != {a, b}]
    solve(run)


def finalize(run: MatchRun, principal: User, note: str,
             focal: dict[frozenset[int], list[str]]) -> list[Partnership]:
    """Create the suggested partnerships: each pair invited, with its focal indicators
    and the principal's note."""
    people = {u.id: u for u in school_teachers(run.school)}
    busy = partnered(run.program, list(people.values()))
    made = []
    for pair in run.pairs:
        first, second = people.get(pair["a"]), people.get(pair["b"])
        if first is None or second is None or {first.id, second.id} & busy:
            continue  # left the school, or partnered since the run
        chosen = [first, second]
        partnership = Partnership(
            program=run.program, school_id=run.school.id, created_by=first,
            suggested_by=principal,
            rubric_indicators=focal.get(frozenset((first.id, second.id)), pair["focal"]),
            focus_area="", suggestion_note=note)
        db.session.add(partnership)
        for teacher in chosen:
            partnership.memberships.append(Membership(
                user=teacher, status=MemberStatus.INVITED, invited_by=principal,
                invited_at=utcnow()))
        notify.match_suggested(partnership, chosen, principal, note)
        made.append(partnership)
    run.note, run.finalized_at = note, utcnow()
    audit.record("matches_finalized", run.school.name,
                 f"{len(made)} partnerships suggested", actor=principal)
    return made


def latest(school: School, program: Program) -> MatchRun | None:
    """The school's run under review (not finalized), if any."""
    return db.session.scalar(select(MatchRun).where(
        MatchRun.school_id == school.id, MatchRun.program_id == program.id,
        MatchRun.finalized_at.is_(None)).order_by(MatchRun.id.desc()))


def coverage(run: MatchRun) -> dict:
    """Teachers matched, the indicators the pairs address, for the district's view."""
    matched = 2 * len(run.pairs)
    return {"matched": matched, "teachers": matched + len(run.unmatched),
            "indicators": sorted({i for p in run.pairs for i in p["indicators"]})}
