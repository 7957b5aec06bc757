"""Reminders, with a frozen clock: which person gets which reminder on which day of a
program year, once per item and one digest a day, however often the job runs and in
however many workers at once; unsubscribe links, settings, the district's pause."""
from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import func, select

from webapp import demo
from webapp.extensions import db
from webapp.models import (AuditEvent, District, MemberStatus, Membership, OutgoingMail,
                           ReminderDigest, ReminderOptOut, ReminderSent, User)
from webapp.reminders import send
from webapp.reminders.due import school_days_between

from . import factories


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)


def run_on(app, day: date) -> send.Outcome:
    """The job on `day`, with the clock frozen at noon of that day."""
    app.config["TODAY"] = day
    with time_machine.travel(noon(day), tick=False):
        return send.send_reminders(day)


def sent_on(day: date) -> dict[str, list[str]]:
    """Each person's reminder items in that day's digest (by the part of their address
    before the @)."""
    rows = db.session.execute(
        select(User.email, ReminderSent.item).join(ReminderDigest,
                                                   ReminderSent.digest_id == ReminderDigest.id)
        .join(User, ReminderSent.user_id == User.id).where(ReminderDigest.day == day)
        .order_by(ReminderSent.id)).all()
    found: dict[str, list[str]] = {}
    for email, item in rows:
        found.setdefault(email.split("@")[0], []).append(item)
    return found


# The demo district, created on 20 September 2026: Partners in Practice's deadlines
# (interest 30 Sept, partner 15 Oct …), its visits and check-ins, an IPI school whose
# partnerships must meet every 14 days, invitations and visit requests from that day.
EXPECTED = {
    date(2026, 9, 21): {  # the first run: what is late or due already
        "ursula.grant": ["followup:2"], "david.okafor": ["followup:2"],
        "victor.nguyen": ["checkin:2:2026-07-07"],
        "jonas.berg": ["cadence:11:2026-09-06"], "keira.walsh": ["cadence:11:2026-09-06"],
    },
    date(2026, 9, 23): {  # requests of Sunday the 20th: 3 school days; 7 days to the 30th
        "xavier.moreau": ["approval:6:pending_district"],
        "victor.nguyen": ["approval:3:pending_principal"],
        **{name: ["deadline:1:interest:7"] for name in (
            "farah.haddad", "gabriel.silva", "laura.fischer", "mateo.rossi", "quinn.obrien",
            "rosa.delgado", "tessa.wright")},
    },
    date(2026, 9, 25): {  # invitations of the 20th, unanswered for 5 days
        "farah.haddad": ["invitation:12"], "quinn.obrien": ["invitation:24"],
        "rosa.delgado": ["invitation:25"],
    },
    date(2026, 9, 29): {name: ["deadline:1:interest:1"] for name in (
        "farah.haddad", "gabriel.silva", "laura.fischer", "mateo.rossi", "quinn.obrien",
        "rosa.delgado", "tessa.wright")},
    date(2026, 10, 8): {
        **{name: ["deadline:1:partner:7"] for name in (
            "ben.carter", "emma.johansson", "julia.novak")},
        "victor.nguyen": ["followup:5"], "isaac.brown": ["followup:5"],
        "hugo.becker": ["cadence:10:2026-09-17"], "ines.moreno": ["cadence:10:2026-09-17"],
    },
    date(2026, 10, 14): {name: ["deadline:1:partner:1"] for name in (
        "ben.carter", "emma.johansson", "julia.novak")},
}


@pytest.fixture
def demo_district(app):
    start = date(2026, 9, 20)
    app.config["TODAY"] = start
    with time_machine.travel(noon(start), tick=False):
        demo.create("a long demo password for the reminder walk")
        db.session.commit()
    return db.session.scalar(select(District))


def test_a_year_of_reminders_for_the_demo_district(app, demo_district):
    days = sorted({*EXPECTED, date(2026, 9, 22), date(2026, 9, 24), date(2026, 10, 16)})
    for day in days:
        outcome = run_on(app, day)
        assert sent_on(day) == EXPECTED.get(day, {}), day
        assert outcome.sent == len(EXPECTED.get(day, {}))
        # The job runs again the same day (every hour): nothing more.
        again = run_on(app, day)
        assert (again.sent, again.items) == (0, 0)
    digests = db.session.scalar(select(func.count()).select_from(ReminderDigest))
    assert digests == sum(len(people) for people in EXPECTED.values())
    reminder_mail = db.session.scalar(select(func.count()).select_from(OutgoingMail)
                                      .where(OutgoingMail.subject.like("Tandem:%")))
    assert reminder_mail == digests


