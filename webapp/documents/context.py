"""Plain contexts for the documents, built from a partnership or a visit.

The renderers (docx.py, pdf.py, packet.py) get only these dicts of strings and lists,
never an ORM object or the request (STYLE practice 5; Indico's safe context). Every
label and question comes from the forms/ classes the pages use, so the page, the Word
file and the PDF ask the same question in the same words.

Keys shared by the documents:

    document      the template: "partnership_plan", "visitation_form", "reflection_record",
                  "instructional_target", "families_summary"
    file_name     a name for the download, without extension (not printed)
    lang          the language it is printed in (not printed)
    letterhead    {"lines": the district's letterhead lines (else its name) and the school,
                   "logo": an SVG holding the district's logo or "", "logo_alt"}
    title, people (whom it is about), generated_on (ISO date)
    document_id   this version's id, on every page (the records layer sets it)
    missing       what a draft still lacks ([] when complete): a DRAFT mark and the list
    verify        {"url", "text", "qr" (SVG), "qr_alt"}: how to check a filed record;
                  "url" is "" until it is filed
    words         fixed wording: generated_on, document, signatures, signature, date, page,
                  of, draft_mark, draft_notice
    sections      [{"heading", "fields": [{"label", "help", "value"}]}]
    signatures    [{"name", "role", "signed", "slot", "drawn"}]: each member (or the visiting
                  teacher), the principal of each of their schools, the district's
                  approver where a visit needed one (not on the Instructional Target);
                  "signed" says how and when once signed, "slot" who may sign,
                  "drawn" the signature drawn on the pad (SVG) or ""

and per document: `milestones` (plan); `cycles` and `final_sections` (reflection record);
`focus_areas` (Instructional Target: {"heading", "areas": [{"title", "look_fors"}]}).
Every other string in a context is printed by both renderers (tests/test_documents.py),
but those under NOT_PRINTED keys.
"""
from __future__ import annotations

from datetime import date

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forms.approach import ApproachForm
from forms.cycle import CycleForm
from forms.objective import ObjectiveForm
from forms.program_defaults import CADENCES, OBJECTIVE_SOURCES, OTHER_APPROACH
from forms.reflection import QUESTIONS, ImpactForm
from forms.timeline import MilestoneForm, TimelineForm
from forms.visit import (LEARNED_HEADING, NAME, POST_VISIT_HEADING, SCHOOL, FollowupDateForm,
                         PostVisitForm, VisitRequestForm, length_choices)

from .. import clock
from ..extensions import db
from ..models import Partnership, Role, User, Visit, VisitStatus, WeeklyReflection
from ..models.user import ROLE_LABELS
from .text import clean

# Keys that name or file a document; everything else in a context is printed.
METADATA_KEYS = frozenset({"document", "file_name", "lang"})
# Keys, at any depth, whose values are not printed as text: a signature's slot, and the
# pictures (as SVG): the letterhead's logo, a drawn signature, a filed record's QR code,
# and their alternative texts (in the PDF's structure, not on the page).
NOT_PRINTED = frozenset({"slot", "logo", "logo_alt", "qr", "qr_alt", "drawn"})

PLAN_TITLE = _l("Partnership plan")
VISIT_FORM_NAME = _l("Visitation form")  # in file names and bookmarks
RECORD_TITLE = _l("Reflection record")
TARGET_TITLE = _l("Instructional Target")
PACKET_TITLE = _l("Records packet")
WORDS = {
    "generated_on": _l("Generated on"),
    "document": _l("Document"),
    "signatures": _l("Signatures"),
    "signature": _l("Signature"),
    "date": _l("Date"),
    "page": _l("Page"),
    "of": _l("of"),
    "draft_mark": _l("DRAFT"),
    "draft_notice": _l("Draft: this record is not complete yet. Missing:"),
}
NOT_SUBMITTED = _l("Not yet submitted")
# Visits that were cancelled or declined are not part of the record.
FILED_VISITS = (VisitStatus.PENDING_PRINCIPAL, VisitStatus.PENDING_DISTRICT,
                VisitStatus.APPROVED)


