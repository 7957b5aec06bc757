"""The calendar page, the private feed, and "Add to calendar" for a visit."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forms.calendar import TimeZoneForm
from forms.timeline import WEEKDAYS

from .. import access, audit, clock
from ..extensions import db
from ..links import external_url
from ..models import District
from ..models.base import utcnow
from . import bp, events, feeds, ics, tokens

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@bp.app_template_global()
def standing_meeting(partnership) -> str:
    """The standing meeting in words ("Tuesday at 3:30 PM"), for the overview; "" if unset."""
    if partnership.meeting_weekday is None or partnership.meeting_time is None:
        return ""
    return _("%(day)s at %(time)s", day=dict(WEEKDAYS)[partnership.meeting_weekday],
             time=format_time(partnership.meeting_time, "short"))


@bp.route("/calendar/")
@login_required
def index():
    """The user's feed address: make it, see it, replace or stop it."""
    return _page()


def _page(zone_form: TimeZoneForm | None = None, status: int = 200):
    district = db.session.get(District, current_user.district_id)
    token = tokens.feed_token(current_user)
    if zone_form is None and access.can_set_time_zone(current_user):
        zone_form = TimeZoneForm(formdata=None, time_zone=district.time_zone)
    return render_template(
        "calendars/index.html", district=district, zone_form=zone_form,
        feed_url=external_url("calendars.feed", token=token) if token else None), status


@bp.route("/calendar/feed", methods=["POST"])
@login_required
def make_feed():
    """A new feed address; the old one, if any, stops working."""
    user = current_user._get_current_object()
    replaced = bool(user.calendar_nonce)
    tokens.new_address(user)
    audit.record("calendar_feed_created", user.email,
                 detail="replaces the previous address" if replaced else "")
    db.session.commit()
    flash(_("Your new calendar address is below. The old one no longer works.") if replaced
          else _("Your calendar address is below: add it to your calendar app."), "success")
    return redirect(url_for("calendars.index"))


@bp.route("/calendar/feed/revoke", methods=["POST"])
@login_required
def revoke_feed():
    """Stop the feed: its address shows nothing from now on."""
    user = current_user._get_current_object()
    if user.calendar_nonce:
        tokens.revoke(user)
        audit.record("calendar_feed_revoked", user.email)
        db.session.commit()
    flash(_("Your calendar address no longer works. Calendar apps that use it stop "
            "getting updates."), "success")
    return redirect(url_for("calendars.index"))


@bp.route("/calendar/time-zone", methods=["POST"])
@access.district_admin_required
def time_zone():
    """The district administrator sets the district's time zone."""
    form = TimeZoneForm()
    if not form.validate():
        return _page(zone_form=form, status=422)
    district = db.session.get(District, current_user.district_id)
    district.time_zone = form.time_zone.data
    audit.record("district_time_zone_set", district.name, detail=district.time_zone or "UTC")
    db.session.commit()
    flash(_("The district's time zone is saved."), "success")
    return redirect(url_for("calendars.index"))


@bp.route("/calendar/<token>.ics")
def feed(token: str):
    """The private feed, for calendar apps: no sign-in, the address is the key."""
    user = access.calendar_feed_owner(token)
    entries = feeds.entries_for(user, clock.today())
    return _calendar(entries, _("Tandem — %(name)s", name=user.name))


@bp.route("/visits/<int:visit_id>/calendar.ics")
@login_required
def visit_file(visit_id: int):
    """The visit as a file to open in a calendar app."""
    visit = access.visit_for_view(visit_id)
    if visit.status not in feeds.SHOWN:
        abort(404)  # declined or withdrawn: nothing to put in a calendar
    return _calendar([events.visit(visit)], _("Classroom visit"),
                     download=f"visit-{visit.id}.ics")


@bp.route("/visits/<int:visit_id>/followup.ics")
@login_required
def followup_file(visit_id: int):
    """The follow-up meeting (due by, or held on) as a file for a calendar app."""
    entry = events.followup(access.visit_for_view(visit_id))
    if entry is None:
        abort(404)  # only an approved visit has a follow-up meeting
    return _calendar([entry], _("Follow-up meeting"), download=f"followup-{visit_id}.ics")


def _calendar(entries: list[ics.Entry], name: str, download: str | None = None) -> Response:
    body = ics.render(entries, name=name, host=_host(), stamp=utcnow())
    response = Response(body, content_type=CALENDAR_TYPE)
    if download:
        response.headers["Content-Disposition"] = f'attachment; filename="{download}"'
    return response


def _host() -> str:
    """The site's host, for UIDs: the same in every fetch, whoever fetches."""
    return urlsplit(external_url("main.home")).hostname or "tandem"
