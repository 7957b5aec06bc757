"""Importing indicator-level observation scores from CSV, as the roster import does it: a
preview with line-numbered errors, then the good rows applied; importing the same file
again changes nothing.

Two shapes are read:
- long: one row per teacher and indicator, columns `email`, `indicator`, `score`;
- wide: one row per teacher, `email` and a column per indicator (its name as the list
  has it, in any case).

A teacher is found by email among the importer's teachers (a principal's school, or the
district). Indicators must be on the district's list (its program's rubric indicators,
else TEAM's). Scores run from 1 to 5 (one decimal at most). A score already there for
that teacher, year and indicator is replaced.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import delete, select

from .. import audit
from ..admin.roster import RosterFileError, _reader, _rows, decode  # noqa: F401 (decode)
from ..extensions import db
from ..models import IndicatorScore, Program, Role, User
from ..models.user import normalize_email
from .team import indicators as team_indicators

EMAIL = {"email", "e mail", "email address", "teacher email"}
INDICATOR = {"indicator", "rubric indicator"}
SCORE = {"score", "rating"}
IGNORED = {"name", "full name", "teacher", "school", "teacher name"}


class ScoresFileError(RosterFileError):
    """The file as a whole cannot be read (columns, encoding, size)."""


@dataclass
class ScoreRow:
    line: int
    teacher: User
    indicator: str
    score: Decimal
    action: str  # "create", "update" or "unchanged"


@dataclass
class ScoreError:
    line: int
    reason: str


@dataclass
class ScorePlan:
    rows: list[ScoreRow] = field(default_factory=list)
    errors: list[ScoreError] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def teachers(self) -> int:
        return len({row.teacher.id for row in self.rows})


def indicator_list(district_id: int) -> list[str]:
    """The district's indicators: its newest program's that lists any, else TEAM's."""
    programs = db.session.scalars(select(Program).where(Program.district_id == district_id)
                                  .order_by(Program.start_date.desc(), Program.id.desc()))
    for program in programs:
        if program.rubric_indicators:
            return list(program.rubric_indicators)
    return list(team_indicators())


def teachers_of(importer: User) -> dict[str, User]:
    """Email -> teacher, for the teachers whose scores `importer` may import."""
    query = select(User).where(User.district_id == importer.district_id,
                               User.role == Role.TEACHER)
    if not importer.is_district_admin:
        query = query.where(User.school_id == importer.school_id)
    return {u.email: u for u in db.session.scalars(query)}


def plan_import(text: str, importer: User, year: int) -> ScorePlan:
    reader = _reader(text)
    headers = [(h, _key(h)) for h in reader.fieldnames or []]
    email = next((h for h, key in headers if key in EMAIL), None)
    if email is None:
        raise ScoresFileError(_("The first row must name the columns, with one called "
                                "“email” for each teacher's email address."))
    known = {_key(name): name for name in indicator_list(importer.district_id)}
    indicator = next((h for h, key in headers if key in INDICATOR), None)
    score = next((h for h, key in headers if key in SCORE), None)
    wide = {}
    if indicator is None or score is None:  # one column per indicator
        unknown = [h for h, key in headers
                   if h != email and key not in IGNORED and key not in known]
        if unknown:
            raise ScoresFileError(_(
                "These columns are not indicators of the district's list: %(names)s. Name "
                "them as the list does, or use the columns email, indicator, score.",
                names=", ".join(f"“{h}”" for h in unknown)))
        wide = {h: known[key] for h, key in headers if key in known}
        if not wide:
            raise ScoresFileError(_("The file has no score columns: use email, indicator, "
                                    "score, or a column per indicator."))
    teachers = teachers_of(importer)
    existing = {(s.teacher_id, s.indicator): s.score for s in db.session.scalars(
        select(IndicatorScore).where(IndicatorScore.school_year == year,
                                     IndicatorScore.teacher_id.in_(
                                         [t.id for t in teachers.values()])))}
    plan, seen = ScorePlan(), {}
    for line, raw in _rows(reader):
        cells = {k: " ".join((v or "").split()) for k, v in raw.items() if k is not None}
        if not any(cells.values()):
            continue
        address = normalize_email(cells.get(email, ""))
        teacher = teachers.get(address)
        if teacher is None:
            plan.errors.append(ScoreError(line, _(
                "no teacher with the email “%(email)s” in %(where)s",
                email=cells.get(email, ""),
                where=_("your school") if not importer.is_district_admin
                else _("the district"))))
            continue
        entries = ([(cells.get(indicator, ""), cells.get(score, ""))] if not wide
                   else [(name, cells.get(h, "")) for h, name in wide.items()])
        for name, value in entries:
            if wide and not value:
                continue  # a teacher without a score on this indicator
            checked = _check(name, value, known)
            if isinstance(checked, str):
                plan.errors.append(ScoreError(line, checked))
                continue
            name, number = checked
            if (teacher.id, name) in seen:
                plan.errors.append(ScoreError(line, _(
                    "duplicate in file: %(name)s's %(indicator)s is already on line "
                    "%(line)d", name=teacher.name, indicator=name,
                    line=seen[(teacher.id, name)])))
                continue
            seen[(teacher.id, name)] = line
            before = existing.get((teacher.id, name))
            action = "create" if before is None else (
                "unchanged" if before == number else "update")
            plan.rows.append(ScoreRow(line, teacher, name, number, action))
    return plan


