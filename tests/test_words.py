"""No internal names reach users, and each role is addressed in its own words (#8 point 17)."""
from __future__ import annotations

from webapp import mail

from . import factories


def test_district_approvals_page_has_no_seed_program_note(as_admin):
    page = as_admin.get("/visits/approvals").get_data(as_text=True)
    assert "seed program" not in page.lower() and "Superintendent/CEO" not in page
    assert "once the district approves it" in page


def test_refusal_does_not_tell_a_principal_to_ask_their_principal(as_principal, as_teacher):
    refused = as_principal.get("/admin/schools")
    assert refused.status_code == 403
    page = refused.get_data(as_text=True)
    assert "ask your principal" not in page and "ask your district administrator" in page
    teacher_page = as_teacher.get("/admin/schools").get_data(as_text=True)
    assert "ask your principal or district administrator" in teacher_page


def _invitation_body(as_admin, user) -> str:
    assert as_admin.post(f"/admin/staff/{user.id}/invite").status_code == 302
    (message,) = [m for m in mail.read_outbox() if m.to == user.email]
    return message.body


def test_invitation_mail_is_worded_for_the_role(as_admin, school, district):
    principal = factories.PrincipalFactory(school=school, name="Pia Principal",
                                           password_hash=None)
    admin2 = factories.AdminFactory(district=district, name="Ada Admin", password_hash=None)
    teacher = factories.UserFactory(school=school, name="Tia Teacher", password_hash=None)
    to_principal = _invitation_body(as_admin, principal)
    assert "you and a colleague plan" not in to_principal
    assert "approve classroom visits, suggest matches" in to_principal
    to_admin = _invitation_body(as_admin, admin2)
    assert "you and a colleague plan" not in to_admin and "as a district administrator" in to_admin
    assert "you and a colleague plan and record your peer partnership" in \
        _invitation_body(as_admin, teacher)


def test_templates_fill_gettext_placeholders_once_with_their_own_values(app):
    """The templates' gettext (webapp/i18n.py) returns the translation; Jinja fills
    %(…)s itself, with the num and the named values, and escapes them."""
    from flask import render_template_string

    with app.test_request_context():
        text = render_template_string(
            "{{ ngettext('%(num)d visit of %(days)s day', '%(num)d visits of %(days)s days',"
            " n, days=d) }} | {{ _('Hello %(name)s', name=who) }} | {{ _('100%%') }}",
            n=2, d="1.5", who="<b>Ana</b>")
    assert text == "2 visits of 1.5 days | Hello &lt;b&gt;Ana&lt;/b&gt; | 100%"
