"""Pages of suggested matches (#11). Scores are evaluation data: district administrators
see the district's, principals their school's, teachers nothing (every route here is for
those two roles, and every view of scores is audited).

    /matching/scores                 import (preview, confirm), years on file, delete
    /matching/scores/<year>          the year's scores (audited)
    /matching/                       the principal's review: run, exclude, lock, pair by
                                     hand, focal indicators, note, finalize
    /matching/district               every school at once, with coverage (administrators)
    /matching/exclusions             pairs that must not be matched (principals)
"""
from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from forms.matching import (ExclusionForm, FinalizeForm, PairForm, ScoresConfirmForm,
                            ScoresUploadForm, year_choices)

from .. import access, audit, clock, database
from ..extensions import db
from ..models import IndicatorScore, MatchExclusion, MatchRun, Role, School, User
from ..programs.operations import current_program, programs_by_school, school_year_of
from . import runs, scores

bp = Blueprint("matching", __name__, url_prefix="/matching")
viewers = access.roles_required(Role.PRINCIPAL, Role.DISTRICT_ADMIN)
principals = access.roles_required(Role.PRINCIPAL)


def _this_year() -> int:
    return school_year_of(clock.today())


# --- scores -------------------------------------------------------------------------------

@bp.route("/scores", methods=["GET", "POST"])
@viewers
def scores_page():
    form = ScoresUploadForm()
    form.school_year.choices = year_choices(_this_year())
    if form.validate_on_submit():
        with database.reading():
            try:
                text = scores.decode(form.scores.data.read())
                plan = scores.plan_import(text, current_user, form.school_year.data)
            except scores.RosterFileError as problem:
                form.scores.errors.append(str(problem))
            else:
                confirm = ScoresConfirmForm(formdata=None, csv_text=text,
                                            school_year=form.school_year.data)
                return render_template("matching/scores_preview.html", plan=plan,
                                       form=confirm, year=form.school_year.data,
                                       filename=form.scores.data.filename)
    return render_template("matching/scores.html", form=form, years=_years_on_file(),
                           indicators=scores.indicator_list(current_user.district_id))


@bp.route("/scores/confirm", methods=["POST"])
@viewers
def scores_confirm():
    form = ScoresConfirmForm()
    if not form.validate_on_submit() or not form.csv_text.data:
        flash(_("Upload the scores again."), "error")
        return redirect(url_for("matching.scores_page"))
    try:
        plan = scores.plan_import(form.csv_text.data, current_user, form.school_year.data)
    except scores.RosterFileError as problem:
        flash(str(problem), "error")
        return redirect(url_for("matching.scores_page"))
    scores.apply(plan, current_user, form.school_year.data)
    db.session.commit()
    flash(_("Scores imported: %(c)d new, %(u)d changed, %(n)d unchanged, %(e)d refused.",
            c=plan.count("create"), u=plan.count("update"), n=plan.count("unchanged"),
            e=len(plan.errors)), "success")
    return redirect(url_for("matching.scores_page"))


@bp.route("/scores/<int:year>")
@viewers
def scores_year(year: int):
    """The year's scores, a row per teacher (audited: this is evaluation data)."""
    teachers = scores.teachers_of(current_user)
    found = scores.school_teachers_with_scores(list(teachers.values()), year)
    if not found:
        abort(404)
    people = sorted((t for t in teachers.values() if t.id in found),
                    key=lambda t: (t.name, t.id))
    audit.record_now("scores_viewed", f"{year}–{(year + 1) % 100:02d}",
                     f"{len(people)} teachers")
    return render_template("matching/scores_year.html", year=year, people=people,
                           found=found, indicators=scores.indicator_list(
                               current_user.district_id))


@bp.route("/scores/<int:year>/delete", methods=["POST"])
@viewers
def scores_delete(year: int):
    count = scores.delete_year(current_user, year)
    db.session.commit()
    flash(_("%(n)d scores of %(year)s deleted.", n=count, year=_year_label(year)), "success")
    return redirect(url_for("matching.scores_page"))


