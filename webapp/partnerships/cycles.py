"""Step 5: logged meetings (reflect – plan – act entries, or records of the current stage
of a staged cycle). Any member adds; only the author edits."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forms.cycle import CycleForm, stage_record_form

from .. import access, drafts, htmx, once
from ..extensions import db
from ..models import CycleEntry, Partnership
from ..models.base import utcnow
from ..targets.content import offer_look_fors
from . import bp, context
from .saving import shown_values

ENTRY_FIELDS = ("met_on", "attendees", "minutes", "reflected", "planned", "acted", "evidence")
MEETING_FIELDS = ("met_on", "attendees", "minutes")


def new_entry_form_class(partnership: Partnership) -> type:
    """A staged cycle's new record asks the current stage's questions."""
    position = partnership.stage_position
    return CycleForm if position is None else stage_record_form(position.stage["prompts"])


def entry_form_class(entry: CycleEntry) -> type:
    """A stage record is edited with the questions it answered."""
    return stage_record_form([a["prompt"] for a in entry.answers]) if entry.stage else CycleForm


def entry_values(entry: CycleEntry) -> dict:
    """The entry's saved values by form field name."""
    seen = {"look_fors_seen": list(entry.look_fors_seen or [])}  # Instructional Target
    if not entry.stage:
        return {**{name: getattr(entry, name) for name in ENTRY_FIELDS}, **seen}
    return {**{name: getattr(entry, name) for name in MEETING_FIELDS}, **seen,
            **{f"answer_{n}": a["answer"] for n, a in enumerate(entry.answers, 1)}}


def _save_values(entry: CycleEntry, form) -> None:
    if form.look_fors_seen.choices:  # offered only where the school has a target
        entry.look_fors_seen = form.look_fors_seen.data or []
    if not entry.stage:
        for name in ENTRY_FIELDS:
            setattr(entry, name, getattr(form, name).data)
        return
    for name in MEETING_FIELDS:
        setattr(entry, name, getattr(form, name).data)
    entry.answers = form.answers()


def _stage_moved(partnership: Partnership, form) -> bool:
    """The team moved to another stage since this record's form was opened: say so at
    the first question (the text stays) rather than file it under the wrong stage."""
    from flask_babel import lazy_gettext as _l

    position = partnership.stage_position
    seen = request.form.get("stage_at")
    if position is None or seen is None or seen == stage_at(partnership):
        return False
    form.answer_fields[0].errors.append(_l(
        "The team moved on to stage %(number)d, %(name)s, while you were writing. Your text "
        "is kept here: check that it answers this stage's questions, then add it.",
        number=position.number, name=position.stage["name"]))
    return True


def stage_at(partnership: Partnership) -> str:
    """The round and stage a new record's form was opened at (sent back with it)."""
    position = partnership.stage_position
    return f"{position.round}:{position.stage['key']}" if position else ""


@bp.route("/<int:partnership_id>/cycles/new", methods=["POST"])
@login_required
def cycle_add(partnership_id: int):
    """Log a meeting."""
    partnership = access.partnership_for_change(partnership_id, "cycles")
    form = new_entry_form_class(partnership)(program=partnership.program)
    offer_look_fors(form, partnership)
    draft_key = drafts.key("cycle-new", partnership.id)
    if not form.validate() or _stage_moved(partnership, form):
        drafts.keep(draft_key, request.form)  # a reload still finds the text
        db.session.commit()
        return context.render_step(partnership, "cycles", cycle_form=form,
                                   status_code=htmx.VALIDATION_FAILED if htmx.wants_partial()
                                   else 200)
    claim = once.claim()
    if claim.earlier_url is not None:  # a retry of a request that was answered already
        flash(_("This meeting is logged already."), "info")
        return context.after_change(partnership, "cycles")
    entry = CycleEntry(author_id=current_user.id)
    position = partnership.stage_position
    if position is not None:
        entry.cycle_round, entry.stage = position.round, position.stage["key"]
        entry.stage_name = position.stage["name"]
    _save_values(entry, form)
    entry.version = 1
    partnership.cycles.append(entry)
    db.session.flush()
    claim.done(url_for("partnerships.step", partnership_id=partnership.id, key="cycles"))
    drafts.discard(draft_key)
    db.session.commit()
    flash(_("The meeting of %(day)s is logged.", day=entry.met_on.isoformat()), "success")
    return context.after_change(partnership, "cycles")


