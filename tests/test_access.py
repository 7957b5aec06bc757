"""Every route, with every role: allowed or refused, decided by webapp/access.py."""
import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AuditEvent

from . import factories

# (method, url template, who may use it). Templates take ids of the fixtures below.
# "anon": anyone; "user": any signed-in user; roles by name otherwise.
ROUTES = [
    ("GET", "/", {"teacher", "principal", "admin"}),
    ("GET", "/auth/password", {"teacher", "principal", "admin"}),
    ("POST", "/auth/stay", {"teacher", "principal", "admin"}),
    ("GET", "/admin/schools", {"admin"}),
    ("POST", "/admin/schools", {"admin"}),
    ("GET", "/admin/schools/{own_school}/rename", {"admin"}),
    ("POST", "/admin/schools/{own_school}/rename", {"admin"}),
    ("GET", "/admin/schools/{other_school}/rename", {"admin"}),
    ("GET", "/admin/staff", {"principal", "admin"}),
    ("GET", "/admin/staff?school={own_school}", {"principal", "admin"}),
    ("GET", "/admin/staff?school={other_school}", {"admin"}),
    ("GET", "/admin/staff/new", {"admin"}),
    ("POST", "/admin/staff/new", {"admin"}),
    ("GET", "/admin/staff/{colleague}", {"principal", "admin"}),
    ("GET", "/admin/staff/{stranger}", {"admin"}),
    ("GET", "/admin/staff/{colleague}/edit", {"admin"}),
    ("POST", "/admin/staff/{colleague}/edit", {"admin"}),
    ("POST", "/admin/staff/{stranger}/deactivate", {"admin"}),
    ("POST", "/admin/staff/{stranger}/reactivate", {"admin"}),
    ("POST", "/admin/staff/{colleague}/invite", {"admin"}),
    ("POST", "/admin/staff/invite-all", {"admin"}),
    ("GET", "/admin/roster", {"admin"}),
    ("POST", "/admin/roster", {"admin"}),
    ("POST", "/admin/roster/confirm", {"admin"}),
    ("GET", "/admin/audit", {"admin"}),
    ("GET", "/admin/outbox", {"admin"}),
    ("POST", "/admin/outbox/{own_mail}/retry", {"admin"}),
    ("GET", "/reminders/settings", {"teacher", "principal", "admin"}),
    ("POST", "/reminders/settings", {"teacher", "principal", "admin"}),
    ("GET", "/reminders/district", {"admin"}),
    ("POST", "/reminders/district", {"admin"}),
    ("GET", "/programs/", {"admin"}),
    ("GET", "/programs/new", {"admin"}),
    ("POST", "/programs/new", {"admin"}),
    ("GET", "/programs/{program}/edit", {"admin"}),
    ("POST", "/programs/{program}/edit", {"admin"}),
    ("GET", "/programs/{program}/next-year", {"admin"}),
    ("POST", "/programs/{program}/next-year", {"admin"}),
    ("GET", "/programs/{program}/delete", {"admin"}),
    ("POST", "/programs/{program}/delete", {"admin"}),  # in use: refused with 409
    ("POST", "/partnerships/new", {"teacher"}),
    # No later year in this world: a member is told why (302), others refused.
    *[(method, f"/partnerships/{{{p}}}/carry-over", {"teacher"} if p == "own_p" else set())
      for p in ("own_p", "other_p") for method in ("GET", "POST")],
    # own_p: the teacher's partnership in their school; other_p: two strangers elsewhere.
    ("GET", "/partnerships/{own_p}/", {"teacher", "principal", "admin"}),
    ("GET", "/partnerships/{other_p}/", {"admin"}),
    ("GET", "/partnerships/{own_p}/next", {"teacher"}),
    ("GET", "/partnerships/{other_p}/next", set()),
    *[(method, f"/partnerships/{{{p}}}/{key}", {"teacher"} if p == "own_p" else set())
      for p in ("own_p", "other_p") for method in ("GET", "POST")
      for key in ("objective", "approach", "timeline")],
    *[("GET", f"/partnerships/{{{p}}}/{key}", {"teacher"} if p == "own_p" else set())
      for p in ("own_p", "other_p") for key in ("partner", "cycles", "reflection")],
    ("GET", "/partnerships/{own_p}/colleagues?q=co", {"teacher"}),
    ("GET", "/partnerships/{other_p}/colleagues?q=co", set()),
    ("POST", "/partnerships/{own_p}/invitations", {"teacher"}),
    ("POST", "/partnerships/{other_p}/invitations", set()),
    ("POST", "/partnerships/{own_p}/invitations/{invited}/withdraw", {"teacher"}),
    ("POST", "/partnerships/{other_p}/invitations/{invited}/withdraw", set()),
    ("GET", "/partnerships/{own_p}/invitation", {"teacher"}),
    ("GET", "/partnerships/{other_p}/invitation", set()),
    ("POST", "/partnerships/{own_p}/invitation/accept", set()),
    ("POST", "/partnerships/{other_p}/invitation/decline", set()),
    ("POST", "/partnerships/{own_p}/milestones", {"teacher"}),
    ("POST", "/partnerships/{own_p}/milestones/{milestone}/toggle", {"teacher"}),
    ("POST", "/partnerships/{own_p}/milestones/{milestone}/delete", {"teacher"}),
    ("POST", "/partnerships/{own_p}/cycles/new", {"teacher"}),
    ("POST", "/partnerships/{other_p}/cycles/new", set()),
    ("GET", "/partnerships/cycles/{entry}/edit", {"teacher"}),
    ("POST", "/partnerships/cycles/{entry}/edit", {"teacher"}),
    ("GET", "/partnerships/cycles/{other_entry}/edit", set()),
    ("GET", "/partnerships/cycles/{entry}/delete", {"teacher"}),
    ("GET", "/partnerships/cycles/{other_entry}/delete", set()),
    ("POST", "/partnerships/cycles/{other_entry}/delete", set()),
    ("POST", "/partnerships/cycles/{entry}/delete", {"teacher"}),
    ("POST", "/partnerships/{own_p}/cycles/done", {"teacher"}),
    # Staged cycles only (this world's program is Partners in Practice: 404 for members
    # too); tests/test_cycle_stages.py lets a Learning Teams member move and refuses others.
    ("POST", "/partnerships/{own_p}/cycles/stage", set()),
    ("POST", "/partnerships/{other_p}/cycles/stage", set()),
    ("POST", "/partnerships/{own_p}/sharing", {"teacher"}),
    ("POST", "/partnerships/{other_p}/sharing", set()),
    ("POST", "/partnerships/{own_p}/reflection/mine", {"teacher"}),
    ("POST", "/partnerships/{own_p}/reflection/impact", {"teacher"}),
    ("POST", "/partnerships/{other_p}/reflection/mine", set()),
    ("POST", "/partnerships/{own_p}/complete", {"teacher"}),
    ("POST", "/partnerships/{other_p}/complete", set()),
    # Weekly reflections (seed 001): the writer's own; principals never read them.
    ("GET", "/partnerships/{own_p}/weekly", {"teacher"}),
    ("GET", "/partnerships/{other_p}/weekly", set()),
    ("GET", "/partnerships/{own_p}/weekly/{week}", {"teacher"}),
    ("POST", "/partnerships/{own_p}/weekly/{week}", {"teacher"}),
    ("GET", "/partnerships/{other_p}/weekly/{week}", set()),
    ("POST", "/partnerships/{other_p}/weekly/{week}", set()),
    # Drafts of long forms (webapp/drafts.py): only who may send the form keeps one.
    ("POST", "/drafts/cycle-new/{own_p}", {"teacher"}),
    ("POST", "/drafts/cycle-new/{other_p}", set()),
    ("POST", "/drafts/visit-new/{own_p}/discard", {"teacher"}),
    ("POST", "/drafts/cycle-edit/{other_entry}", set()),
    ("POST", "/drafts/visit-report/{visit}", {"teacher"}),
    ("GET", "/partnerships/{own_p}/complete", {"teacher"}),
    ("GET", "/partnerships/{other_p}/complete", set()),
    # Reopening needs a completed partnership, abandoning one nobody joined: neither is.
    ("POST", "/partnerships/{own_p}/reopen", set()),
    ("GET", "/partnerships/{own_p}/abandon", set()),
    ("POST", "/partnerships/{own_p}/abandon", set()),
    # Documents (before the visit rows below decline or withdraw the visit).
    ("GET", "/records/partnerships/{other_p}/plan.pdf", {"admin"}),
    ("GET", "/records/partnerships/{other_p}/reflection.docx", {"admin"}),
    ("GET", "/records/visits/{visit}/visitation.pdf", {"teacher", "principal", "admin"}),
    ("GET", "/records/visits/{visit}/visitation.docx", {"teacher", "principal", "admin"}),
    ("GET", "/records/visits/{other_visit}/visitation.pdf", {"admin"}),
    ("GET", "/records/partnerships/{own_p}/packet", {"teacher", "principal", "admin"}),
    ("POST", "/records/partnerships/{own_p}/packet", {"teacher", "principal", "admin"}),
    ("GET", "/records/partnerships/{other_p}/packet", {"admin"}),
    ("GET", "/records/packets/not-a-token-of-yours-at-all", set()),
    # Observation scores and suggested matches (#11): never teachers.
    ("GET", "/matching/scores", {"principal", "admin"}),
    ("POST", "/matching/scores", {"principal", "admin"}),
    ("POST", "/matching/scores/confirm", {"principal", "admin"}),
    ("GET", "/matching/scores/2019", set()),
    ("POST", "/matching/scores/2019/delete", {"principal", "admin"}),
    ("GET", "/matching/", {"principal"}),
    ("POST", "/matching/run", set()),
    ("POST", "/matching/runs/{stranger}/exclude", set()),
    ("POST", "/matching/runs/{stranger}/finalize", set()),
    ("GET", "/matching/exclusions", {"principal"}),
    ("POST", "/matching/exclusions", {"principal"}),
    ("POST", "/matching/exclusions/{stranger}/delete", set()),
    ("GET", "/matching/district", {"admin"}),
    ("POST", "/matching/district", {"admin"}),
    # The district's letterhead and Word templates (#10).
    ("GET", "/admin/documents", {"admin"}),
    ("POST", "/admin/documents/letterhead", {"admin"}),
    ("GET", "/admin/documents/templates/partnership_plan.docx", {"admin"}),
    ("POST", "/admin/documents/templates/visitation_form", {"admin"}),
    ("GET", "/admin/documents/templates/reflection_record/preview.docx?token=x", set()),
    ("POST", "/admin/documents/templates/partnership_plan/use", {"admin"}),
    ("POST", "/admin/documents/templates/families_summary/restore", {"admin"}),
    # Record pages: signing, paper copies, reopening (#10).
    ("GET", "/records/plan/{own_p}", {"teacher", "principal", "admin"}),
    ("GET", "/records/plan/{other_p}", {"admin"}),
    ("GET", "/records/reflection/{own_p}", {"teacher", "principal", "admin"}),
    ("GET", "/records/reflection/{other_p}", {"admin"}),
    ("GET", "/records/visit/{visit}", {"teacher", "principal", "admin"}),
    ("GET", "/records/visit/{other_visit}", {"admin"}),
    ("POST", "/records/plan/{own_p}/sign", {"teacher", "principal", "admin"}),
    ("POST", "/records/plan/{other_p}/sign", {"admin"}),
    ("POST", "/records/plan/{own_p}/paper", {"teacher", "principal"}),
    ("POST", "/records/visit/{other_visit}/paper", set()),
    ("POST", "/records/plan/{own_p}/reopen", {"principal"}),
    ("POST", "/records/reflection/{other_p}/reopen", set()),
    ("GET", "/records/filed/{stranger}.pdf", set()),
    ("GET", "/records/filed/{stranger}/scan", set()),
    ("GET", "/visits/partnership/{own_p}/new", {"teacher"}),
    ("POST", "/visits/partnership/{own_p}/new", {"teacher"}),
    ("GET", "/visits/partnership/{other_p}/new", set()),
    ("GET", "/visits/{visit}", {"teacher", "principal", "admin"}),
    ("GET", "/visits/{other_visit}", {"admin"}),
    # "Add to calendar" (#12): as the visit page; a follow-up only once a visit is approved.
    ("GET", "/visits/{visit}/calendar.ics", {"teacher", "principal", "admin"}),
    ("GET", "/visits/{other_visit}/calendar.ics", {"admin"}),
    ("GET", "/visits/{visit}/followup.ics", set()),
    ("POST", "/visits/{visit}/report", {"teacher"}),
    ("POST", "/visits/{visit}/followup-request", {"teacher"}),
    ("POST", "/visits/{visit}/followup", {"principal"}),
    ("POST", "/visits/{other_visit}/followup", set()),
    ("GET", "/visits/approvals", {"principal", "admin"}),
    ("POST", "/visits/{other_visit}/decide", set()),
    ("POST", "/visits/{visit}/decide", {"principal"}),
    ("POST", "/visits/{other_visit}/cancel", set()),
    ("POST", "/visits/{visit}/cancel", {"teacher"}),
    ("GET", "/dashboard/", {"principal", "admin"}),
    ("GET", "/dashboard/schools/{own_school}", {"principal", "admin"}),
    ("GET", "/dashboard/schools/{other_school}", {"admin"}),
    ("GET", "/dashboard/district", {"admin"}),
    # The families' summary needs learning targets, which this world's program has not
    # (404); tests/test_families_summary.py opens it on a Learning Teams program.
    ("GET", "/dashboard/schools/{own_school}/families", set()),
    ("GET", "/dashboard/schools/{other_school}/families.pdf", set()),
    ("GET", "/dashboard/schools/{own_school}/families.docx", set()),
    ("GET", "/dashboard/partnerships/{own_p}/check-ins", {"principal", "admin"}),
    ("POST", "/dashboard/partnerships/{own_p}/check-ins", {"principal", "admin"}),
    ("GET", "/dashboard/partnerships/{other_p}/check-ins", {"admin"}),
    ("POST", "/dashboard/partnerships/{other_p}/check-ins", {"admin"}),
    ("GET", "/dashboard/teachers/{colleague}/release-days", {"principal", "admin"}),
    ("POST", "/dashboard/teachers/{colleague}/release-days", {"principal", "admin"}),
    ("GET", "/dashboard/teachers/{stranger}/release-days", {"admin"}),
    ("POST", "/dashboard/teachers/{stranger}/release-days", {"admin"}),
    ("POST", "/dashboard/release-days/999/remove", set()),
    # A deadline the principal ticks by hand (the world's program has "observed").
    ("GET", "/dashboard/teachers/{colleague}/deadlines/observed", {"principal", "admin"}),
    ("POST", "/dashboard/teachers/{colleague}/deadlines/observed", {"principal", "admin"}),
    ("POST", "/dashboard/teachers/{stranger}/deadlines/observed", {"admin"}),
    ("POST", "/dashboard/teachers/{colleague}/deadlines/observed/untick",
     {"principal", "admin"}),
    ("POST", "/dashboard/teachers/{stranger}/deadlines/observed/untick", {"admin"}),
    ("GET", "/dashboard/matches/new", {"principal"}),
    ("POST", "/dashboard/matches/new", {"principal"}),
    # own_p was started by a teacher: it is not a suggested match the principal may change.
    ("GET", "/dashboard/matches/{own_p}", set()),
    ("POST", "/dashboard/matches/{own_p}", set()),
    ("POST", "/dashboard/matches/{own_p}/withdraw", set()),
    ("GET", "/dashboard/growth-plan", {"teacher"}),
    ("POST", "/dashboard/growth-plan/opt-out", {"teacher"}),
    ("POST", "/dashboard/growth-plan/undo", {"teacher"}),
    # The Instructional Target (seed 001): its school's staff read and comment, its
    # principal (or the district) edits it; one deletes only one's own comment.
    ("GET", "/targets/", {"teacher", "principal", "admin"}),
    ("POST", "/targets/start", set()),  # no school or program named: 404 for everyone
    ("GET", "/targets/{target}", {"teacher", "principal", "admin"}),
    ("GET", "/targets/{other_target}", {"admin"}),
    ("GET", "/targets/{target}/edit", {"principal", "admin"}),
    ("POST", "/targets/{target}/edit", {"principal", "admin"}),
    ("GET", "/targets/{other_target}/edit", {"admin"}),
    ("POST", "/targets/{other_target}/edit", {"admin"}),
    ("POST", "/targets/{target}/comments", {"teacher", "principal", "admin"}),
    ("POST", "/targets/{other_target}/comments", {"admin"}),
    ("POST", "/targets/comments/{other_comment}/delete", set()),
    ("POST", "/targets/comments/{comment}/delete", {"teacher"}),
    ("GET", "/targets/{target}/target.pdf", {"teacher", "principal", "admin"}),
    ("GET", "/targets/{other_target}/target.docx", {"admin"}),
    ("POST", "/drafts/target-edit/{target}", {"principal", "admin"}),
    ("POST", "/drafts/target-comment/{other_target}", {"admin"}),
    # Home pages (#8 points 10, 14): "I'm interested", one's own notices only.
    ("POST", "/interest", {"teacher"}),
    ("POST", "/interest/withdraw", {"teacher"}),
    ("POST", "/notices/{notice}/read", {"teacher"}),
    # Long jobs (#12): a packet or an import is its starter's alone. The world's packet
    # was built before a change: its owner is sent back to build it again (302).
    ("GET", "/jobs/{own_job}", {"teacher"}),
    ("GET", "/jobs/{own_job}/download", {"teacher"}),
    # Calendars (#12): one's own feed address; the district's time zone.
    ("GET", "/calendar/", {"teacher", "principal", "admin"}),
    ("POST", "/calendar/feed", {"teacher", "principal", "admin"}),
    ("POST", "/calendar/feed/revoke", {"teacher", "principal", "admin"}),
    ("POST", "/calendar/time-zone", {"admin"}),
]