def _years_on_file() -> list[tuple[int, int, int]]:
    """(year, teachers, scores) that the user may see, newest first."""
    ids = [t.id for t in scores.teachers_of(current_user).values()]
    return list(db.session.execute(
        select(IndicatorScore.school_year, func.count(func.distinct(IndicatorScore.teacher_id)),
               func.count()).where(IndicatorScore.teacher_id.in_(ids))
        .group_by(IndicatorScore.school_year).order_by(IndicatorScore.school_year.desc())))


def _year_label(year: int) -> str:
    return f"{year}–{(year + 1) % 100:02d}"


# --- the principal's review ------------------------------------------------------------------

def _school_program():
    if current_user.school_id is None:
        abort(404)
    school = access.school_for_view(current_user.school_id)
    program = current_program(current_user.district_id, school_id=school.id)
    if program is None or program.practice("matching") is None:
        return school, None
    return school, program


@bp.route("/", methods=["GET"])
@principals
def review():
    school, program = _school_program()
    run = runs.latest(school, program) if program else None
    if run is not None and run.pairs:  # the explanations quote scores: a view of them
        audit.record_now("scores_viewed", school.name, "suggested matches")
    return _review_page(school, program, run)


def _review_page(school, program, run, form=None, status: int = 200):
    people = {u.id: u for u in runs.school_teachers(school)}
    if run is not None and form is None:
        form = FinalizeForm(formdata=None, version=str(run.version), note=run.note)
    year = program.start_date.year - 1 if program else None
    return render_template(
        "matching/review.html", school=school, program=program, run=run, people=people,
        form=form, pair_form=PairForm(formdata=None), year=year,
        indicators=list(program.rubric_indicators) if program else [],
        has_scores=bool(year and scores.school_teachers_with_scores(
            list(people.values()), year)),
    ), status


@bp.route("/run", methods=["POST"])
@principals
def run_matches():
    school, program = _school_program()
    if program is None:
        abort(404)
    old = runs.latest(school, program)
    if old is not None:
        db.session.delete(old)  # a fresh run replaces the one under review
    runs.start(school, program, program.start_date.year - 1, current_user)
    db.session.commit()
    return redirect(url_for("matching.review"))


def _run_for_change(run_id: int) -> MatchRun:
    run = db.session.get(MatchRun, run_id)
    if run is None or run.school_id != current_user.school_id or run.finalized_at:
        access.refuse(f"match run {run_id}")
    return run


@bp.route("/runs/<int:run_id>/<any(exclude,lock,unlock,pair):action>", methods=["POST"])
@principals
def change_run(run_id: int, action: str):
    """Exclude a pair, lock it, unlock it, or pair two teachers by hand; solved again."""
    run = _run_for_change(run_id)
    form = PairForm()
    teachers = {u.id for u in runs.school_teachers(run.school)}
    if not form.validate_on_submit() or not {form.first.data, form.second.data} <= teachers \
            or form.first.data == form.second.data:
        flash(_("Choose two different teachers of your school."), "error")
        return redirect(url_for("matching.review"))
    {"exclude": runs.exclude, "lock": runs.lock, "unlock": runs.unlock,
     "pair": runs.lock}[action](run, form.first.data, form.second.data)
    db.session.commit()
    return redirect(url_for("matching.review") + "#pairs")


@bp.route("/runs/<int:run_id>/finalize", methods=["POST"])
@principals
def finalize(run_id: int):
    run = _run_for_change(run_id)
    form = FinalizeForm()
    if not form.validate_on_submit():
        return _review_page(run.school, run.program, run, form, 422)
    if form.version.data != str(run.version):  # the pairs changed in another tab
        form.version.errors = [_("The suggestions changed since you opened this page: "
                                 "check them again, then finalize. Your note is kept.")]
        form.version.data = str(run.version)
        return _review_page(run.school, run.program, run, form, 409)
    allowed = set(run.program.rubric_indicators or [])
    focal = {}
    for pair in run.pairs:
        key = f"focal-{pair['a']}-{pair['b']}"
        focal[frozenset((pair["a"], pair["b"]))] = [
            i for i in request.form.getlist(key) if i in allowed]
    made = runs.finalize(run, current_user._get_current_object(), form.note.data or "", focal)
    db.session.commit()
    flash(_("%(n)d partnerships suggested: each teacher is invited to accept.", n=len(made)),
          "success")
    return redirect(url_for("dashboard.index", _anchor="matches"))