def test_the_digest_says_what_is_due_with_links_and_unsubscribe(app, demo_district):
    run_on(app, date(2026, 9, 23))  # the first run: Victor's request and check-in at once
    victor = db.session.scalar(select(User).where(User.email.like("victor.nguyen@%")))
    message = db.session.scalar(select(OutgoingMail).where(
        OutgoingMail.to_address == victor.email))
    assert message.subject == "Tandem: 2 things to do"
    body = message.body
    assert body.startswith(f"Hello {victor.name},")
    assert "request to visit" in body and "has waited for a decision since 2026-09-20" in body
    assert "A check-in with Isaac Brown & Kwame Mensah is due (the last was 2026-07-07)." in body
    assert "http://tandem.test/visits/approvals" in body
    assert "http://tandem.test/dashboard/" in body
    assert body.index("request to visit") < body.index("check-in")  # kinds in order
    assert "No more reminders like “Visit requests waiting 3 school days for your decision”" \
        in body
    assert "http://tandem.test/reminders/settings" in body
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.headers["List-Unsubscribe"].startswith(
        "<http://tandem.test/reminders/unsubscribe/")


def test_two_workers_at_once_send_each_digest_once(app, demo_district):
    run_on(app, date(2026, 9, 21))
    day = date(2026, 9, 23)
    app.config["TODAY"] = day
    db.session.remove()
    outcomes, errors = [], []

    def worker():
        try:
            with app.app_context(), time_machine.travel(noon(day), tick=False):
                outcomes.append(send.send_reminders(day))
        except Exception as error:  # noqa: BLE001 - the test reports it
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(o.sent for o in outcomes) == len(EXPECTED[day])
    assert sent_on(day) == EXPECTED[day]
    assert db.session.scalar(select(func.count()).select_from(OutgoingMail).where(
        OutgoingMail.subject.like("Tandem:%"))) == len(EXPECTED[date(2026, 9, 21)]) \
        + len(EXPECTED[day])


def test_a_paused_district_deactivated_people_and_opt_outs_get_nothing(app, demo_district):
    demo_district.reminders_paused = True
    db.session.commit()
    assert run_on(app, date(2026, 9, 23)).sent == 0
    demo_district.reminders_paused = False
    farah = db.session.scalar(select(User).where(User.email.like("farah.haddad@%")))
    farah.active = False
    victor = db.session.scalar(select(User).where(User.email.like("victor.nguyen@%")))
    db.session.add(ReminderOptOut(user_id=victor.id, kind="checkin"))
    db.session.commit()
    run_on(app, date(2026, 9, 23))
    got = sent_on(date(2026, 9, 23))
    assert "farah.haddad" not in got and "gabriel.silva" in got
    assert got["victor.nguyen"] == ["approval:3:pending_principal"]  # not the check-in


def test_the_command_takes_a_stand_in_for_today(app, program, teacher, partner):
    p = factories.partnership_for(program, teacher)
    p.memberships.append(Membership(user=partner, status=MemberStatus.INVITED,
                                    invited_by=teacher, invited_at=noon(date(2026, 9, 1))))
    db.session.commit()
    runner = app.test_cli_runner()
    early = runner.invoke(args=["send-reminders", "--today", "2026-09-05"])
    assert early.exit_code == 0 and "0 digests" in early.output
    result = runner.invoke(args=["send-reminders", "--today", "2026-09-06"])
    assert result.exit_code == 0, result.output
    assert "1 digests with 1 items sent" in result.output
    assert sent_on(date(2026, 9, 6)) == {partner.email.split("@")[0]: [
        f"invitation:{p.memberships[-1].id}"]}
    assert runner.invoke(args=["send-reminders", "--today", "29/09/2026"]).exit_code != 0


