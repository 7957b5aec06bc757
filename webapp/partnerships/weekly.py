"""Weekly written reflections (seed 001, where the program has the practice on): each
member writes one a week, Monday to Sunday; private to the writer unless shared with the
partners; never read by a principal (peer work is not evaluation: the seed asks for "a
non-evaluative relationship with teachers")."""
from __future__ import annotations

from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from forms.weekly import WeeklyReflectionForm

from .. import access, clock, database, htmx
from ..extensions import db
from ..models import MemberStatus, Partnership, User, WeeklyReflection
from ..models.base import utcnow
from . import bp
from .saving import edit_token

WEEK = timedelta(days=7)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def formed_on(partnership: Partnership) -> date | None:
    """The day the second member joined (the first is the starter, or the first to accept
    a principal's suggested match); None while the partnership has one member."""
    joined = sorted(m.responded_at or partnership.created_at for m in partnership.memberships
                    if m.status is MemberStatus.ACCEPTED)
    return joined[1].date() if len(joined) >= 2 else None


def weeks(partnership: Partnership, today: date) -> list[date]:
    """The Mondays of the weeks a member writes for, newest first: from the week the
    partnership formed (or the program began, if later) to this week, within the program
    year and not after the partnership was completed."""
    formed = formed_on(partnership)
    if formed is None:
        return []
    program = partnership.program
    last = min(today, program.end_date)
    if partnership.completed_at:
        last = min(last, partnership.completed_at.date())
    first, week, found = monday(max(formed, program.start_date)), monday(last), []
    while week >= first:
        found.append(week)
        week -= WEEK
    return found


def own(partnership: Partnership, user: User) -> dict[date, WeeklyReflection]:
    """The user's reflections in this partnership, by week."""
    rows = db.session.scalars(select(WeeklyReflection).where(
        WeeklyReflection.partnership_id == partnership.id, WeeklyReflection.user_id == user.id))
    return {r.week_of: r for r in rows}


def readable(partnership: Partnership, user: User) -> list[WeeklyReflection]:
    """The written reflections `user` may read: their own, and what partners shared
    (by week, then writer); none for anyone else (access.can_read_weekly)."""
    rows = db.session.scalars(select(WeeklyReflection).where(
        WeeklyReflection.partnership_id == partnership.id)
        .order_by(WeeklyReflection.week_of, WeeklyReflection.user_id))
    return [r for r in rows if r.written and access.can_read_weekly(user, r)]


def due_this_week(partnership: Partnership, user: User, today: date) -> date | None:
    """This week's Monday while the member has not written this week's reflection of an
    open partnership whose program asks for them; else None."""
    if (partnership.program.practice("weekly_reflections") is None
            or not partnership.is_member(user) or access.change_problem(partnership)):
        return None
    listed = weeks(partnership, today)
    if not listed or listed[0] != monday(today):
        return None
    mine = own(partnership, user).get(listed[0])
    return None if mine is not None and mine.written else listed[0]


def principles(program) -> list[dict]:
    """The program's partnership principles ({name, meaning}), none without the practice."""
    return list((program.practice("principles") or {}).get("items", []))


# Pages -------------------------------------------------------------------------------

@bp.route("/<int:partnership_id>/weekly")
@login_required
def weekly(partnership_id: int):
    """The writer's weeks, written or missing, and what the partners shared."""
    partnership = access.weeklies_of_member(partnership_id)
    today = clock.today()
    mine = own(partnership, current_user)
    return render_template(
        "partnerships/weekly.html", partnership=partnership, this_week=monday(today),
        rows=[(week, mine.get(week), _late(mine.get(week), week))
              for week in weeks(partnership, today)],
        shared=[r for r in reversed(readable(partnership, current_user))
                if r.user_id != current_user.id],
        closed_reason=access.change_problem(partnership), principles=principles(
            partnership.program))