def partnership_plan(partnership: Partnership, today: date | None = None) -> dict:
    """Objective, members, approach and timeline, signed by the members and the principal."""
    p = partnership
    optional = _look_fors_field(p) + _rubric_indicators_field(p)  # may rightly be empty
    objective = [
        _field(ObjectiveForm, "focus_area", p.focus_area),
        *optional,
        _field(ObjectiveForm, "objective", p.objective, with_help=True),
        _field(ObjectiveForm, "student_goal", p.student_goal, with_help=True),
        _field(ObjectiveForm, "educator_goal", p.educator_goal, with_help=True),
        _field(ObjectiveForm, "objective_source", _choice(OBJECTIVE_SOURCES, p.objective_source)),
    ]
    approach = [
        _field(ApproachForm, "approaches", "\n".join(_approaches(p))),
        _field(ApproachForm, "approach_plan", p.approach_plan, with_help=True),
        _field(ApproachForm, "communication_plan", p.communication_plan, with_help=True),
    ]
    timeline = [
        _field(TimelineForm, "start_date", _iso(p.start_date)),
        _field(TimelineForm, "end_date", _iso(p.end_date)),
        _field(TimelineForm, "cadence", _choice(CADENCES, p.cadence)),
    ]
    rows = [{"due_date": _iso(m.due_date), "title": clean(m.title),
             "status": str(_l("Done") if m.done else _l("Open"))} for m in p.milestones]
    return {
        **_heading("partnership_plan", PLAN_TITLE, p.program.district, p.school.name,
                   today, f"{PLAN_TITLE} - {_names(p)}", _names(p),
                   _missing([f for f in objective if f not in optional] + approach
                            + timeline)),
        "sections": [
            _section(_l("Objective"), objective),
            _section(_l("Partners"), [_members_field(p)]),
            _section(_l("Approach"), approach),
            _section(_l("Timeline"), timeline),
        ],
        "milestones": {
            "heading": str(_l("Milestones")),
            "columns": {"due_date": _label(MilestoneForm, "due_date"),
                        "title": _label(MilestoneForm, "title"), "status": str(_l("Status"))},
            "rows": rows,
            "empty": "" if rows else str(_l("No milestones yet.")),
        },
        "signatures": _member_signatures(p),
    }


def visitation_form(visit: Visit, today: date | None = None) -> dict:
    """Seed 000's visitation form, its pre-visit part and its post-visit follow-up."""
    before_visit = [
        {"label": str(NAME), "help": "", "value": clean(visit.visitor_name)},
        {"label": str(SCHOOL), "help": "", "value": clean(visit.visitor_school)},
        _field(VisitRequestForm, "proposed_date", _iso(visit.proposed_date)),
        _field(VisitRequestForm, "location", visit.location),
        _field(VisitRequestForm, "visited_id", visit.visited_name),
        # A length the program allows beyond today's two reads "2.0 days", not "2.0".
        _field(VisitRequestForm, "length_days",
               _choice(length_choices([visit.length_days]), f"{visit.length_days:.1f}")),
        _field(VisitRequestForm, "purpose", visit.purpose, with_help=True),
    ]
    learned = [visit.learned_1, visit.learned_2, visit.learned_3]
    after_visit = [
        {"label": str(LEARNED_HEADING), "help": "",
         "value": "\n".join(f"{n}. {clean(text)}" for n, text in enumerate(learned, 1) if text)},
        _field(PostVisitForm, "impact", visit.impact),
        _field(PostVisitForm, "next_steps", visit.next_steps),
        _field(PostVisitForm, "notes", visit.notes),
        _field(FollowupDateForm, "followup_date", _iso(visit.followup_date)),
    ]
    name = clean(visit.visitor_name)
    decision = _decision_fields(visit)
    # What the visit still lacks: the decision, then (once it happened) the follow-up.
    missing = [f["label"] for f in decision if f["value"] == str(WAITING)]
    missing += _missing(after_visit[:3])
    return {
        **_heading("visitation_form", visit.partnership.program.visit_form_title,
                   visit.partnership.program.district, visit.visitor_school, today,
                   _visit_name(visit), name, missing),
        "sections": [_section("", before_visit), _section(_l("Decision"), decision),
                     _section(POST_VISIT_HEADING, after_visit)],
        "signatures": [_signature(name, str(ROLE_LABELS[Role.TEACHER]),
                                  f"member:{visit.visitor_id}"),
                       _principal_slot(visit.visitor.school)]
        + ([_signature("", _approver_title(visit), "district")] if _needs_district(visit)
           else []),
    }


