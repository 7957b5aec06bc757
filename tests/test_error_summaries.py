"""#8 point 5 for every form that can fail: a failed submit re-renders with the error
summary at the top of the form (focused, each error a link to its field)."""
import re
from datetime import timedelta

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import TokenPurpose, VisitStatus


def _visit(partnership, teacher, **values):
    day = partnership.program.start_date + timedelta(days=20)
    return factories.visit_for(partnership, teacher, proposed_date=day, **values)


def _held(partnership, teacher):
    return _visit(partnership, teacher, status=VisitStatus.APPROVED)


def _set_password_url(teacher):
    from webapp.auth.accounts import issue_token

    raw = issue_token(teacher, TokenPurpose.PASSWORD_RESET)
    db.session.commit()
    return f"/auth/set-password/{raw}"


# (client fixture, url from the test's objects, posted data, a field the summary links to)
CASES = {
    "follow-up request": ("as_teacher", lambda o: f"/visits/{_held(**o).id}/followup-request",
                          {"followup_request": ""}, "followup_request"),
    "follow-up date": ("as_principal", lambda o: f"/visits/{_held(**o).id}/followup",
                       {"followup_date": ""}, "followup_date"),
    "decision comment": ("as_principal", lambda o: f"/visits/{_visit(**o).id}/decide",
                         {"decision": "decline", "comment": ""}, "decision-{v}-comment"),
    "check-in": ("as_principal",
                 lambda o: f"/dashboard/partnerships/{o['partnership'].id}/check-ins",
                 {}, "check-in-{p}-day"),
    "release day": ("as_principal", lambda o: f"/dashboard/teachers/{o['teacher'].id}/release-days",
                    {"day": ""}, "day"),
    "match": ("as_principal", lambda o: "/dashboard/matches/new", {}, "teacher_ids-0"),
    "program": ("as_admin", lambda o: "/programs/new", {"name": ""}, "name"),
    "staff": ("as_admin", lambda o: "/admin/staff/new", {"name": "", "email": ""}, "name"),
    "new school": ("as_admin", lambda o: "/admin/schools", {"name": ""}, "name"),
    "school name": ("as_admin", lambda o: f"/admin/schools/{o['partnership'].school_id}/rename",
                    {"name": ""}, "name"),
    "roster upload": ("as_admin", lambda o: "/admin/roster", {}, "roster"),
    "sign-in": ("client", lambda o: "/auth/login", {"email": "", "password": ""}, "email"),
    "forgot": ("client", lambda o: "/auth/forgot", {"email": ""}, "email"),
    "set password": ("client", lambda o: _set_password_url(o["teacher"]),
                     {"password": "", "confirm": ""}, "password"),
    "change password": ("as_teacher", lambda o: "/auth/password",
                        {"current": "", "password": "", "confirm": ""}, "current"),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_failed_form_has_the_error_summary(request, kind, partnership, teacher):
    role, url, data, field_id = CASES[kind]
    client = request.getfixturevalue(role)
    request.getfixturevalue("principal"), request.getfixturevalue("admin")
    page = client.post(url({"partnership": partnership, "teacher": teacher}),
                       data=data).get_data(as_text=True)
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert summary, f"no error summary on the {kind} form"
    assert "autofocus" in summary.group(0)
    # {v}: the visit made by the case (ids of per-visit forms carry it).
    field_id = re.escape(field_id.format(p=partnership.id, v="VISIT")).replace("VISIT", r"\d+")
    assert re.search(f'href="#{field_id}"', summary.group(0))
    assert re.search(f'id="{field_id}"', page)


def test_growth_plan_refusal_is_the_focused_summary(as_teacher, program):
    page = as_teacher.post("/dashboard/growth-plan/opt-out").get_data(as_text=True)
    refusal = re.search(r'<p class="flash flash-error"[^>]*>', page).group(0)
    assert 'role="alert"' in refusal and "autofocus" in refusal