# --- pairs that must not be matched ---------------------------------------------------------

@bp.route("/exclusions", methods=["GET", "POST"])
@principals
def exclusions():
    school = access.school_for_view(current_user.school_id) if current_user.school_id \
        else abort(404)
    teachers = runs.school_teachers(school)
    form = ExclusionForm()
    form.first.choices = form.second.choices = [(t.id, t.name) for t in teachers]
    if form.validate_on_submit():
        first, second = sorted((form.first.data, form.second.data))
        if first == second:
            form.second.errors.append(_("Choose two different teachers."))
        elif db.session.scalar(select(MatchExclusion).where(
                MatchExclusion.first_id == first, MatchExclusion.second_id == second)):
            form.second.errors.append(_("These two are already on the list."))
        else:
            db.session.add(MatchExclusion(school_id=school.id, first_id=first,
                                          second_id=second, set_by_id=current_user.id))
            audit.record("match_exclusion_set", school.name, _names(teachers, first, second))
            db.session.commit()
            flash(_("They will not be suggested as a pair."), "success")
            return redirect(url_for("matching.exclusions"))
    listed = db.session.scalars(select(MatchExclusion).where(
        MatchExclusion.school_id == school.id).order_by(MatchExclusion.id))
    return render_template("matching/exclusions.html", form=form, listed=list(listed),
                           school=school)


@bp.route("/exclusions/<int:exclusion_id>/delete", methods=["POST"])
@principals
def exclusion_delete(exclusion_id: int):
    exclusion = db.session.get(MatchExclusion, exclusion_id)
    if exclusion is None or exclusion.school_id != current_user.school_id:
        access.refuse(f"match exclusion {exclusion_id}")
    audit.record("match_exclusion_removed", exclusion.first.name,
                 f"{exclusion.first.name} & {exclusion.second.name}")
    db.session.delete(exclusion)
    db.session.commit()
    return redirect(url_for("matching.exclusions"))


def _names(teachers: list[User], *ids: int) -> str:
    names = {t.id: t.name for t in teachers}
    return " & ".join(names.get(i, str(i)) for i in ids)


# --- the district ----------------------------------------------------------------------------

@bp.route("/district", methods=["GET", "POST"])
@access.district_admin_required
def district():
    """Run the suggestions for every school whose program has them, and see coverage."""
    schools = list(db.session.scalars(select(School).where(
        School.district_id == current_user.district_id).order_by(School.name)))
    if request.method == "POST":
        for school in schools:
            program = current_program(current_user.district_id, school_id=school.id)
            if program is None or program.practice("matching") is None:
                continue
            old = runs.latest(school, program)
            if old is not None:
                db.session.delete(old)
            runs.start(school, program, program.start_date.year - 1, current_user)
        db.session.commit()
        flash(_("Suggestions made for every school with the practice on. Each principal "
              "reviews and finalizes their school's."), "success")
        return redirect(url_for("matching.district"))
    # Every school's row from three queries, whatever the number of schools.
    current = programs_by_school(current_user.district_id, [s.id for s in schools])
    matching = [s for s in schools
                if current[s.id] is not None and current[s.id].practice("matching") is not None]
    ids = [s.id for s in matching]
    latest = {}  # (school, program) -> its newest run under review
    for run in db.session.scalars(select(MatchRun).where(
            MatchRun.school_id.in_(ids), MatchRun.finalized_at.is_(None))
            .order_by(MatchRun.id)):
        latest[run.school_id, run.program_id] = run
    counts = dict(db.session.execute(
        select(User.school_id, func.count()).where(
            User.school_id.in_(ids), User.role == Role.TEACHER, User.active)
        .group_by(User.school_id)).all())
    rows = []
    for school in matching:
        run = latest.get((school.id, current[school.id].id))
        teachers = counts.get(school.id, 0)
        rows.append({"school": school, "teachers": teachers, "run": run,
                     "coverage": runs.coverage(run) if run else None,
                     "too_few": teachers < 2})
    reasons = defaultdict(int)
    for row in rows:
        for reason in (row["run"].unmatched.values() if row["run"] else []):
            reasons[reason] += 1
    return render_template("matching/district.html", rows=rows, reasons=dict(reasons))