# Routes any visitor may use (signed in or not), not listed above.
PUBLIC = {"auth.login", "auth.forgot_password", "auth.set_password", "static", "auth.logout",
          "main.favicon", "verify.check", "verify.record",
          "calendars.feed",  # the private calendar feed: its signed address is the key
          "reminders.unsubscribe"}  # the mail's unsubscribe link: signed, no sign-in


@pytest.fixture
def world(school, other_school, teacher, other_teacher, principal, admin, program):
    from datetime import timedelta

    from webapp.models import CycleEntry, MemberStatus, Membership, Milestone, Notice

    import copy
    from datetime import date

    from webapp.partnerships.weekly import monday

    settings = copy.deepcopy(program.settings)  # weekly reflections on, this week open
    settings["practices"]["weekly_reflections"] = {"prompt": "What did you try this week?"}
    program.settings = settings
    program.settings = {**program.settings, "deadlines": [
        *program.settings["deadlines"], {"key": "observed", "name": "Observed",
                                         "date": program.end_date.isoformat(),
                                         "completed_by": "manual"}]}
    colleague = factories.UserFactory(school=school, name="Cora Colleague")
    own_p = factories.partnership_for(program, teacher, colleague)
    invitee = factories.UserFactory(school=school)
    own_p.memberships.append(Membership(user=invitee, status=MemberStatus.INVITED))
    own_p.milestones.append(Milestone(title="Observe", due_date=program.start_date))
    own_p.cycles.append(CycleEntry(author=teacher, met_on=program.start_date, version=1))
    other_p = factories.partnership_for(program, other_teacher,
                                        factories.UserFactory(school=other_school),
                                        objective="Theirs", share_cycles_with_principal=True)
    other_p.cycles.append(CycleEntry(author=other_teacher, met_on=program.start_date, version=1))
    db.session.commit()
    visit = factories.visit_for(own_p, teacher)
    notice = Notice(user_id=teacher.id, message="Cora accepted your invitation.")
    db.session.add(notice)
    db.session.commit()
    other_visit = factories.visit_for(other_p, other_teacher)
    targets = _target_world(program, school, other_school, teacher, other_teacher)
    from webapp import mail

    own_mail = mail.send(teacher.email, "Hello", "A message.")
    db.session.commit()
    own_job = _job_world(teacher, own_p)
    return {
        **targets, "own_mail": own_mail.id, "own_job": own_job.id,
        "visit": visit.id, "other_visit": other_visit.id,
        "own_school": school.id, "other_school": other_school.id,
        "colleague": colleague.id, "stranger": other_teacher.id, "program": program.id,
        "own_p": own_p.id, "other_p": other_p.id, "invited": own_p.pending_invitations[0].id,
        "milestone": own_p.milestones[0].id, "entry": own_p.cycles[0].id,
        "other_entry": other_p.cycles[0].id, "notice": notice.id,
        "week": monday(date.today()).isoformat(),
        "users": {"teacher": teacher, "principal": principal, "admin": admin},
    }