@bp.route("/<int:partnership_id>/weekly/<week>", methods=["GET", "POST"])
@login_required
def weekly_week(partnership_id: int, week: str):
    """Write or edit one's reflection of one week (autosaved while typing); a save from an
    older version (another tab) shows both instead of overwriting."""
    partnership = access.weeklies_of_member(partnership_id)
    week_of = _listed_week(partnership, week)
    mine = own(partnership, current_user).get(week_of)
    if request.method == "GET":
        form = _form(partnership, mine, formdata=None, obj=mine)
        form.version.data = str(mine.version if mine else 0)
        return _page(partnership, week_of, form, mine)
    here = url_for("partnerships.weekly_week", partnership_id=partnership.id, week=week)
    access.ensure_open(partnership, back=here)
    autosave = request.form.get("autosave") == "1"
    form = _form(partnership, mine)
    if not form.validate():
        if autosave:
            return render_template("partnerships/_weekly_status.html", form=form), 422
        return _page(partnership, week_of, form, mine, htmx.VALIDATION_FAILED)
    if mine is None:
        mine = WeeklyReflection(partnership_id=partnership.id, user_id=current_user.id,
                                week_of=week_of, version=0, edit_token="")
        if not database.add_unless_taken(mine):  # another tab wrote this week first
            mine = own(partnership, current_user)[week_of]
    if _stale(form, mine):
        conflict, newer = _conflict(form, mine), mine.version
        db.session.rollback()
        if autosave:
            return render_template("partnerships/_weekly_status.html", conflict=conflict,
                                   version=newer), 409
        return _page(partnership, week_of, form, mine, 409, conflict=conflict, version=newer)
    mine.principle, mine.text = form.principle.data or "", form.text.data
    mine.shared = form.shared.data
    mine.written_on = mine.written_on or clock.today()
    mine.version += 1
    mine.updated_at, mine.edit_token = utcnow(), edit_token()
    db.session.commit()
    if autosave:
        return render_template("partnerships/_weekly_status.html", saved_at=mine.updated_at,
                               version=mine.version)
    flash(_("Your reflection for the week of %(day)s is saved.",
            day=format_date(week_of, "medium")), "success")
    return redirect(url_for("partnerships.weekly", partnership_id=partnership.id))


def _late(reflection: WeeklyReflection | None, week: date) -> date | None:
    """The day a reflection was first written, when that was after its week."""
    if reflection is None or not reflection.written or reflection.written_on is None:
        return None
    day = reflection.written_on
    return day if day > week + timedelta(days=6) else None


def _listed_week(partnership: Partnership, week: str) -> date:
    """The Monday named in the URL, if it is one of the writer's weeks (else 404: a week
    to come, or before the partnership formed, has no reflection)."""
    try:
        day = date.fromisoformat(week)
    except ValueError:
        abort(404)
    if day not in weeks(partnership, clock.today()):
        abort(404)
    return day


def _form(partnership: Partnership, mine: WeeklyReflection | None, **kwargs):
    practice = partnership.program.practice("weekly_reflections") or {}
    return WeeklyReflectionForm(prompt=practice.get("prompt", ""),
                                principles=principles(partnership.program),
                                kept=mine.principle if mine else "", **kwargs)


def _stale(form: WeeklyReflectionForm, mine: WeeklyReflection) -> bool:
    """Saved meanwhile from elsewhere (not this tab's own autosave, not an overwrite)."""
    if form.version.data == str(mine.version):
        return False
    if request.form.get("overwrite_version") == str(mine.version):
        return False
    token = edit_token()
    return not (token and mine.edit_token == token)


def _conflict(form: WeeklyReflectionForm, mine: WeeklyReflection) -> dict:
    """Both versions as (label, value) rows, for the conflict panel."""
    def rows(principle, text, shared):
        return [(str(form.principle.label.text), principle or str(form.principle.choices[0].label)),
                (str(form.text.label.text), text),
                (str(form.shared.label.text), _("Yes") if shared else _("No"))]

    at = mine.updated_at.isoformat(timespec="seconds") if mine.updated_at else ""
    return {"theirs": rows(mine.principle, mine.text, mine.shared),
            "mine": rows(form.principle.data, form.text.data, form.shared.data),
            "saved_at": at}


def _page(partnership, week_of, form, mine, status: int = 200, **extra):
    return render_template(
        "partnerships/weekly_week.html", partnership=partnership, week_of=week_of,
        sunday=week_of + timedelta(days=6), form=form, mine=mine,
        closed_reason=access.change_problem(partnership),
        version=extra.pop("version", mine.version if mine else 0), **extra), status
