"""How long each document takes to render, as Word (docxtpl) and as PDF (Typst), and
how large the records packet of a partnership with 100 visits is.

    .venv/bin/python bench/documents.py [--runs 20] [--out DIR]

Builds a realistic partnership (12 cycles, long answers, 3 visits) in an in-memory
SQLite database, turns it into the documents' plain contexts, then prints the median
milliseconds of repeated renders. When LibreOffice's `soffice` is on PATH (Debian:
libreoffice-writer-nogui) it also times `soffice --headless --convert-to pdf` of the same
.docx files (a new soffice each time, as a web worker would run it) and prints how many
times slower that is than Typst: the goals are ≥ 50× for the visitation form and ≥ 20×
for the reflection record. Then it adds 97 visits and prints the packet's size (goal:
≤ 1.5 MB) and how much of it is embedded fonts. --out writes one of each file there.
"""
from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from webapp import create_app  # noqa: E402
from webapp.documents import context as documents  # noqa: E402
from webapp.documents import docx, packet, pdf  # noqa: E402
from webapp.extensions import db  # noqa: E402

SENTENCES = [
    "We opened each meeting with ten minutes of student work from the week before.",
    "Students explained two strategies and chose the one that fit the numbers best.",
    "Quiet students spoke more once we gave think time and used turn-and-talk first.",
    "Next we will try recording strategies on chart paper so they stay up all unit.",
    "Our exit tickets showed fewer place-value errors by the third week of November.",
]


def long_answer(seed: int, paragraphs: int = 4) -> str:
    return "\n\n".join(" ".join(SENTENCES[(seed + p + s) % 5] for s in range(4))
                       for p in range(paragraphs))


def realistic_partnership():
    """A partnership at the end of its year: every step filled, 12 cycles, 3 visits."""
    from webapp.models import (CycleEntry, District, FinalReflection, MemberStatus,
                               Membership, Milestone, Partnership, Role, School, User, Visit,
                               VisitStatus)
    from webapp.models.base import utcnow
    from webapp.programs.operations import default_program

    district = District(name="Park West School Division")
    school = School(district=district, name="Riverside Elementary")
    ana, ben, pat = (User(district=district, school=school, name=name, role=role,
                          email=f"{name.split()[0].lower()}@example.org")
                     for name, role in (("Ana Teacher", Role.TEACHER),
                                        ("Ben Partner", Role.TEACHER),
                                        ("Pat Principal", Role.PRINCIPAL)))
    db.session.add_all([district, school, ana, ben, pat])
    db.session.flush()
    program = default_program(district.id, 2026)
    start = program.start_date
    p = Partnership(
        program=program, school=school, created_by=ana,
        focus_area="Sharing instructional strategies", objective=long_answer(0),
        student_goal=long_answer(1, 2), educator_goal=long_answer(2, 2),
        objective_source="class", approaches=["Observe practices and share feedback"],
        approach_plan=long_answer(3), communication_plan=long_answer(4, 2),
        start_date=start + timedelta(days=30), end_date=start + timedelta(days=270),
        cadence="biweekly", impact_evidence=long_answer(0, 5),
        share_cycles_with_principal=True)
    p.memberships = [Membership(user=u, status=MemberStatus.ACCEPTED) for u in (ana, ben)]
    p.milestones = [Milestone(title=f"Milestone {n + 1}: {SENTENCES[n % 5]}",
                              due_date=start + timedelta(days=40 + 30 * n)) for n in range(6)]
    p.cycles = [CycleEntry(author=ana, met_on=start + timedelta(days=35 + 14 * n),
                           attendees="Ana Teacher, Ben Partner", minutes=45,
                           reflected=long_answer(n), planned=long_answer(n + 1, 2),
                           acted=long_answer(n + 2, 3), evidence=long_answer(n + 3, 2))
                for n in range(12)]
    p.reflections = [FinalReflection(user=u, submitted_at=utcnow(), impressions=long_answer(n),
                                     causal_factors=long_answer(n + 1),
                                     new_learning=long_answer(n + 2),
                                     application=long_answer(n + 3),
                                     experience=long_answer(n + 4))
                     for n, u in enumerate((ana, ben))]
    db.session.add(p)
    for n, days in enumerate((60, 90, 120)):
        db.session.add(Visit(
            partnership=p, visitor_id=ana.id, visitor_name=ana.name, visitor_school=school.name,
            visited_id=ben.id, visited_name=ben.name, proposed_date=start + timedelta(days=days),
            location="Riverside Elementary, room 12", length_days=Decimal("0.5"),
            purpose=long_answer(n, 2), status=VisitStatus.APPROVED, learned_1=SENTENCES[n],
            learned_2=SENTENCES[n + 1], learned_3=SENTENCES[n + 2], impact=long_answer(n, 2),
            next_steps=long_answer(n + 1, 1), followup_date=start + timedelta(days=days + 14)))
    db.session.commit()
    return p