def reflection_record(partnership: Partnership, include_cycles: bool,
                      today: date | None = None, weekly_reader: User | None = None) -> dict:
    """Cycles, weekly reflections, each member's final reflection and the evidence of impact.

    include_cycles is False for a reader who may not see the cycle notes (a principal
    when the partnership does not share them): the cycles then stay out of the copy.
    weekly_reader is the member whose own copy this is: it holds their weekly reflections
    and those their partners shared with them; without one (the principal's copy, the
    file's) it holds none.
    """
    p = partnership
    overview = [_members_field(p), _field(ObjectiveForm, "focus_area", p.focus_area),
                _field(ObjectiveForm, "objective", p.objective)]
    submitted = {r.user_id: r for r in _submitted_reflections(p)}
    final_sections = [_final_reflection(member, submitted.get(member.id))
                      for member in p.members]
    final_sections[:0] = _weekly_sections(p, weekly_reader)
    impact = _field(ImpactForm, "impact_evidence", p.impact_evidence, with_help=True)
    final_sections.append(_section(_l("Evidence of impact on student learning (together)"),
                                   [impact]))
    missing = [str(_l("Final reflection: %(name)s", name=clean(member.name)))
               for member in p.members if member.id not in submitted]
    return {
        **_heading("reflection_record", RECORD_TITLE, p.program.district, p.school.name,
                   today, f"{RECORD_TITLE} - {_names(p)}", _names(p),
                   missing + _missing([impact])),
        "sections": [_section("", overview)],
        "cycles": _cycles(p, include_cycles),
        "final_sections": final_sections,
        "signatures": _member_signatures(p),
    }


def instructional_target(target, today: date | None = None) -> dict:
    """A school's Instructional Target on one page: the vision, then each focus area with
    its look-fors. Nobody signs it."""
    from forms.target import VISION

    school = f"{clean(target.school.name)} · {clean(target.program.name)}"
    heading = _heading("instructional_target", TARGET_TITLE, target.program.district, school,
                       today, f"{TARGET_TITLE} - {target.school.name} - {target.program.name}",
                       clean(target.school.name), [])
    # Not a record: no signatures, no document id.
    heading["words"] = {key: word for key, word in heading["words"].items()
                        if key not in ("document", "signatures", "signature", "date",
                                       "draft_mark", "draft_notice")}
    return {
        **heading,
        "sections": [_section("", [{"label": str(VISION), "help": "",
                                    "value": clean(target.vision)}])],
        "focus_areas": {
            "heading": str(_l("Focus areas and look-fors")),
            "areas": [{"title": clean(area["title"]),
                       "look_fors": [clean(item["text"]) for item in area["look_fors"]]}
                      for area in target.focus_areas or []],
        },
    }


def available_documents(partnership: Partnership, include_cycles: bool = True,
                        may_see_visit=lambda visit: True,
                        weekly_reader: User | None = None) -> list[dict]:
    """The documents of a partnership that have something in them, in packet order.

    Each is {"document", "title", "visit_id"}: the plan once the objective is written,
    a visitation form per visit that was not cancelled or declined (by date), and the
    reflection record once a member submitted a reflection or (for a reader who may see
    them) cycles were logged, or the reader (`weekly_reader`, a member) has weekly
    reflections to read. `may_see_visit` leaves out visits the reader may not see.
    """
    found = []
    if partnership.objective:
        found.append({"document": "partnership_plan", "title": str(PLAN_TITLE), "visit_id": None})
    for visit in filter(may_see_visit, filed_visits(partnership)):
        found.append({"document": "visitation_form", "title": _visit_name(visit),
                      "visit_id": visit.id})
    if (_submitted_reflections(partnership) or (include_cycles and partnership.cycles)
            or _weekly_sections(partnership, weekly_reader)):
        found.append({"document": "reflection_record", "title": str(RECORD_TITLE),
                      "visit_id": None})
    return found


