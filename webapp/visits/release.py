"""Release time: days a teacher uses in a program year, against the program's limit."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from ..extensions import db
from ..models import Partnership, Program, ReleaseDay, User, Visit, VisitStatus

COUNTED = (VisitStatus.PENDING_PRINCIPAL, VisitStatus.PENDING_DISTRICT, VisitStatus.APPROVED)


def counted_in(program: Program):
    """SQL: the visit belongs to `program`'s year (a query joining Visit to Partnership).
    A visit made before its partnership was carried into a later year stays in its own."""
    return func.coalesce(Visit.program_id, Partnership.program_id) == program.id


def visits_in_program(teacher: User, program: Program, statuses=COUNTED) -> list[Visit]:
    return db.session.scalars(
        select(Visit).join(Partnership)
        .where(Visit.visitor_id == teacher.id, counted_in(program),
               Visit.status.in_(statuses)).order_by(Visit.proposed_date)).all()


def days_used(teacher: User, program: Program, *, excluding: Visit | None = None) -> Decimal:
    """Approved and pending visits, plus other release days the principal recorded."""
    visit_days = sum((v.length_days for v in visits_in_program(teacher, program)
                      if v is not excluding), Decimal("0"))
    other_days = db.session.scalar(
        select(func.coalesce(func.sum(ReleaseDay.days), 0))
        .where(ReleaseDay.teacher_id == teacher.id, ReleaseDay.program_id == program.id))
    return visit_days + Decimal(str(other_days))


def days_left(teacher: User, program: Program) -> Decimal:
    return Decimal(program.release_days) - days_used(teacher, program)


def describe(days: Decimal) -> str:
    """1.0 → "1", 1.5 → "1.5"."""
    return f"{days.normalize():f}" if days == days.to_integral() else f"{days:f}"


def days_used_by(teacher_ids: list[int], program: Program) -> dict[int, Decimal]:
    """days_used for many teachers at once: two aggregate queries whatever the number."""
    used = {teacher_id: Decimal("0") for teacher_id in teacher_ids}
    if not teacher_ids:
        return used
    visit_days = db.session.execute(
        select(Visit.visitor_id, func.sum(Visit.length_days)).join(Partnership)
        .where(Visit.visitor_id.in_(teacher_ids), counted_in(program),
               Visit.status.in_(COUNTED)).group_by(Visit.visitor_id))
    other_days = db.session.execute(
        select(ReleaseDay.teacher_id, func.sum(ReleaseDay.days))
        .where(ReleaseDay.teacher_id.in_(teacher_ids), ReleaseDay.program_id == program.id)
        .group_by(ReleaseDay.teacher_id))
    for teacher_id, days in [*visit_days, *other_days]:
        used[teacher_id] += Decimal(str(days or 0))
    return used


def summaries(teachers: list[User], program: Program) -> dict[int, str]:
    """summary() of each teacher, by id, from days_used_by's two queries."""
    used = days_used_by([t.id for t in teachers], program)
    return {t.id: summary(t, program, used[t.id]) for t in teachers}


def summary(teacher: User, program: Program, used_days: Decimal | None = None) -> str:
    """ "1.5 of 3 days used" """
    from flask_babel import gettext as _

    used = describe(days_used(teacher, program) if used_days is None else used_days)
    if not program.release_days:  # the program sets no budget: visits are not capped
        return _("%(used)s days used (no release-day budget)", used=used)
    return _("%(used)s of %(limit)d days used", used=used, limit=program.release_days)