def test_one_digest_a_day_what_comes_due_later_goes_the_next_day(app, program, teacher,
                                                                 partner):
    p = factories.partnership_for(program, teacher)
    invited = Membership(user=partner, status=MemberStatus.INVITED, invited_by=teacher,
                         invited_at=noon(date(2026, 9, 1)))
    p.memberships.append(invited)
    db.session.commit()
    day = date(2026, 9, 7)
    assert run_on(app, day).sent == 1
    # Later the same day a second invitation comes due: no second mail today …
    other = factories.partnership_for(program, factories.UserFactory(school=teacher.school))
    other.memberships.append(Membership(user=partner, status=MemberStatus.INVITED,
                                        invited_at=noon(date(2026, 9, 1))))
    db.session.commit()
    assert run_on(app, day).sent == 0
    # … it goes the next day, alone.
    assert run_on(app, day + timedelta(days=1)).sent == 1
    keys = [r.item for r in db.session.scalars(select(ReminderSent).order_by(ReminderSent.id))]
    assert keys == [f"invitation:{invited.id}", f"invitation:{other.memberships[-1].id}"]


def test_weekly_reflections_are_asked_for_from_thursday(app, district, school):
    program = factories.instructional_partners_program(district)
    first, second = (factories.UserFactory(school=school) for _ in range(2))
    p = factories.formed_partnership(program, first, second, formed_on=date(2026, 9, 1))
    db.session.commit()
    wednesday, thursday = date(2026, 9, 16), date(2026, 9, 17)
    assert run_on(app, wednesday).sent == 0
    factories.weekly_reflection_for(p, first, date(2026, 9, 14), text="Done this week.")
    db.session.commit()
    run_on(app, thursday)
    assert sent_on(thursday) == {second.email.split("@")[0]: [f"weekly:{p.id}:2026-09-14"]}


def test_the_unsubscribe_link_asks_then_turns_the_kind_off(app, client, teacher):
    token = send.unsubscribe_token(teacher, ["deadline"])
    page = client.get(f"/reminders/unsubscribe/{token}")
    assert page.status_code == 200 and "Stop mailing" in page.get_data(as_text=True)
    assert db.session.scalars(select(ReminderOptOut)).all() == []  # a GET changes nothing
    done = client.post(f"/reminders/unsubscribe/{token}", csrf=False)  # one click, no token
    assert done.status_code == 200 and "gets no more of these" in done.get_data(as_text=True)
    assert [(o.user_id, o.kind) for o in db.session.scalars(select(ReminderOptOut))] \
        == [(teacher.id, "deadline")]
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "reminder_unsubscribed")).actor_id == teacher.id
    assert client.post(f"/reminders/unsubscribe/{token}", csrf=False).status_code == 200
    assert len(db.session.scalars(select(ReminderOptOut)).all()) == 1
    assert client.get(f"/reminders/unsubscribe/{token}x").status_code == 404
    from itsdangerous import URLSafeSerializer

    forged = URLSafeSerializer("not the app's key", salt=send._SALT).dumps(
        [teacher.id, ["weekly"]])
    assert client.post(f"/reminders/unsubscribe/{forged}", csrf=False).status_code == 404
    assert len(db.session.scalars(select(ReminderOptOut)).all()) == 1


def test_the_settings_page_lists_ones_kinds_and_saves_them(as_teacher, teacher, as_principal):
    page = as_teacher.get("/reminders/settings").get_data(as_text=True)
    assert "Program deadlines" in page and "Check-ins with partnerships" not in page
    as_teacher.post("/reminders/settings", data={"kind": ["deadline", "weekly"]})
    off = {o.kind for o in db.session.scalars(select(ReminderOptOut).where(
        ReminderOptOut.user_id == teacher.id))}
    assert off == {"invitation", "cadence", "followup"}
    as_teacher.post("/reminders/settings", data={"kind": ["deadline", "weekly", "cadence",
                                                          "invitation", "followup"]})
    assert db.session.scalars(select(ReminderOptOut)).all() == []
    assert "Check-ins with partnerships" in as_principal.get("/reminders/settings").get_data(
        as_text=True)


def test_the_district_pause_is_for_administrators(as_admin, as_principal, district):
    assert as_principal.post("/reminders/district", data={"paused": "1"}).status_code == 403
    assert as_admin.post("/reminders/district", data={"paused": "1"}).status_code == 302
    db.session.refresh(district)
    assert district.reminders_paused
    page = as_admin.get("/reminders/district").get_data(as_text=True)
    assert "Reminders are paused" in page
    as_admin.post("/reminders/district", data={"paused": "0"})
    db.session.refresh(district)
    assert not district.reminders_paused


def test_school_days_skip_weekends():
    friday = date(2026, 9, 18)
    assert school_days_between(friday, friday + timedelta(days=3)) == 1  # to Monday
    assert school_days_between(friday, friday + timedelta(days=5)) == 3  # to Wednesday