def records_packet(partnership: Partnership, include_cycles: bool,
                   today: date | None = None, may_see_visit=lambda visit: True,
                   weekly_reader: User | None = None) -> dict:
    """The contexts of every available document, and the packet's PDF metadata;
    "visits" names each document's visit (None but for visitation forms)."""
    contexts = []
    listed = available_documents(partnership, include_cycles, may_see_visit, weekly_reader)
    for found in listed:
        if found["document"] == "partnership_plan":
            contexts.append(partnership_plan(partnership, today))
        elif found["document"] == "visitation_form":
            contexts.append(visitation_form(db.session.get(Visit, found["visit_id"]), today))
        else:
            contexts.append(reflection_record(partnership, include_cycles, today,
                                              weekly_reader))
    names = _names(partnership)
    return {
        "title": f"{PACKET_TITLE} - {names}",
        "author": names,
        "subject": f"{partnership.program.name} - {partnership.school.name}",
        "documents": contexts,
        "visits": [found["visit_id"] for found in listed],
    }


def filed_visits(partnership: Partnership) -> list[Visit]:
    return list(db.session.scalars(select(Visit).where(
        Visit.partnership_id == partnership.id, Visit.status.in_(FILED_VISITS))
        .order_by(Visit.proposed_date, Visit.id)))


# --- building blocks --------------------------------------------------------------------

def _heading(document, title, district, school, today, file_name, people: str,
             missing: list[str]) -> dict:
    """The keys every document has. `people` are whom it is about (the footer names
    them); `missing` what it still lacks (a draft says so); `document_id` names this
    version of the record (the records layer gives a filed one its own); `verify` is
    filled in on a filed record."""
    day = today or clock.today()
    return {
        "document": document,
        "file_name": file_name,
        "lang": str(get_locale() or "en"),
        "letterhead": letterhead(district, clean(school)),
        "title": str(title),
        "people": clean(people),
        "generated_on": day.isoformat(),
        "document_id": "",
        "missing": missing,
        "verify": {"url": "", "text": "", "qr": "", "qr_alt": ""},
        # The draft's words only where there is a draft to mark.
        "words": {key: str(word) for key, word in WORDS.items()
                  if missing or key not in ("draft_mark", "draft_notice")},
    }


def letterhead(district, school: str) -> dict:
    """The district's letterhead (its own lines and logo, set by its administrator, else
    its name), then the school."""
    from .letterhead import logo_svg

    lines = [clean(line) for line in district.letterhead_lines or [] if clean(line).strip()]
    return {"lines": (lines or [clean(district.name)]) + ([school] if school else []),
            "logo": logo_svg(district.logo_png),
            "logo_alt": str(_l("Logo of %(district)s", district=clean(district.name)))}


def _missing(fields: list[dict]) -> list[str]:
    """The labels of the fields left blank."""
    return [f["label"] for f in fields if not f["value"].strip()]


def _label(form: type, name: str) -> str:
    """A field's label as its page shows it, read from the form class's unbound field."""
    field = getattr(form, name)
    return str(field.kwargs.get("label") or field.args[0])


def _field(form: type, name: str, value, *, with_help: bool = False) -> dict:
    description = getattr(form, name).kwargs.get("description") if with_help else None
    return {"label": _label(form, name), "help": str(description or ""), "value": clean(value)}


def _section(heading, fields: list[dict]) -> dict:
    return {"heading": str(heading), "fields": fields}