def median_ms(render, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        render()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def soffice_ms(docx_bytes: bytes, runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(docx_bytes)
        profile = Path(folder) / "profile"  # its own profile: no clash with a running one

        def convert():
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", folder, str(source)],
                           check=True, capture_output=True, timeout=120)

        convert()  # the first run creates the profile
        return median_ms(convert, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--soffice-runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    instance = tempfile.mkdtemp()
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "INSTANCE_PATH": instance,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance}/bench.sqlite3"})
    with app.app_context():
        db.create_all()
        partnership = realistic_partnership()
        contexts = {
            "partnership_plan": documents.partnership_plan(partnership),
            "visitation_form": documents.visitation_form(
                documents.filed_visits(partnership)[0]),
            "reflection_record": documents.reflection_record(partnership, True),
        }
        contents = documents.records_packet(partnership, include_cycles=True)
    soffice = shutil.which("soffice")
    print(f"median of {args.runs} renders, ms"
          + (f"; soffice: median of {args.soffice_runs} conversions" if soffice else
             "; soffice not found, LibreOffice not timed"))
    print(f"{'document':20} {'pages':>5} {'docx':>8} {'pdf':>8}"
          + (f" {'soffice':>9} {'soffice/pdf':>12}" if soffice else ""))
    for kind, context in contexts.items():
        word, portable = docx.render(context), pdf.render(context)
        pages = len(PdfReader(io.BytesIO(portable)).pages)
        docx_ms = median_ms(lambda: docx.render(context), args.runs)
        pdf_ms = median_ms(lambda: pdf.render(context), args.runs)
        line = f"{kind:20} {pages:>5} {docx_ms:>8.1f} {pdf_ms:>8.1f}"
        if soffice:
            office_ms = soffice_ms(word, args.soffice_runs)
            line += f" {office_ms:>9.0f} {office_ms / pdf_ms:>11.0f}x"
        print(line, flush=True)
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{kind}.docx").write_bytes(word)
            (args.out / f"{kind}.pdf").write_bytes(portable)
    packet_ms = median_ms(lambda: packet.render(contents), max(args.runs // 4, 3))
    print(f"{'records packet':20} {'':>5} {'':>8} {packet_ms:>8.1f}  (5 documents in one)")
    if args.out:
        (args.out / "packet.pdf").write_bytes(packet.render(contents))
    data, fonts, seconds = hundred_visit_packet(app)
    print(f"records packet, 100 visits: {len(data) / 1e6:.2f} MB in {seconds:.1f} s, "
          f"fonts {fonts / len(data):.0%} of it (goal: ≤ 1.5 MB)")


def hundred_visit_packet(app) -> tuple[bytes, int, float]:
    """The packet of the partnership with 97 more visits: (bytes, font bytes, seconds)."""
    import pikepdf

    from webapp.models import Partnership, Visit, VisitStatus

    with app.app_context():
        p = db.session.scalars(db.select(Partnership)).one()
        first = documents.filed_visits(p)[0]
        for n in range(97):
            db.session.add(Visit(
                partnership=p, visitor_id=first.visitor_id, visitor_name=first.visitor_name,
                visitor_school=first.visitor_school, visited_id=first.visited_id,
                visited_name=first.visited_name,
                proposed_date=p.program.start_date + timedelta(days=n),
                location=first.location, length_days=Decimal("0.5"), purpose=long_answer(n, 2),
                status=VisitStatus.APPROVED, learned_1=SENTENCES[n % 5],
                impact=long_answer(n, 1), next_steps=SENTENCES[(n + 1) % 5]))
        db.session.commit()
        contents = documents.records_packet(p, include_cycles=True)
        started = time.perf_counter()
        data = packet.render(contents)
        seconds = time.perf_counter() - started
    with pikepdf.open(io.BytesIO(data)) as document:
        files = {}  # embedded font programs, by object, from every font descriptor
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in obj:
                        files[obj[key].objgen] = len(obj[key].read_raw_bytes())
        fonts = sum(files.values())
    return data, fonts, seconds


if __name__ == "__main__":
    main()