def _target_world(program, school, other_school, teacher, other_teacher) -> dict:
    """The Instructional Target on (seed 001): each school's target, a comment on each."""
    import copy

    from webapp.models import TargetComment

    settings = copy.deepcopy(program.settings)
    settings["practices"]["instructional_target"] = {"wording": "A school-wide vision."}
    program.settings = settings
    own = factories.target_for(school, program, {"Discourse": ["Students explain"]})
    other = factories.target_for(other_school, program, {"Feedback": ["Next steps named"]})
    comment = TargetComment(target_id=own.id, author_id=teacher.id, body="Mine")
    other_comment = TargetComment(target_id=other.id, author_id=other_teacher.id, body="Theirs")
    db.session.add_all([comment, other_comment])
    db.session.commit()
    return {"target": own.id, "other_target": other.id, "comment": comment.id,
            "other_comment": other_comment.id}


def _job_world(teacher, partnership):
    """A records packet the teacher built (its file kept), of a partnership since changed."""
    from webapp.models import Job, JobStatus
    from webapp.progress import tracking

    job = Job(kind="records_packet", user_id=teacher.id, district_id=teacher.district_id,
              status=JobStatus.DONE, subject={"partnership_id": partnership.id},
              result={"documents": 1, "size_kb": 1, "fingerprint": "before a change"})
    db.session.add(job)
    db.session.flush()
    tracking.keep_result(job, b"%PDF-1.7", "Records packet.pdf")
    db.session.commit()
    return job


