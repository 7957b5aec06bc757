"""District records: the audit log and the mail outbox."""
from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import select

from .. import access, audit_labels
from ..audit import ACTIONS
from ..extensions import db
from ..ids import bounded_int
from ..models import AuditEvent
from . import bp
from .outbox import messages_for

PAGE_SIZE = 100


@bp.route("/audit")
@access.district_admin_required
def audit_log():
    """Sign-ins, failures, invitations, role changes, deactivations, refusals."""
    if not access.can_read_audit_log(current_user):
        access.refuse()
    action = request.args.get("action", "")
    # Bounded: a huge page number would overflow the query's OFFSET.
    page = min(max(request.args.get("page", 1, type=bounded_int), 1), 100_000)
    query = (select(AuditEvent).where(AuditEvent.district_id == current_user.district_id)
             .order_by(AuditEvent.id.desc()))
    if action in ACTIONS:
        query = query.where(AuditEvent.action == action)
    events = db.session.scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    return render_template("admin/audit.html", events=events[:PAGE_SIZE],
                           actions=audit_labels.action_choices(),
                           action_label=audit_labels.action_label,
                           readable_detail=audit_labels.readable_detail,
                           action=action, page=page, has_more=len(events) > PAGE_SIZE)


@bp.route("/outbox")
@access.district_admin_required
def outbox():
    """Mail written to the instance outbox (no SMTP server configured)."""
    if not access.can_read_outbox(current_user):
        access.refuse()
    return render_template("admin/outbox.html", messages=messages_for(current_user))
