"""Program pages for district administrators."""
from __future__ import annotations

import copy

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from wtforms.fields.choices import SelectChoice

from forms.program import INTRO_STEPS, ProgramForm, deadline_rows_data

from .. import access, audit, clock
from ..extensions import db
from ..models import CycleEntry, Partnership, Program, School
from . import (bp, cycle_definitions, cycle_practices, practice_settings, practice_switches,
               presets, reflection_practices, rollover)
from .operations import program_from_model, school_year_of


@bp.route("/")
@access.district_admin_required
def index():
    """The district's programs, newest first."""
    programs = db.session.scalars(select(Program).where(
        Program.district_id == current_user.district_id).order_by(Program.start_date.desc())).all()
    return render_template("programs/index.html", programs=programs)


def _fill(program: Program, form: ProgramForm) -> None:
    for name in ("name", "start_date", "end_date", "release_days"):
        setattr(program, name, getattr(form, name).data)
    settings = copy.deepcopy(program.settings or {})
    settings["deadlines"] = form.deadline_list(set(program.deadline_keys))
    program.settings = settings
    for name, values in form.list_values().items():
        setattr(program, name, values)
    program.words = form.words()
    reflection_practices.store(program, form)
    cycle_practices.store(program, form)
    chosen = set(form.schools.data or ())
    program.schools = [school for school in _schools() if school.id in chosen]
    if form.group_min.data is not None and form.group_max.data is not None:
        settings = copy.deepcopy(program.settings or {})
        settings["group"] = {"min": form.group_min.data, "max": form.group_max.data,
                             "formed_by": form.formed_by.data or "teachers"}
        program.settings = settings
    practice_switches.store(program, form.practices_on.data
                            if "practices_shown" in request.form else None)
    practice_settings.store(program, form, form.practice_settings_shown.data == "1")
    _store_sources_and_cycle(program, form)
    if "visits" in (program.settings or {}).get("practices", {}):
        # One number: the release days on the form are the visits practice's budget.
        settings = copy.deepcopy(program.settings)
        settings["practices"]["visits"]["release_days"] = program.release_days
        program.settings = settings


def _store_sources_and_cycle(program: Program, form: ProgramForm) -> None:
    """The objective sources as ticked, and the cycle as chosen (a new cycle brings its
    stages; _cycle_refused made sure nobody logged work in the old one)."""
    settings = copy.deepcopy(program.settings or {})
    if form.objective_sources_shown.data == "1":
        settings["objective_sources"] = list(form.objective_sources.data or [])
    chosen = form.cycle.data
    if chosen and chosen != settings.get("cycle", cycle_definitions.DEFAULT_KEY):
        settings["cycle"] = chosen
        settings["cycle_stages"] = cycle_definitions.cycle(chosen).stage_settings()
        for partnership in _partnerships_of(program):
            partnership.cycle_round, partnership.cycle_stage = 1, ""
    program.settings = settings


def _partnerships_of(program: Program) -> list[Partnership]:
    if program.id is None:
        return []
    return list(db.session.scalars(select(Partnership).where(
        Partnership.program_id == program.id)))


def _cycle_refused(form: ProgramForm, program: Program | None) -> bool:
    """A program's cycle changes only while nobody has logged work in it, and the
    program keeps at least one objective source. Messages go to the fields."""
    refused = False
    if form.objective_sources_shown.data == "1" and not form.objective_sources.data:
        form.objective_sources.errors = [_("Tick at least one.")]
        refused = True
    current = ((program.settings or {}).get("cycle") if program else None) \
        or cycle_definitions.DEFAULT_KEY
    if program is not None and form.cycle.data and form.cycle.data != current:
        logged = db.session.scalar(
            select(func.count()).select_from(CycleEntry).join(Partnership)
            .where(Partnership.program_id == program.id))
        if logged:
            form.cycle.errors = [_("Partnerships of this program have logged work in its "
                                   "cycle already, so the cycle stays for this year. "
                                   "Start next year from this program to change it.")]
            refused = True
    return refused


def _words_data(program: Program) -> dict:
    """The form's word fields from the program's words (its model's where it has none)."""
    model = presets.model(program.model_key)
    words = program.words or model.words()
    intros = words.get("intro", {})
    return {"visit_form_title": words.get("visit_form_title") or model.visit_form_title,
            **{f"intro_{key}": intros.get(key, "") for key in INTRO_STEPS}}


def _schools() -> list[School]:
    return list(db.session.scalars(access.schools_query(current_user)))


def _form_for(program: Program) -> ProgramForm:
    form = ProgramForm(obj=program, **_words_data(program),
                       **reflection_practices.form_data(program),
                       **cycle_practices.form_data(program),
                       **practice_settings.form_data(program))
    reflection_practices.prepare(form, program)
    cycle_practices.prepare(form, program)
    practice_settings.prepare(form, program)
    form.schools.choices = [(school.id, school.name) for school in _schools()]
    form.practices_on.choices = practice_switches.choices()
    form.cycle.choices = [SelectChoice(c.key, c.name)
                          for c in cycle_definitions.load_cycles().values()]
    if not any(name.startswith("deadline_rows-") for name in request.form):
        # Not posted (a first GET, or a post without the rows): the program's own list.
        form.deadline_rows.process(None, deadline_rows_data(program.deadlines))
    form.adding_rows = "add_deadline_rows" in request.form
    if form.adding_rows:  # "More deadline rows": the same form again, two rows longer
        form.add_deadline_rows()
    if not form.is_submitted():
        for name in ("focus_areas", "approaches", "rubric_indicators"):
            getattr(form, name).data = "\n".join(getattr(program, name))
        form.schools.data = [school.id for school in program.schools]
        form.practices_on.data = practice_switches.on(program)
        settings = program.settings or {}
        form.cycle.data = settings.get("cycle") or cycle_definitions.DEFAULT_KEY
        form.objective_sources.data = settings.get("objective_sources") or [
            key for key, _label in form.objective_sources.choices]
        form.group_min.data, form.group_max.data = program.group_size
        form.formed_by.data = "principal" if program.principal_forms_teams else "teachers"
    return form


