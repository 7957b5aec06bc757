"""Weekly written reflections (#9, seed 001): one per member per week, private to the
writer unless shared with the partners, never read by a principal; missing weeks shown
to the writer; the writer's own copy of the reflection record holds them."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from webapp.documents import context as documents
from webapp.documents import pdf
from webapp.extensions import db
from webapp.models import WeeklyReflection
from webapp.partnerships import weekly

from . import factories

TODAY = date(2026, 10, 7)          # a Wednesday
THIS_WEEK = date(2026, 10, 5)      # its Monday
FORMED = date(2026, 9, 16)         # the partner accepted on a Wednesday three weeks back
EARLIER = [date(2026, 9, 28), date(2026, 9, 21), date(2026, 9, 14)]


@pytest.fixture(autouse=True)
def _today(app):
    app.config["TODAY"] = TODAY


@pytest.fixture
def ip_program(district):
    return factories.instructional_partners_program(district)


@pytest.fixture
def pair(ip_program, teacher, partner):
    return factories.formed_partnership(ip_program, teacher, partner, FORMED,
                                        focus_area="Number talks")


@pytest.fixture
def as_partner(signed_in, partner):
    return signed_in(partner)


def week_url(partnership, week: date) -> str:
    return f"/partnerships/{partnership.id}/weekly/{week.isoformat()}"


def write(client, partnership, week, text, **fields):
    data = {"version": "0", "text": text, "principle": "", **fields}
    return client.post(week_url(partnership, week), data=data)


def mine(partnership, user, week=THIS_WEEK) -> WeeklyReflection | None:
    db.session.expire_all()
    return db.session.scalar(select(WeeklyReflection).where(
        WeeklyReflection.partnership_id == partnership.id,
        WeeklyReflection.user_id == user.id, WeeklyReflection.week_of == week))


# The weeks ------------------------------------------------------------------------------

def test_weeks_run_from_the_week_the_partnership_formed_to_this_week(pair):
    assert weekly.weeks(pair, TODAY) == [THIS_WEEK, *EARLIER]


def test_weeks_start_with_the_program_and_stop_at_its_end_or_completion(ip_program, teacher,
                                                                          partner):
    early = factories.formed_partnership(ip_program, teacher, partner, date(2026, 6, 1))
    # The program starts on Saturday 2026-08-15: its first week is that week's.
    assert weekly.weeks(early, date(2026, 8, 26)) == [date(2026, 8, 24), date(2026, 8, 17),
                                                      date(2026, 8, 10)]
    assert weekly.weeks(early, date(2027, 8, 1))[0] == date(2027, 6, 28)  # ends 06-30
    early.completed_at = datetime(2026, 9, 2, 15, tzinfo=timezone.utc)
    assert weekly.weeks(early, TODAY)[0] == date(2026, 8, 31)


def test_a_partnership_nobody_joined_has_no_weeks(ip_program, teacher):
    alone = factories.partnership_for(ip_program, teacher)
    assert weekly.weeks(alone, TODAY) == []


# Writing ---------------------------------------------------------------------------------

def test_home_shows_this_weeks_reflection_due_until_it_is_written(as_teacher, pair):
    home = as_teacher.get("/").get_data(as_text=True)
    assert "Your weekly reflection for the week of October 5." in home
    assert f'href="{week_url(pair, THIS_WEEK)}"' in home
    assert write(as_teacher, pair, THIS_WEEK, "We tried wait time.").status_code == 302
    home = as_teacher.get("/").get_data(as_text=True)
    assert "Your weekly reflection for the week of" not in home
    assert f"/partnerships/{pair.id}/weekly" in home  # the way to the weeks stays


def test_the_week_page_asks_the_programs_prompt_and_offers_the_principles(as_teacher, pair,
                                                                          teacher):
    page = as_teacher.get(week_url(pair, THIS_WEEK)).get_data(as_text=True)
    prompt = pair.program.practice("weekly_reflections")["prompt"]
    assert prompt.replace("'", "&#39;") in page
    assert "Equality: Partners treat each other with respect, as an equal." in page
    assert "Reciprocity: Each partner expects to learn from the other." in page
    response = write(as_teacher, pair, THIS_WEEK, "Listening more than talking.",
                     principle="Dialogue", shared="y")
    assert response.status_code == 302
    saved = mine(pair, teacher)
    assert (saved.text, saved.principle, saved.shared, saved.version) == (
        "Listening more than talking.", "Dialogue", True, 1)


def test_the_list_shows_written_due_and_missing_weeks(as_teacher, pair, teacher):
    factories.weekly_reflection_for(pair, teacher, EARLIER[1], "Second week notes")
    page = as_teacher.get(f"/partnerships/{pair.id}/weekly").get_data(as_text=True)
    weeks = re.findall(r'<li id="week-([\d-]+)">(.*?)</li>', page, re.S)
    states = {day: ("written" if ">written<" in body else "due" if "due this week" in body
                    else "missing" if ">missing<" in body else "?") for day, body in weeks}
    assert states == {"2026-10-05": "due", "2026-09-28": "missing",
                      "2026-09-21": "written", "2026-09-14": "missing"}
    assert "Second week notes" in page


def test_a_missed_week_can_be_written_later_and_says_so(as_teacher, pair, teacher):
    assert write(as_teacher, pair, EARLIER[0], "Catching up.").status_code == 302
    page = as_teacher.get(f"/partnerships/{pair.id}/weekly").get_data(as_text=True)
    late = re.search(r'<li id="week-2026-09-28">(.*?)</li>', page, re.S).group(1)
    assert "written on Oct 7, 2026, after its week" in late
    write(as_teacher, pair, THIS_WEEK, "On time.")
    page = as_teacher.get(f"/partnerships/{pair.id}/weekly").get_data(as_text=True)
    on_time = re.search(r'<li id="week-2026-10-05">(.*?)</li>', page, re.S).group(1)
    assert ">written<" in on_time and "after its week" not in on_time


@pytest.mark.parametrize("week", ["2026-10-12", "2026-09-07", "2026-10-06", "not-a-date"])
def test_only_the_writers_weeks_have_a_page(as_teacher, pair, week):
    """A week to come, one before the partnership formed, a day that is no Monday."""
    url = f"/partnerships/{pair.id}/weekly/{week}"
    assert as_teacher.get(url).status_code == 404
    assert as_teacher.post(url, data={"version": "0", "text": "x"}).status_code == 404


def test_an_empty_reflection_comes_back_with_the_message_at_the_field(as_teacher, pair,
                                                                     teacher):
    response = write(as_teacher, pair, THIS_WEEK, "   ", principle="Voice")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Write your reflection before you save it." in page
    assert re.search(r'<textarea[^>]*aria-invalid="true"[^>]*name="text"', page) or \
        re.search(r'<textarea[^>]*name="text"[^>]*aria-invalid="true"', page)
    assert re.search(r'value="Voice"[^>]*checked|checked[^>]*value="Voice"', page)
    assert mine(pair, teacher) is None


def test_an_over_long_reflection_is_kept_with_its_length(as_teacher, pair, teacher):
    text = "Long week. " * 2000  # 22,000 characters
    response = write(as_teacher, pair, THIS_WEEK, text)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Keep this to 20000 characters; it has 21999 now." in page
    assert text.strip() in page
    assert mine(pair, teacher) is None


def test_an_edit_from_an_older_version_shows_both_and_overwrites_only_on_request(
        as_teacher, pair, teacher):
    assert write(as_teacher, pair, THIS_WEEK, "First tab's words").status_code == 302
    stale = write(as_teacher, pair, THIS_WEEK, "Second tab's words")  # still at version 0
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert "First tab&#39;s words" in page and "Second tab&#39;s words" in page
    assert mine(pair, teacher).text == "First tab's words"
    again = write(as_teacher, pair, THIS_WEEK, "Second tab's words", overwrite_version="1")
    assert again.status_code == 302
    assert (mine(pair, teacher).text, mine(pair, teacher).version) == ("Second tab's words", 2)


def test_autosave_saves_and_a_tabs_own_newer_save_is_not_a_conflict(as_teacher, pair,
                                                                   teacher):
    url = week_url(pair, THIS_WEEK)
    first = as_teacher.post(url, data={"version": "0", "text": "Typing", "autosave": "1",
                                       "edit_token": "tab-one"})
    assert first.status_code == 200
    body = first.get_data(as_text=True)
    assert "Saved" in body and 'id="version-weekly" value="1"' in body
    # The same tab's Save, sent before the autosave's answer came back (version 0 still).
    assert as_teacher.post(url, data={"version": "0", "text": "Typing more",
                                      "edit_token": "tab-one"}).status_code == 302
    assert mine(pair, teacher).text == "Typing more"
    # Another tab's autosave from version 0 is refused, and says so.
    other = as_teacher.post(url, data={"version": "0", "text": "Elsewhere", "autosave": "1",
                                       "edit_token": "tab-two"})
    assert other.status_code == 409
    assert "You saved this reflection in another window" in other.get_data(as_text=True)
    assert mine(pair, teacher).text == "Typing more"


def test_an_autosave_of_bad_input_says_what_at_the_field(as_teacher, pair):
    response = as_teacher.post(week_url(pair, THIS_WEEK),
                               data={"version": "0", "text": "", "autosave": "1"})
    assert response.status_code == 422
    assert 'data-field="text"' in response.get_data(as_text=True)


# Who reads what -----------------------------------------------------------------------------

def test_a_reflection_is_private_until_its_writer_shares_it(as_teacher, as_partner, pair,
                                                            teacher, partner):
    write(as_teacher, pair, THIS_WEEK, "My private thoughts on wait time")
    listing = f"/partnerships/{pair.id}/weekly"
    assert "My private thoughts" not in as_partner.get(listing).get_data(as_text=True)
    # The same week's page is the partner's own (empty) reflection, never the writer's.
    own_page = as_partner.get(week_url(pair, THIS_WEEK)).get_data(as_text=True)
    assert "My private thoughts" not in own_page
    assert "My private thoughts" not in as_partner.get(
        f"/partnerships/{pair.id}/").get_data(as_text=True)
    write_version = mine(pair, teacher).version
    assert as_teacher.post(week_url(pair, THIS_WEEK), data={
        "version": str(write_version), "text": "My private thoughts on wait time",
        "shared": "y"}).status_code == 302
    page = as_partner.get(listing).get_data(as_text=True)
    assert "My private thoughts on wait time" in page
    assert "Ana Teacher, week of Oct 5, 2026" in page


@pytest.mark.parametrize("shared", [False, True])
def test_a_principal_reads_no_weekly_reflection(as_principal, pair, teacher, shared):
    factories.weekly_reflection_for(pair, teacher, THIS_WEEK, "Principal must not read",
                                    shared=shared)
    for url in (f"/partnerships/{pair.id}/weekly", week_url(pair, THIS_WEEK)):
        assert as_principal.get(url).status_code == 403
    overview = as_principal.get(f"/partnerships/{pair.id}/")
    assert overview.status_code == 200
    assert "Principal must not read" not in overview.get_data(as_text=True)
    assert "weekly" not in overview.get_data(as_text=True).lower()


def test_teachers_of_other_partnerships_and_schools_are_refused(signed_in, pair, teacher,
                                                                other_teacher, school):
    factories.weekly_reflection_for(pair, teacher, THIS_WEEK, "Not yours", shared=True)
    colleague = factories.UserFactory(school=school, name="Cleo Sameschool")
    for outsider in (other_teacher, colleague):
        client = signed_in(outsider)
        for url in (f"/partnerships/{pair.id}/weekly", week_url(pair, THIS_WEEK)):
            assert client.get(url).status_code == 403
        assert write(client, pair, THIS_WEEK, "Intruding").status_code == 403
    assert mine(pair, teacher).text == "Not yours"


def test_a_completed_partnership_takes_no_changes(as_teacher, pair, teacher):
    factories.weekly_reflection_for(pair, teacher, EARLIER[0], "Kept as it was")
    pair.completed_at = datetime(2026, 10, 6, 12, tzinfo=timezone.utc)
    db.session.commit()
    response = write(as_teacher, pair, THIS_WEEK, "Too late")
    assert response.status_code == 302
    page = as_teacher.get(response.location).get_data(as_text=True)
    assert "its records are locked" in page
    autosave = as_teacher.post(week_url(pair, EARLIER[0]), data={
        "version": "1", "text": "Changed", "autosave": "1"})
    assert autosave.status_code == 409
    assert "Not saved:" in autosave.get_data(as_text=True)
    assert mine(pair, teacher, EARLIER[0]).text == "Kept as it was"
    assert mine(pair, teacher) is None
    assert "Your weekly reflection for the week of" not in as_teacher.get("/").get_data(
        as_text=True)


def test_a_program_without_the_practice_shows_no_weekly_reflections(as_teacher, program,
                                                                    teacher, partner):
    plain = factories.formed_partnership(program, teacher, partner, FORMED)
    assert program.practice("weekly_reflections") is None
    assert as_teacher.get(f"/partnerships/{plain.id}/weekly").status_code == 404
    assert as_teacher.get(week_url(plain, THIS_WEEK)).status_code == 404
    for url in ("/", f"/partnerships/{plain.id}/"):
        assert "weekly reflection" not in as_teacher.get(url).get_data(as_text=True).lower()


# The reflection record ------------------------------------------------------------------------

def _record_text(context: dict) -> str:
    return "\n".join(f"{s['heading']}\n" + "\n".join(
        f"{f['label']} {f['help']} {f['value']}" for f in s["fields"])
        for s in context["final_sections"])


def test_the_writers_own_copy_holds_theirs_and_what_partners_shared(pair, teacher, partner,
                                                                   principal):
    factories.weekly_reflection_for(pair, teacher, EARLIER[0], "Ana private week",
                                    principle="Voice")
    factories.weekly_reflection_for(pair, partner, EARLIER[0], "Ben shared week", shared=True)
    factories.weekly_reflection_for(pair, partner, THIS_WEEK, "Ben private week")
    own = documents.reflection_record(pair, True, TODAY, weekly_reader=teacher)
    text = _record_text(own)
    assert "Weekly reflections: Ana Teacher" in text
    assert "Week of 2026-09-28 Reflecting on: Voice Ana private week" in text
    assert "Weekly reflections: Ben Partner" in text and "Ben shared week" in text
    assert "Ben private week" not in text
    partners = _record_text(documents.reflection_record(pair, True, TODAY,
                                                        weekly_reader=partner))
    assert "Ben private week" in partners and "Ana private week" not in partners
    for reader in (None, principal):  # the principal's copy, the file's
        filed = _record_text(documents.reflection_record(pair, True, TODAY,
                                                         weekly_reader=reader))
        assert "week" not in filed.lower()
    # Both renderers print it (the Word file through the same sections).
    printed = "".join(pdf_text(pdf.render(own)).split())
    assert "".join("Week of 2026-09-28".split()) in printed
    assert "Anaprivateweek" in printed


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_downloads_follow_the_reader(as_teacher, as_principal, pair, teacher, partner):
    factories.weekly_reflection_for(pair, teacher, EARLIER[0], "Ana private week")
    # Only weeklies so far: the record is there for the writer, not for the principal.
    own = as_teacher.get(f"/records/partnerships/{pair.id}/reflection.pdf")
    assert own.status_code == 200
    assert "Anaprivateweek" in "".join(pdf_text(own.data).split())
    assert as_principal.get(f"/records/partnerships/{pair.id}/reflection.pdf").status_code == 404
    factories.submit_reflection(pair, partner)
    filed = as_principal.get(f"/records/partnerships/{pair.id}/reflection.pdf")
    assert filed.status_code == 200
    assert "Anaprivateweek" not in "".join(pdf_text(filed.data).split())
    packet = as_teacher.get(f"/records/partnerships/{pair.id}/packet")
    assert "Anaprivateweek" in "".join(pdf_text(packet.data).split())


def test_the_pages_are_valid_html(as_teacher, as_admin, signed_in, pair, teacher, partner,
                                  tmp_path):
    """The weeks, a week (as opened, refused with errors, in conflict), the invitation
    and the invitee's home with the principles, the program form with the prompt and
    principles, the writer's home."""
    from webapp.models import MemberStatus, Membership

    from .test_html_valid import _check, _vnu_jar

    jar = _vnu_jar()
    factories.weekly_reflection_for(pair, partner, EARLIER[0], "Shared <b>week</b>",
                                    shared=True, principle="Voice")
    write(as_teacher, pair, EARLIER[1], "Ana's week")
    invitee = factories.UserFactory(school=teacher.school, name="Ivy Invited")
    pair.memberships.append(Membership(user=invitee, status=MemberStatus.INVITED,
                                       invited_by_id=teacher.id))
    db.session.commit()
    pages = [as_teacher.get(f"/partnerships/{pair.id}/weekly"),
             as_teacher.get(week_url(pair, THIS_WEEK)),
             write(as_teacher, pair, THIS_WEEK, ""),
             write(as_teacher, pair, EARLIER[1], "From an older tab"),
             signed_in(invitee).get(f"/partnerships/{pair.id}/invitation"),
             signed_in(invitee).get("/"),
             as_admin.get(f"/programs/{pair.program_id}/edit"),
             as_teacher.get("/")]
    assert [p.status_code for p in pages] == [200, 200, 422, 409, 200, 200, 200, 200]
    files = []
    for n, response in enumerate(pages):
        files.append(tmp_path / f"{n}.html")
        files[-1].write_text(response.get_data(as_text=True), encoding="utf-8")
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in _check(jar, files) if m.get("type") == "error"]
    assert not errors, "\n".join(errors)