def _cycles(p: Partnership, include_cycles: bool) -> dict:
    entries = sorted(p.cycles, key=lambda c: (c.met_on, c.id)) if include_cycles else []
    rows = [{
        "heading": _cycle_heading(n, c),
        "met_on": _iso(c.met_on),
        "attendees": clean(c.attendees),
        "minutes": str(c.minutes or ""),
        "fields": _cycle_fields(c),
    } for n, c in enumerate(entries, 1)]
    if not include_cycles:
        note = _l("The partnership keeps its cycle notes private; they are not in this copy.")
    else:
        note = "" if rows else _l("No cycles logged yet.")
    return {
        "heading": str(_l("Reflect – plan – act")),
        "columns": {key: _label(CycleForm, key) for key in ("met_on", "attendees", "minutes")},
        "rows": rows,
        "note": str(note),
    }


def _rubric_indicators_field(p: Partnership) -> list[dict]:
    """The focal rubric indicators (seed 004); none where the program lists no indicators
    and the partnership has none, as the overview leaves them out."""
    if not (p.rubric_indicators or p.program.rubric_indicators):
        return []
    return [_field(ObjectiveForm, "rubric_indicators", "\n".join(p.rubric_indicators or []))]


def _look_fors_field(p: Partnership) -> list[dict]:
    """The target's look-fors the partnership focuses on (none: where the program has no
    Instructional Target); one removed from the target since says so."""
    from ..targets.content import chosen, has_practice

    if not has_practice(p.program):
        return []
    gone = str(_l("(no longer in the target)"))
    lines = [f"{clean(item.focus_area)}: {clean(item.text)}" + ("" if item.current else f" {gone}")
             for item in chosen(p)]
    return [_field(ObjectiveForm, "look_fors", "\n".join(lines))]


def _weekly_sections(p: Partnership, reader: User | None) -> list[dict]:
    """A section per member with weekly reflections `reader` may read (their own, and
    what partners shared with them): one field per week, in week order."""
    if reader is None or not p.is_member(reader):
        return []
    from .. import access  # the access rule, not a copy of it

    rows = db.session.scalars(select(WeeklyReflection).where(
        WeeklyReflection.partnership_id == p.id).order_by(WeeklyReflection.week_of))
    readable = [r for r in rows if r.written and access.can_read_weekly(reader, r)]
    return [_section(_l("Weekly reflections: %(name)s", name=clean(member.name)), [
        {"label": str(_l("Week of %(day)s", day=_iso(r.week_of))),
         "help": str(_l("Reflecting on: %(principle)s", principle=clean(r.principle)))
         if r.principle else "",
         "value": clean(r.text)} for r in readable if r.user_id == member.id])
        for member in p.members if any(r.user_id == member.id for r in readable)]


def _cycle_heading(number: int, entry) -> str:
    heading = str(_l("Meeting %(number)d: %(date)s", number=number, date=_iso(entry.met_on)))
    if not entry.stage:
        return heading
    return heading + " · " + str(_l("Round %(round)d, %(stage)s", round=entry.cycle_round or 1,
                                    stage=clean(entry.stage_name)))


def _cycle_fields(entry) -> list[dict]:
    """Reflect – plan – act's four answers, or a stage record's questions as it answered them."""
    if entry.stage:
        return [{"label": clean(a["prompt"]), "help": "", "value": clean(a["answer"])}
                for a in entry.answers]
    return [_field(CycleForm, key, getattr(entry, key))
            for key in ("reflected", "planned", "acted", "evidence")]


def _approaches(p: Partnership) -> list[str]:
    chosen = [clean(a) for a in p.approaches or [] if a != OTHER_APPROACH]
    if OTHER_APPROACH in (p.approaches or []) or p.approach_other:
        chosen.append(f"{OTHER_APPROACH}: {clean(p.approach_other)}".rstrip(": "))
    return chosen


def _members_field(p: Partnership) -> dict:
    lines = [f"{clean(u.name)}, {clean(u.school.name)}" if u.school else clean(u.name)
             for u in p.members]
    return {"label": str(_l("Members")), "help": "", "value": "\n".join(lines)}


def _submitted_reflections(p: Partnership) -> list:
    order = {u.id: n for n, u in enumerate(p.members)}
    submitted = [r for r in p.reflections if r.submitted_at]
    return sorted(submitted, key=lambda r: (order.get(r.user_id, len(order)), r.id))