def test_every_route_is_in_the_table(app):
    adapter = app.url_map.bind("localhost")
    covered = set()
    for method, path, _ in ROUTES:
        concrete = path.split("?")[0].format_map(_Ids())
        covered.add(adapter.match(concrete, method)[0])
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in PUBLIC:
            assert rule.endpoint in covered, f"{rule.rule} has no access row"


class _Ids(dict):
    def __missing__(self, key):
        return "1"


@pytest.mark.parametrize("role", ["anon", "teacher", "principal", "admin"])
def test_route_access(role, world, app, signed_in):
    client = signed_in(world["users"][role]) if role != "anon" else app.test_client()
    for method, template, allowed in ROUTES:
        url = template.format(**world)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={}) if role != "anon" else client.post(url)
        status = response.status_code
        if role == "anon":
            assert status in (302, 400, 401), (url, status)
            if method == "GET":
                assert "/auth/login" in response.location
        elif role in allowed:
            # 409/422: let in, but the empty form was refused as stale or incomplete.
            # 204: let in, nothing to show ("Stay signed in").
            assert status in (200, 204, 302, 409, 422), (role, method, url, status)
        else:
            assert status in (403, 404), (role, method, url, status)


def test_refusals_are_audited(as_teacher, other_teacher):
    as_teacher.get(f"/admin/staff/{other_teacher.id}")
    as_teacher.post(f"/admin/staff/{other_teacher.id}/deactivate")
    refused = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "access_refused")).all()
    assert len(refused) == 2
    assert refused[0].actor_id is not None and refused[0].address


