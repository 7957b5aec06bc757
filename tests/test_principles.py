"""Partnership principles (#9, seed 001): shown with their meanings when a teacher is
invited to join, usable as weekly reflection prompts, editable on the program form; a
program without the practice shows nothing."""
from __future__ import annotations

import re
from datetime import date

import pytest

from webapp.extensions import db
from webapp.models import MemberStatus, Membership
from webapp.programs import presets

from . import factories

SEED_PRINCIPLES = ["Equality", "Choice", "Voice", "Reflection", "Dialogue", "Praxis",
                   "Reciprocity"]


@pytest.fixture
def ip_program(district):
    return factories.instructional_partners_program(district)


def invited(program, inviter, invitee):
    partnership = factories.partnership_for(program, inviter, focus_area="Number talks")
    partnership.memberships.append(Membership(user=invitee, status=MemberStatus.INVITED,
                                              invited_by_id=inviter.id))
    db.session.commit()
    return partnership


def principles_shown(page: str) -> list[tuple[str, str]]:
    block = re.search(r'<dl class="principles">(.*?)</dl>', page, re.S)
    return re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.group(1)) if block else []


def test_the_model_lists_seed_001s_seven_principles_each_with_a_meaning():
    items = presets.model("instructional-partners").practices["principles"]["items"]
    assert [item["name"] for item in items] == SEED_PRINCIPLES
    assert all(item["meaning"].strip() for item in items)


def test_the_invitation_shows_each_principle_with_its_meaning(signed_in, ip_program, teacher,
                                                               partner):
    partnership = invited(ip_program, teacher, partner)
    page = signed_in(partner).get(f"/partnerships/{partnership.id}/invitation")
    assert page.status_code == 200
    shown = principles_shown(page.get_data(as_text=True))
    assert [name for name, _meaning in shown] == SEED_PRINCIPLES
    assert ("Reciprocity", "Each partner expects to learn from the other.") in shown
    assert "Partners in Instructional Partners 2026/27 commit to these principles:" in \
        page.get_data(as_text=True)


def test_the_homes_invitation_card_holds_them_too(signed_in, ip_program, program, teacher,
                                                 partner, other_teacher):
    """An invitation can be accepted from the home page: the principles are there too."""
    invited(ip_program, teacher, partner)
    home = signed_in(partner).get("/").get_data(as_text=True)
    assert "The partnership principles you commit to by accepting" in home
    assert ("Voice", "Each partner is asked their opinion, and it counts.") in \
        principles_shown(home)
    invited(program, other_teacher, teacher)  # Partners in Practice: no principles
    assert "partnership principles" not in signed_in(teacher).get("/").get_data(
        as_text=True).lower()


def test_a_program_without_principles_shows_none(signed_in, program, teacher, partner):
    partnership = invited(program, teacher, partner)
    page = signed_in(partner).get(f"/partnerships/{partnership.id}/invitation")
    assert page.status_code == 200
    assert "Partnership principles" not in page.get_data(as_text=True)
    assert principles_shown(page.get_data(as_text=True)) == []


def _form_data(page: str) -> dict:
    """What the program form would send back as it stands (text inputs, areas, ticks)."""
    from .test_rollover import form_values

    data = form_values(page)
    data.pop("confirm_overlap", None)
    return data


def test_the_program_form_edits_the_principles_and_the_weekly_prompt(as_admin, signed_in,
                                                                     ip_program, teacher,
                                                                     partner):
    url = f"/programs/{ip_program.id}/edit"
    page = as_admin.get(url).get_data(as_text=True)
    assert "Equality: Partners treat each other with respect, as an equal." in page
    assert "Weekly reflection prompt" in page
    data = _form_data(page)
    data["principles"] = ("Equality: Partners treat each other as equals.\n\n"
                          "Joy: We <celebrate> together: small wins too.\n")
    data["weekly_prompt"] = "What went well this week?"
    response = as_admin.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert ip_program.practice("principles")["items"] == [
        {"name": "Equality", "meaning": "Partners treat each other as equals."},
        {"name": "Joy", "meaning": "We <celebrate> together: small wins too."}]
    assert ip_program.practice("weekly_reflections")["prompt"] == "What went well this week?"
    # The teachers see the new words (escaped).
    invitation = signed_in(partner).get(
        f"/partnerships/{invited(ip_program, teacher, partner).id}/invitation")
    body = invitation.get_data(as_text=True)
    assert ("Joy", "We &lt;celebrate&gt; together: small wins too.") in principles_shown(body)


def test_a_principle_without_a_meaning_comes_back_with_the_message_at_the_field(as_admin,
                                                                              ip_program):
    url = f"/programs/{ip_program.id}/edit"
    data = _form_data(as_admin.get(url).get_data(as_text=True))
    data["principles"] = "Equality: As equals.\nChoice without meaning"
    data["weekly_prompt"] = "   "
    response = as_admin.post(url, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 422)
    assert re.search(r"Line 2: write the principle(&#39;|')s name, a colon, then its meaning\.",
                     page)
    assert "Write the question members answer each week." in page
    assert re.search(r'<textarea[^>]*aria-invalid="true"[^>]*name="principles"', page) or \
        re.search(r'<textarea[^>]*name="principles"[^>]*aria-invalid', page)
    assert "Choice without meaning" in page  # kept as typed
    db.session.expire_all()
    assert len(ip_program.practice("principles")["items"]) == 7


def test_a_program_without_the_practices_has_no_such_fields(as_admin, program):
    page = as_admin.get(f"/programs/{program.id}/edit").get_data(as_text=True)
    assert 'name="principles"' not in page and 'name="weekly_prompt"' not in page
    data = _form_data(page)
    assert as_admin.post(f"/programs/{program.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert program.practice("principles") is None
    assert program.practice("weekly_reflections") is None


def test_a_new_program_from_the_model_asks_for_them_filled_in(as_admin):
    page = as_admin.get("/programs/new?model=instructional-partners").get_data(as_text=True)
    assert 'name="weekly_prompt"' in page
    assert "Reciprocity: Each partner expects to learn from the other." in page


def test_a_chosen_principle_is_shown_with_the_reflection(signed_in, ip_program, teacher,
                                                         partner, app):
    app.config["TODAY"] = date(2026, 10, 7)
    pair = factories.formed_partnership(ip_program, teacher, partner, date(2026, 9, 16))
    factories.weekly_reflection_for(pair, teacher, date(2026, 10, 5), "We listened.",
                                    principle="Dialogue", shared=True)
    page = signed_in(partner).get(f"/partnerships/{pair.id}/weekly").get_data(as_text=True)
    assert "Reflecting on: Dialogue" in page and "We listened." in page
    # The principles are listed there too, as prompts.
    assert ("Praxis", "Partners put what they learn into practice and measure the impact "
            "on their students.") in principles_shown(page)
