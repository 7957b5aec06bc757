"""Home-page notices: what happened that concerns the reader, until they mark it read."""
from __future__ import annotations

from flask import redirect, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import access, htmx
from ..extensions import db
from ..models import Notice
from ..models.base import utcnow
from . import bp

SHOWN = 20  # the newest unread ones; older ones wait until these are read


def unread(user) -> list[Notice]:
    return db.session.scalars(
        select(Notice).where(Notice.user_id == user.id, Notice.read_at.is_(None))
        .order_by(Notice.id.desc()).limit(SHOWN)).all()


@bp.route("/notices/<int:notice_id>/read", methods=["POST"])
@login_required
def mark_read(notice_id: int):
    """Mark one of one's own notices read; it leaves the home page."""
    notice = access.notice_for_owner(notice_id)
    if notice.read_at is None:
        notice.read_at = utcnow()
        db.session.commit()
    if htmx.wants_partial():
        return htmx.render("main/_notices.html", "main/_notices.html",
                           notices=unread(current_user))
    return redirect(url_for("main.home"))
