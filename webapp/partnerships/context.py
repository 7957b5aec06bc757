"""What each step page shows; one renderer for the page and its HTMX partial."""
from __future__ import annotations


from flask import render_template
from flask_login import current_user

from forms.reflection import QUESTIONS, ImpactForm, ReflectionForm
from forms.timeline import MilestoneForm

from .. import clock, drafts, htmx
from ..models import FinalReflection, Partnership
from . import deadlines, steps


def render_step(partnership: Partnership, key: str, *, form=None, status_code: int = 200,
                **extra):
    """The step page (or, for HTMX, the wizard panel alone)."""
    builders = {
        "objective": _shared, "approach": _shared, "timeline": _timeline,
        "partner": _partner, "cycles": _cycles, "reflection": _reflection,
    }
    values = builders[key](partnership, key, form, extra)
    return htmx.render(
        "partnerships/wizard.html", "partnerships/_wizard.html", status_code=status_code,
        partnership=partnership, key=key, current=steps.BY_KEY[key],
        progress=steps.progress(partnership), next_step=steps.next_step(partnership),
        **values, **extra)


def after_change(partnership: Partnership, key: str):
    """After a change on a step: the step panel for HTMX, else post/redirect/get."""
    from flask import redirect, url_for

    if htmx.wants_partial():
        return render_step(partnership, key)
    return redirect(url_for("partnerships.step", partnership_id=partnership.id, key=key))


def save_status(partnership: Partnership, section: str, *, result=None, form=None,
                version: int | None = None) -> str:
    """The small "Saved 10:42" (or conflict, or problem) area an autosave updates."""
    if version is None:
        version = getattr(partnership, f"{section}_version")
    return render_template("partnerships/_save_status.html", partnership=partnership,
                           section=section, result=result, form=form, version=version)


def _shared(partnership, key, form, extra):
    from .steps_views import build_shared_form

    return {"form": form or build_shared_form(partnership, key)}


def _timeline(partnership, key, form, extra):
    values = _shared(partnership, key, form, extra)
    values.update(
        milestone_form=extra.pop("milestone_form", None)
        or MilestoneForm(formdata=None, program=partnership.program),
        program_deadlines=deadlines.program_deadlines(partnership.program),
        deadline_flags=_my_deadline_flags(partnership),
        warnings=deadlines.timeline_warnings(partnership),
    )
    return values


def _my_deadline_flags(partnership: Partnership) -> dict[str, tuple]:
    """The viewing member's flag and day on each program deadline, by key ({} for others)."""
    from ..dashboard import status

    program = partnership.program
    if not program.deadlines or not partnership.is_member(current_user):
        return {}
    mine = status.teacher_statuses([current_user], program, clock.today())[0]
    return {key: (state, mine.done_on[key]) for key, state in mine.flags.items()}


def _partner(partnership, key, form, extra):
    return {"invitations": [m for m in partnership.memberships
                            if m.user_id != partnership.created_by_id]}


def visits_context(partnership: Partnership) -> dict:
    """The partnership's classroom visits (they live in step 5), for its pages."""
    from sqlalchemy import select

    from ..extensions import db
    from ..models import Visit

    from .. import access

    visits = [v for v in db.session.scalars(
        select(Visit).where(Visit.partnership_id == partnership.id)
        .order_by(Visit.proposed_date)) if access.can_view_visit(current_user, v)]
    # Offered only where the request form opens: not before a partner has joined, not
    # once the partnership is complete (QA: the button led back to step 5's refusal).
    return {"partnership_visits": visits,
            "can_request_visit": partnership.is_member(current_user)
            and partnership.program.practice("visits") is not None
            and access.change_problem(partnership, "cycles") is None}


def _cycles(partnership, key, form, extra):
    from ..targets.content import offer_look_fors
    from .cycles import new_entry_form_class, stage_at
    from .stages import has_record

    form_class = new_entry_form_class(partnership)
    draft = drafts.find(drafts.key("cycle-new", partnership.id))
    cycle_form = extra.pop("cycle_form", None)
    if cycle_form is None and draft is not None:  # what was typed last time comes back
        cycle_form = form_class(formdata=drafts.formdata(draft), program=partnership.program)
    if cycle_form is None:
        cycle_form = form_class(formdata=None, program=partnership.program)
        today = clock.today()
        cycle_form.met_on.data = today if partnership.program.contains(today) else None
        cycle_form.attendees.data = ", ".join(u.name for u in partnership.members)
    offer_look_fors(cycle_form, partnership)  # the Instructional Target's, if any
    position = partnership.stage_position
    # The current stage has no record yet: its form stands open (after a move, too).
    stage_waits = position is not None and not has_record(partnership, position.round,
                                                          position.stage["key"])
    return {"cycle_form": cycle_form, "cycle_draft": draft, "stage_at": stage_at(partnership),
            "stage_waits": stage_waits, **visits_context(partnership)}


def _reflection(partnership, key, form, extra):
    mine = own_reflection(partnership)
    reflection_form = extra.pop("reflection_form", None)
    if reflection_form is None:
        reflection_form = ReflectionForm(formdata=None, obj=mine)
        reflection_form.version.data = str(mine.version if mine else 0)
    impact_form = extra.pop("impact_form", None)
    if impact_form is None:
        impact_form = ImpactForm(formdata=None, obj=partnership)
        impact_form.version.data = str(partnership.impact_version)
    others = [r for r in partnership.reflections
              if r.user_id != current_user.id and r.submitted_at]
    waiting_for = [u for u in partnership.members if not any(
        r.user_id == u.id and r.submitted_at for r in partnership.reflections)]
    return {"reflection_form": reflection_form, "impact_form": impact_form,
            "mine": mine, "others": others, "questions": QUESTIONS,
            "waiting_for": waiting_for,
            "completion_missing": _completion_missing(partnership)}


def _completion_missing(partnership: Partnership) -> list[str]:
    from .lifecycle import missing_for_completion

    return missing_for_completion(partnership, clock.today())


def own_reflection(partnership: Partnership) -> FinalReflection | None:
    return next((r for r in partnership.reflections if r.user_id == current_user.id), None)