def _check(name: str, value: str, known: dict[str, str]) -> tuple[str, Decimal] | str:
    indicator = known.get(_key(name))
    if indicator is None:
        return _("“%(name)s” is not an indicator of the district's list", name=name)
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return _("the score of %(indicator)s is “%(value)s”, not a number from 1 to 5",
                 indicator=indicator, value=value)
    if not (1 <= number <= 5) or number != number.quantize(Decimal("0.1")):
        return _("the score of %(indicator)s is “%(value)s”, not a number from 1 to 5",
                 indicator=indicator, value=value)
    return indicator, number.quantize(Decimal("0.1"))


def apply(plan: ScorePlan, importer: User, year: int) -> None:
    """Write the planned scores (the same file again writes nothing new)."""
    stored = {(s.teacher_id, s.indicator): s for s in db.session.scalars(
        select(IndicatorScore).where(IndicatorScore.school_year == year, IndicatorScore
                                     .teacher_id.in_({r.teacher.id for r in plan.rows})))}
    for row in plan.rows:
        score = stored.get((row.teacher.id, row.indicator))
        if score is None:
            db.session.add(IndicatorScore(
                district_id=importer.district_id, school_year=year, teacher_id=row.teacher.id,
                indicator=row.indicator, score=row.score, imported_by_id=importer.id))
        elif score.score != row.score:
            score.score, score.imported_by_id = row.score, importer.id
    audit.record("scores_imported", f"{year}–{(year + 1) % 100:02d}",
                 f"{plan.count('create')} new, {plan.count('update')} changed, "
                 f"{plan.count('unchanged')} unchanged, {len(plan.errors)} refused; "
                 f"{plan.teachers} teachers")


def delete_year(importer: User, year: int) -> int:
    """Delete the year's scores `importer` may manage; how many went."""
    ids = [t.id for t in teachers_of(importer).values()]
    result = db.session.execute(delete(IndicatorScore).where(
        IndicatorScore.school_year == year, IndicatorScore.teacher_id.in_(ids)))
    audit.record("scores_deleted", f"{year}–{(year + 1) % 100:02d}",
                 f"{result.rowcount} scores")
    return result.rowcount


def school_teachers_with_scores(teachers: list[User], year: int) -> dict[int, dict[str, float]]:
    """Teacher id -> {indicator: score} for the year."""
    found: dict[int, dict[str, float]] = {}
    for score in db.session.scalars(select(IndicatorScore).where(
            IndicatorScore.school_year == year,
            IndicatorScore.teacher_id.in_([t.id for t in teachers]))):
        found.setdefault(score.teacher_id, {})[score.indicator] = float(score.score)
    return found


def _key(header: str | None) -> str:
    return (header or "").strip().casefold().replace("_", " ").replace("-", " ")