def test_teacher_cannot_deactivate_by_posting(as_teacher, other_teacher):
    assert as_teacher.post(f"/admin/staff/{other_teacher.id}/deactivate").status_code == 403
    db.session.refresh(other_teacher)
    assert other_teacher.active


def test_principal_sees_only_own_school(as_principal, teacher, other_teacher):
    page = as_principal.get("/admin/staff").get_data(as_text=True)
    assert teacher.name in page
    assert other_teacher.name not in page
    assert as_principal.get(f"/admin/staff/{teacher.id}").status_code == 200
    assert as_principal.get(f"/admin/staff/{other_teacher.id}").status_code == 403


def test_other_district_objects_are_not_found(as_admin):
    elsewhere = factories.SchoolFactory(district=factories.DistrictFactory(name="Far Away"))
    person = factories.UserFactory(school=elsewhere, name="Far Person")
    assert as_admin.get(f"/admin/staff/{person.id}").status_code == 404
    assert as_admin.get(f"/admin/schools/{elsewhere.id}/rename").status_code == 404
    assert "Far Person" not in as_admin.get("/admin/staff?status=all").get_data(as_text=True)


def test_htmx_partial_checks_access_too(as_teacher, as_principal):
    headers = {"HX-Request": "true"}
    assert as_teacher.get("/admin/staff?q=a", headers=headers).status_code == 403
    rows = as_principal.get("/admin/staff?q=ana", headers=headers)
    assert rows.status_code == 200
    body = rows.get_data(as_text=True)
    assert 'id="staff-rows"' in body and "<html" not in body
    assert "HX-Request" in rows.headers.get("Vary", "")
