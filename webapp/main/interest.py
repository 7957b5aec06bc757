"""Seed 000's first deadline: a teacher tells the school administrator of their interest
in the program year. One dated "I'm interested" per teacher and program; it can be taken
back while the teacher is in no partnership of that program."""
from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import access, audit, clock, database
from ..extensions import db
from ..models import MemberStatus, Membership, Partnership, Program, ProgramInterest, Role
from ..programs.operations import current_program
from . import bp


def interest_of(teacher, program: Program) -> ProgramInterest | None:
    return db.session.scalar(select(ProgramInterest).where(
        ProgramInterest.program_id == program.id, ProgramInterest.teacher_id == teacher.id))


def in_partnership(teacher, program: Program) -> bool:
    """A member of a partnership of the program (invitations not answered do not count)."""
    return db.session.scalar(
        select(Membership.id).join(Partnership)
        .where(Partnership.program_id == program.id, Membership.user_id == teacher.id,
               Membership.status == MemberStatus.ACCEPTED).limit(1)) is not None


@bp.route("/interest", methods=["POST"])
@access.roles_required(Role.TEACHER)
def tell_interest():
    """The teacher tells their administrator they are interested in this program year."""
    program = current_program(current_user.district_id, clock.today(),
                              school_id=current_user.school_id)
    if program is None:
        flash(_("The district has not opened a program year yet."), "error")
    elif interest_of(current_user, program) is None and database.add_unless_taken(
            ProgramInterest(program_id=program.id, teacher_id=current_user.id)):
        audit.record("interest_told", current_user.email, program.name)
        db.session.commit()
        flash(_("Your school administrator can now see that you are interested."), "success")
    return redirect(url_for("main.home", _anchor="interest-heading"))


@bp.route("/interest/withdraw", methods=["POST"])
@access.roles_required(Role.TEACHER)
def withdraw_interest():
    """Take "I'm interested" back, while the teacher is in no partnership of the year."""
    program = current_program(current_user.district_id, clock.today(),
                              school_id=current_user.school_id)
    interest = interest_of(current_user, program) if program else None
    if interest is not None and in_partnership(current_user, program):
        flash(_("You are in a partnership this year, so your interest stays on record."),
              "error")
    elif interest is not None:
        db.session.delete(interest)
        audit.record("interest_withdrawn", current_user.email, program.name)
        db.session.commit()
        flash(_("Your interest is taken back."), "info")
    return redirect(url_for("main.home", _anchor="interest-heading"))
