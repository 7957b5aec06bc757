"""District records: the audit log and the mail outbox."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import access, audit, audit_labels, jobs, mail
from ..audit import ACTIONS
from ..extensions import db
from ..ids import bounded_int
from ..models import AuditEvent, MailStatus, OutgoingMail
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
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    events = db.session.scalars(query.options(selectinload(AuditEvent.actor))
                                .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    return render_template("admin/audit.html", events=events[:PAGE_SIZE], total=total,
                           first=(page - 1) * PAGE_SIZE + 1,
                           actions=audit_labels.action_choices(),
                           action_label=audit_labels.action_label,
                           readable_detail=audit_labels.readable_detail,
                           action=action, page=page, has_more=len(events) > PAGE_SIZE)


@bp.route("/outbox")
@access.district_admin_required
def outbox():
    """The district's mail: waiting (with the reason of the last failed try), given up,
    sent; and whether a worker is running to send it."""
    if not access.can_read_outbox(current_user):
        access.refuse()
    return render_template("admin/outbox.html", messages=messages_for(current_user),
                           counts=mail.counts(current_user.district_id),
                           worker_alive=jobs.worker_alive(), last_beat=jobs.last_beat(),
                           mail_server=bool(current_app.config.get("MAIL_SERVER")),
                           MailStatus=MailStatus)


@bp.post("/outbox/<int:mail_id>/retry")
@access.district_admin_required
def retry_mail(mail_id: int):
    """Try a waiting or given-up message again now."""
    message = db.session.get(OutgoingMail, mail_id)
    if message is None or not access.can_retry_mail(current_user, message):
        access.refuse()
    if message.status in (MailStatus.QUEUED, MailStatus.GIVEN_UP):
        mail.retry_now(message)
        audit.record("mail_retried", message.to_address, message.subject)
        db.session.commit()
        flash(_("The message to %(to)s will be tried again now.", to=message.to_address),
              "success")
    return redirect(url_for("admin.outbox"))
