"""What the audit page shows: readable names for actions and for stored values.

The log keeps stable action names and the text of the day; readers see labels, so an
old event written with a raw value ("pending_district") reads right as well.
"""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from .audit import ACTIONS
from .models import Role

ACTION_LABELS = {
    "sign_in": _l("Signed in"),
    "sign_in_failed": _l("Sign-in failed"),
    "sign_in_throttled": _l("Sign-in refused (too many attempts)"),
    "sign_out": _l("Signed out"),
    "password_change_failed": _l("Password change: wrong current password"),
    "password_change_throttled": _l("Password change refused (too many attempts)"),
    "password_set": _l("Password set"),
    "password_reset_requested": _l("Password reset requested"),
    "invitation_sent": _l("Account invitation sent"),
    "user_created": _l("Staff member added"),
    "user_updated": _l("Staff member changed"),
    "role_changed": _l("Role changed"),
    "user_deactivated": _l("Staff member deactivated"),
    "user_reactivated": _l("Staff member reactivated"),
    "school_created": _l("School added"),
    "school_renamed": _l("School renamed"),
    "roster_imported": _l("Roster imported"),
    "access_refused": _l("Access refused"),
    "visit_requested": _l("Visit requested"),
    "visit_decided": _l("Visit decided"),
    "visit_withdrawn": _l("Visit request withdrawn"),
    "release_day_recorded": _l("Release day recorded"),
    "release_day_removed": _l("Release day removed"),
    "deadline_ticked": _l("Deadline ticked as done for a teacher"),
    "deadline_unticked": _l("Deadline tick taken back"),
    "match_suggested": _l("Match suggested"),
    "team_formed": _l("Team formed by the principal"),
    "growth_plan_opt_out": _l("Growth plan: opted out"),
    "growth_plan_opt_out_undone": _l("Growth plan: opt-out taken back"),
    "partnership_created": _l("Partnership started"),
    "partnership_invitation_sent": _l("Partner invited"),
    "partnership_invitation_accepted": _l("Partner invitation accepted"),
    "partnership_invitation_declined": _l("Partner invitation declined"),
    "partnership_completed": _l("Partnership completed"),
    "partnership_reopened": _l("Partnership reopened"),
    "partnership_abandoned": _l("Partnership abandoned"),
    "document_downloaded": _l("Document downloaded"),
    "interest_told": _l("Interest in the program told"),
    "interest_withdrawn": _l("Interest in the program taken back"),
    "program_created": _l("Program year created"),
    "program_deleted": _l("Unused program year deleted"),
    "partnership_carried_over": _l("Partnership carried into the next program year"),
    "cycle_stage_moved": _l("Team moved to its next cycle stage"),
    "record_signed": _l("Record signed"),
    "record_sign_refused": _l("Record signature refused (wrong password)"),
    "record_signatures_cleared": _l("Signatures cleared (the document changed)"),
    "record_filed": _l("Record filed"),
    "record_reopened": _l("Filed record reopened"),
    "record_scan_uploaded": _l("Signed paper copy uploaded"),
    "record_verified": _l("Record verified (/verify)"),
    "district_template_uploaded": _l("District Word template uploaded"),
    "district_template_restored": _l("Built-in Word template restored"),
    "letterhead_changed": _l("Letterhead changed"),
    "scores_imported": _l("Observation scores imported"),
    "scores_deleted": _l("Observation scores deleted"),
    "scores_viewed": _l("Observation scores viewed"),
    "matches_run": _l("Matches suggested from scores"),
    "matches_finalized": _l("Suggested matches finalized"),
    "match_exclusion_set": _l("Pair not to be matched"),
    "match_exclusion_removed": _l("Pair may be matched again"),
    "mail_retried": _l("Mail tried again"),
    "reminders_paused": _l("Reminders paused for the district"),
    "reminders_resumed": _l("Reminders resumed for the district"),
    "reminder_unsubscribed": _l("Reminders of one kind turned off (mail link)"),
    "reminder_settings_changed": _l("Reminder settings changed"),
    "calendar_feed_created": _l("Calendar feed address made"),
    "calendar_feed_revoked": _l("Calendar feed address revoked"),
    "district_time_zone_set": _l("District time zone set"),
}

# Stored values that may appear inside an event's detail, with what readers see.
VALUE_LABELS = {
    "pending_principal": _l("waiting for the principal"),
    "pending_district": _l("waiting for the district"),
    "cancelled": _l("withdrawn"),
    # Role values only where they are not plain words already.
    **{role.value: role.label for role in Role if "_" in role.value},
}
_VALUE_PATTERN = re.compile(r"\b(" + "|".join(map(re.escape, VALUE_LABELS)) + r")\b")


def action_label(action: str) -> str:
    """The readable name of an action (an unknown one is at least spaced out)."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action.replace("_", " ")


def action_choices() -> list[tuple[str, str]]:
    """The filter's options: every action the log records, by label."""
    return sorted(((a, action_label(a)) for a in ACTIONS), key=lambda choice: choice[1])


def readable_detail(text: str) -> str:
    """An event's detail with stored values replaced by their labels."""
    return _VALUE_PATTERN.sub(lambda m: str(VALUE_LABELS[m.group(1)]), text or "")
