"""#8 point 11 on the principal's dashboard: a follow-up meeting held more than a month
after the visit leaves the "due" list and shows as held late."""
import re
from datetime import timedelta

from tests import factories
from webapp.models import VisitStatus


def _visit(partnership, teacher, met_after_days):
    day = partnership.program.start_date + timedelta(days=30)
    return factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED,
                               proposed_date=day,
                               followup_date=day + timedelta(days=met_after_days))


def _followups_section(page: str) -> str:
    return re.search(r'<section id="followups".*?</section>', page, re.S).group(0)


def test_follow_up_held_late_is_marked_on_the_principals_dashboard(
        app, as_principal, partnership, teacher):
    visit = _visit(partnership, teacher, met_after_days=40)
    app.config["TODAY"] = visit.followup_date + timedelta(days=1)
    section = _followups_section(as_principal.get("/dashboard/").get_data(as_text=True))
    assert "Follow-up meetings held late" in section
    assert f'href="/visits/{visit.id}"' in section and "held late" in section
    assert "No follow-up meeting is due." in section  # no longer listed as due


def test_follow_up_held_in_time_is_not_marked_late(app, as_principal, partnership, teacher):
    visit = _visit(partnership, teacher, met_after_days=10)
    app.config["TODAY"] = visit.followup_date + timedelta(days=1)
    section = _followups_section(as_principal.get("/dashboard/").get_data(as_text=True))
    assert "held late" not in section and "No follow-up meeting is due." in section