def _school_clashes(form: ProgramForm, program: Program | None) -> bool:
    """A ticked school already ticked in another program on some of these dates: the
    school would not know which program it runs. The message goes to the schools field."""
    chosen = set(form.schools.data or ())
    start, end = form.start_date.data, form.end_date.data
    clashes = []
    for other in db.session.scalars(select(Program).where(
            Program.district_id == current_user.district_id,
            Program.start_date <= end, Program.end_date >= start)):
        if other is program:
            continue
        clashes += [_("%(school)s runs %(program)s on some of these dates.",
                      school=school.name, program=other.name)
                    for school in other.schools if school.id in chosen]
    form.schools.errors = list(form.schools.errors) + clashes
    return bool(clashes)


def _overlaps(form: ProgramForm, program: Program | None) -> list[Program]:
    """Other years of the same program the form's dates overlap (none once confirmed)."""
    overlaps = rollover.overlapping(current_user.district_id, form.name.data,
                                    form.start_date.data, form.end_date.data, excluding=program)
    if overlaps and not form.confirm_overlap.data:
        form.confirm_overlap.errors.append(_(
            "These dates overlap %(names)s. Change the dates, or tick this box to keep both.",
            names=", ".join(p.name for p in overlaps)))
    return overlaps


def _create(template: Program, heading: str, **chooser):
    """The new-program form started from `template`; saved once checked and confirmed."""
    form = _form_for(template)
    overlaps = []
    if not form.adding_rows and form.validate_on_submit() \
            and not _school_clashes(form, None) and not _cycle_refused(form, None):
        overlaps = _overlaps(form, None)
        if not overlaps or form.confirm_overlap.data:
            program = Program(district_id=current_user.district_id,
                              model_key=template.model_key,
                              settings=copy.deepcopy(template.settings))
            _fill(program, form)
            db.session.add(program)
            audit.record("program_created", program.name,
                         f"{program.start_date.isoformat()} – {program.end_date.isoformat()}")
            db.session.commit()
            flash(_("%(name)s was created.", name=program.name), "success")
            return redirect(url_for("programs.index"))
    return render_template("programs/form.html", form=form, program=None, heading=heading,
                           overlaps=overlaps, template=template, **chooser)


@bp.route("/new", methods=["GET", "POST"])
@access.district_admin_required
def new():
    """A new program year: from a chosen model, else the latest program a year on, or
    Partners in Practice for a first one."""
    latest = rollover.latest_program(current_user.district_id)
    chosen = request.args.get("model")
    if chosen and chosen not in presets.MODELS:
        abort(404)
    if chosen or not latest:
        model = presets.model(chosen)
        template = program_from_model(current_user.district_id, model,
                                      school_year_of(clock.today()))
    else:
        template = rollover.next_year_copy(latest)
    return _create(template, _("New program year"), models=list(presets.MODELS.values()),
                   chosen=chosen or ("" if latest else presets.DEFAULT_KEY), latest=latest)


@bp.route("/<int:program_id>/next-year", methods=["GET", "POST"])
@access.district_admin_required
def next_year(program_id: int):
    """Start next year from this program: its copy a year on, to check before saving."""
    program = access.program_for_change(program_id)
    return _create(rollover.next_year_copy(program),
                   _("Start next year from %(name)s", name=program.name))


@bp.route("/<int:program_id>/edit", methods=["GET", "POST"])
@access.district_admin_required
def edit(program_id: int):
    """Change a program's dates, deadlines and lists."""
    program = access.program_for_change(program_id)
    form = _form_for(program)
    form.confirm_overlap.label.text = _("Save it anyway")
    overlaps = []
    if not form.adding_rows and form.validate_on_submit() \
            and not _school_clashes(form, program) and not _cycle_refused(form, program):
        overlaps = _overlaps(form, program)
        if not overlaps or form.confirm_overlap.data:
            _fill(program, form)
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("programs.index"))
    return render_template("programs/form.html", form=form, program=program, overlaps=overlaps,
                           heading=_("Edit %(name)s", name=program.name))


@bp.route("/<int:program_id>/delete", methods=["GET", "POST"])
@access.district_admin_required
def delete(program_id: int):
    """Delete a program nobody used yet (a mistaken or duplicate year), after confirming."""
    program = access.program_for_change(program_id)
    uses = rollover.uses(program)
    if uses or request.method == "GET":
        # A used program stays: the page says what uses it (409 if deleting was tried).
        status = 409 if uses and request.method == "POST" else 200
        return render_template("programs/delete.html", program=program, uses=uses), status
    audit.record("program_deleted", program.name,
                 f"{program.start_date.isoformat()} – {program.end_date.isoformat()}")
    db.session.delete(program)
    db.session.commit()
    flash(_("%(name)s was deleted.", name=program.name), "info")
    return redirect(url_for("programs.index"))