def _member_signatures(p: Partnership) -> list[dict]:
    """Each member, then the principal of each of their schools (the partnership's first)."""
    schools = list(dict.fromkeys([p.school, *(u.school for u in p.members if u.school)]))
    return [_signature(clean(u.name), str(ROLE_LABELS[Role.TEACHER]), f"member:{u.id}")
            for u in p.members] + [_principal_slot(school) for school in schools]


def _principal_slot(school) -> dict:
    """The principal of `school` signs: whoever holds the post when signing. Before that,
    the line names the school's principal only when it has exactly one."""
    principals = list(db.session.scalars(select(User.name).where(
        User.school_id == school.id, User.role == Role.PRINCIPAL, User.active).limit(2)))
    name = clean(principals[0]) if len(principals) == 1 else ""
    return _signature(name, str(_l("Principal, %(school)s", school=clean(school.name))),
                      f"principal:{school.id}")


def _signature(name: str, role: str, slot: str) -> dict:
    """A signature line: who (if known before signing), in what role, and once signed
    how and when (the records layer fills `signed` in). `slot` says who may sign it
    ("member:<user id>", "principal:<school id>", "district"); it is not printed."""
    return {"name": name, "role": role, "signed": "", "slot": slot, "drawn": ""}


WAITING = _l("Waiting for a decision")


def _decision_fields(visit: Visit) -> list[dict]:
    """The principal's decision (and the district's, where the program asks for one):
    approved or declined, by whom and when, with the comment."""
    fields = [
        {"label": str(_l("Principal's decision")), "help": "",
         "value": _decided(visit.principal, visit.principal_decided_at,
                           visit.status is VisitStatus.DECLINED and not visit.district_decided_at)},
        {"label": str(_l("Principal's comment")), "help": "",
         "value": clean(visit.principal_comment)},
    ]
    if _needs_district(visit):
        title = _approver_title(visit)
        fields += [
            {"label": str(_l("District approval (%(title)s)", title=title)), "help": "",
             "value": _decided(visit.district_decider, visit.district_decided_at,
                               visit.status is VisitStatus.DECLINED)},
            {"label": str(_l("District's comment")), "help": "",
             "value": clean(visit.district_comment)},
        ]
    return fields


def _decided(decider: User | None, at, declined: bool) -> str:
    if at is None:
        return str(WAITING)
    verdict = _l("Declined by %(name)s on %(day)s") if declined else _l(
        "Approved by %(name)s on %(day)s")
    return str(verdict % {"name": clean(decider.name) if decider else "", "day": _iso(at.date())})


def _needs_district(visit: Visit) -> bool:
    """The district approves this visit too: it was asked to, or decided it."""
    return (visit.status is VisitStatus.PENDING_DISTRICT or visit.district_decided_at is not None)


def _approver_title(visit: Visit) -> str:
    settings = visit.partnership.program.practice("visits") or {}
    return clean(settings.get("approver_title") or _l("District approver"))


def _final_reflection(member: User, reflection) -> dict:
    """A member's final reflection: when they submitted it, and their answers; or that
    they have not submitted it yet (no empty questions)."""
    heading = _l("Final reflection: %(name)s", name=clean(member.name))
    submitted = {"label": str(_l("Submitted")), "help": "",
                 "value": _iso(reflection.submitted_at.date()) if reflection
                 else str(NOT_SUBMITTED)}
    if reflection is None:
        return _section(heading, [submitted])
    return _section(heading, [submitted] + [
        {"label": str(title), "help": str(prompt), "value": clean(getattr(reflection, key))}
        for key, title, prompt in QUESTIONS])


def _visit_name(visit: Visit) -> str:
    return f"{VISIT_FORM_NAME} - {clean(visit.visitor_name)} - {_iso(visit.proposed_date)}"


def _names(p: Partnership) -> str:
    return " & ".join(clean(u.name) for u in p.members)


def _choice(choices, key: str) -> str:
    """The label of a choice, from WTForms SelectChoices or (key, label) pairs."""
    labels = dict(tuple(choice)[:2] for choice in choices)
    return clean(labels.get(key, key) if key else "")


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