@bp.route("/cycles/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def cycle_edit(entry_id: int):
    """Edit one's own entry; a stale edit (another tab) is refused, the text kept."""
    entry = access.cycle_entry_for_author(entry_id)
    partnership = entry.partnership
    draft_key = drafts.key("cycle-edit", entry.id)
    draft = None
    form_class = entry_form_class(entry)
    if request.method == "GET":
        draft = drafts.find(draft_key)  # unsent changes of last time come back
        form = form_class(formdata=drafts.formdata(draft), program=partnership.program,
                          **entry_values(entry))
    else:
        form = form_class(program=partnership.program)
    offer_look_fors(form, partnership, entry.look_fors_seen)
    conflict = None
    if request.method == "GET":
        form.version.data = str(entry.version)
    elif form.validate():
        if form.version.data != str(entry.version) and \
                request.form.get("overwrite_version") != str(entry.version):
            conflict = shown_values(form, entry_values(entry))
        else:
            _save_values(entry, form)
            entry.version += 1
            entry.updated_at = utcnow()
            drafts.discard(draft_key)
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("partnerships.step", partnership_id=partnership.id,
                                    key="cycles"))
    status = 409 if conflict else (200 if request.method == "GET" or not form.errors
                                   else htmx.VALIDATION_FAILED)
    return render_template("partnerships/cycle_edit.html", form=form, entry=entry,
                           partnership=partnership, conflict=conflict,
                           draft=draft or drafts.find(draft_key)), status


@bp.route("/cycles/<int:entry_id>/delete", methods=["GET", "POST"])
@login_required
def cycle_delete(entry_id: int):
    """Its author deletes an entry; the GET page asks first (it works without JS)."""
    entry = access.cycle_entry_for_author(entry_id)
    partnership = entry.partnership
    if request.method == "GET":
        return render_template("partnerships/cycle_delete.html", entry=entry,
                               partnership=partnership)
    day = entry.met_on.isoformat()
    db.session.delete(entry)
    db.session.commit()
    flash(_("The entry of %(day)s is deleted.", day=day), "info")
    return redirect(url_for("partnerships.step", partnership_id=partnership.id, key="cycles"))


@bp.route("/<int:partnership_id>/cycles/done", methods=["POST"])
@login_required
def cycles_done(partnership_id: int):
    """We are ready for the final reflection (or not yet, to log more meetings)."""
    partnership = access.partnership_for_change(partnership_id, "cycles")
    if not partnership.cycles:
        flash(_("Log at least one meeting first."), "error")
        return context.after_change(partnership, "cycles")
    partnership.cycles_done = request.form.get("done") == "1"
    db.session.commit()
    if partnership.cycles_done:
        return redirect(url_for("partnerships.step", partnership_id=partnership.id,
                                key="reflection"))
    return context.after_change(partnership, "cycles")


@bp.route("/<int:partnership_id>/sharing", methods=["POST"])
@login_required
def sharing(partnership_id: int):
    """Share (or stop sharing) the cycle entries with the principal."""
    partnership = access.partnership_for_member(partnership_id)
    partnership.share_cycles_with_principal = request.form.get("share") == "1"
    db.session.commit()
    flash(_("Your cycle entries are now visible to your principal.")
          if partnership.share_cycles_with_principal
          else _("Your cycle entries are private to the partnership."), "info")
    return context.after_change(partnership, "cycles")
