"""The reminder settings page, the mail's unsubscribe link (no sign-in: the link is
signed), and the district administrator's pause."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import access, audit
from ..extensions import csrf, db
from ..models import ReminderOptOut, User
from . import bp
from .due import FOR_ROLES, KINDS
from .send import read_unsubscribe_token


def kinds_for(user: User) -> list[str]:
    return [kind for kind in KINDS if user.role in FOR_ROLES[kind]]


def _off(user: User) -> set[str]:
    return set(db.session.scalars(select(ReminderOptOut.kind)
                                  .where(ReminderOptOut.user_id == user.id)))


def _turn_off(user: User, kinds: list[str]) -> list[str]:
    """Turn the kinds off (those not off already); returns those turned off now."""
    already = _off(user)
    new = [kind for kind in kinds if kind not in already]
    db.session.add_all(ReminderOptOut(user_id=user.id, kind=kind) for kind in new)
    return new


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Which kinds of reminder the signed-in person gets."""
    if not access.can_change_own_reminders(current_user):
        access.refuse()
    mine = kinds_for(current_user)
    if request.method == "POST":
        wanted = set(request.form.getlist("kind")) & set(mine)
        off = _off(current_user)
        for row in db.session.scalars(select(ReminderOptOut).where(
                ReminderOptOut.user_id == current_user.id, ReminderOptOut.kind.in_(wanted))):
            db.session.delete(row)
        _turn_off(current_user, [k for k in mine if k not in wanted and k not in off])
        audit.record("reminder_settings_changed", current_user.email,
                     "on: " + (", ".join(sorted(wanted)) or "none"))
        db.session.commit()
        flash(_("Your reminder settings are saved."), "success")
        return redirect(url_for("reminders.settings"))
    return render_template("reminders/settings.html", kinds=[(k, KINDS[k]) for k in mine],
                           off=_off(current_user), paused=current_user.district.reminders_paused)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the permission; mail clients post here (RFC 8058)
def unsubscribe(token: str):
    """GET asks (a link checker opening it changes nothing); POST turns the kinds off,
    from the page's button or a mail client's one-click unsubscribe."""
    read = read_unsubscribe_token(token)
    person = db.session.get(User, read[0]) if read else None
    if person is None or not person.active:
        return render_template("reminders/unsubscribe.html", person=None), 404
    kinds = read[1]
    if request.method == "POST":
        if _turn_off(person, kinds):
            audit.record("reminder_unsubscribed", person.email, ", ".join(kinds),
                         actor=person)
        db.session.commit()
        return render_template("reminders/unsubscribe.html", person=person, done=True,
                               kinds=[KINDS[k] for k in kinds])
    return render_template("reminders/unsubscribe.html", person=person, done=False,
                           kinds=[KINDS[k] for k in kinds], token=token)


@bp.route("/district", methods=["GET", "POST"])
@access.district_admin_required
def district():
    """Pause or resume every reminder of the district (summer)."""
    if not access.can_pause_reminders(current_user):
        access.refuse()
    place = current_user.district
    if request.method == "POST":
        pause = request.form.get("paused") == "1"
        if pause != place.reminders_paused:
            place.reminders_paused = pause
            audit.record("reminders_paused" if pause else "reminders_resumed", place.name)
            db.session.commit()
        flash(_("Reminders are paused for the whole district.") if pause
              else _("Reminders are on again."), "success")
        return redirect(url_for("reminders.district"))
    return render_template("reminders/district.html", paused=place.reminders_paused)
