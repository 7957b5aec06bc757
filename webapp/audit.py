"""Writing to the audit log."""
from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import select

from .extensions import db
from .models import AuditEvent, User
from .net import client_address

# The actions the log records, with their labels for the audit page.
ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_in_throttled",
    "sign_out",
    "password_change_failed",
    "password_change_throttled",
    "password_set",
    "password_reset_requested",
    "invitation_sent",
    "user_created",
    "user_updated",
    "role_changed",
    "user_deactivated",
    "user_reactivated",
    "school_created",
    "school_renamed",
    "roster_imported",
    "access_refused",
    "visit_requested",
    "visit_decided",
    "visit_withdrawn",
    "release_day_recorded",
    "release_day_removed",
    "deadline_ticked",
    "deadline_unticked",
    "match_suggested",
    "team_formed",
    "growth_plan_opt_out",
    "growth_plan_opt_out_undone",
    # Partnership events and downloads (#8 point 18); labels in audit_labels.py.
    "partnership_created",
    "partnership_invitation_sent",
    "partnership_invitation_accepted",
    "partnership_invitation_declined",
    "partnership_completed",
    "partnership_reopened",
    "partnership_abandoned",
    "document_downloaded",
    "interest_told",
    "interest_withdrawn",
    # The year's rollover (#9); labels in audit_labels.py.
    "program_created",
    "program_deleted",
    "partnership_carried_over",
    # Staged cycles (#9): a team moved to its next stage or round.
    "cycle_stage_moved",
    # Records for the file (#10); labels in audit_labels.py.
    "record_signed",
    "record_sign_refused",
    "record_signatures_cleared",
    "record_filed",
    "record_reopened",
    "record_scan_uploaded",
    "record_verified",
    "district_template_uploaded",
    "district_template_restored",
    "letterhead_changed",
    # Suggested matches from rubric scores (#11); labels in audit_labels.py.
    "scores_imported",
    "scores_deleted",
    "scores_viewed",
    "matches_run",
    "matches_finalized",
    "match_exclusion_set",
    "match_exclusion_removed",
    # Background work, reminders and calendars (#12); labels in audit_labels.py.
    "mail_retried",
    "reminders_paused",
    "reminders_resumed",
    "reminder_unsubscribed",
    "reminder_settings_changed",
    "calendar_feed_created",
    "calendar_feed_revoked",
    "district_time_zone_set",
)


def record(action: str, subject: str = "", detail: str = "", actor: User | None = None) -> None:
    """Add an audit event to the session; the caller's commit writes it."""
    assert action in ACTIONS, action
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    db.session.add(
        AuditEvent(
            action=action,
            subject=subject[:300],
            detail=detail,
            actor_id=actor.id if actor else None,
            district_id=actor.district_id if actor else _district_of(subject),
            address=client_address() if has_request_context() else "cli",
        )
    )


def _district_of(subject: str) -> int | None:
    """For events without an actor (a failed sign-in): the district of the account named."""
    if "@" not in subject:
        return None
    return db.session.scalar(select(User.district_id).where(User.email == subject.lower()))


def record_now(action: str, subject: str = "", detail: str = "", actor: User | None = None) -> None:
    """Record and commit at once (for events on refused or failed requests)."""
    from .database import write_soon

    write_soon()
    record(action, subject, detail, actor)
    db.session.commit()


def describe_request() -> str:
    return f"{request.method} {request.path}" if has_request_context() else ""
