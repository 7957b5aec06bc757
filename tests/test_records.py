"""Document downloads over HTTP: who gets what, file names, the packet component."""
import io
import re
from datetime import timedelta

from pypdf import PdfReader

from webapp.models import CycleEntry, VisitStatus
from webapp.extensions import db
from webapp.records.views import download_name

from . import factories


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_plan_downloads_as_word_and_pdf(as_teacher, partnership):
    partnership.objective = "Number talks for every student"
    db.session.commit()
    pdf = as_teacher.get(f"/records/partnerships/{partnership.id}/plan.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert "Number talks for every student" in pdf_text(pdf.data)
    assert pdf.headers["Content-Disposition"] == \
        'attachment; filename="Partnership plan - Ana Teacher & Ben Partner.pdf"'
    word = as_teacher.get(f"/records/partnerships/{partnership.id}/plan.docx")
    assert word.status_code == 200 and word.data[:2] == b"PK"


def test_file_names_are_safe_for_any_name():
    assert download_name('Visitation form - Zoé "Z" O\'Neil/Smith - 2027-02-14', "pdf") == \
        'Visitation form - Zoé -Z- O\'Neil-Smith - 2027-02-14.pdf'
    assert download_name("../../etc/passwd", "pdf") == "etc-passwd.pdf"
    assert download_name("\x00\x01", "docx") == "document.docx"


def test_accented_names_in_content_disposition(as_teacher, program, teacher, school):
    partner = factories.UserFactory(school=school, name="Zoé Lefèvre",
                                    email="zoe@example.org")
    p = factories.partnership_for(program, teacher, partner, objective="x")
    response = as_teacher.get(f"/records/partnerships/{p.id}/plan.pdf")
    disposition = response.headers["Content-Disposition"]
    assert "filename*=UTF-8''Partnership%20plan%20-%20Ana%20Teacher%20&%20Zo%C3%A9%20Lef%C3%A8vre.pdf" in disposition
    assert 'filename="Partnership plan - Ana Teacher & Zoe Lefevre.pdf"' in disposition


def test_principal_copy_leaves_out_private_cycle_notes(as_teacher, as_principal, partnership,
                                                       teacher):
    partnership.cycles.append(CycleEntry(author=teacher, met_on=partnership.program.start_date,
                                         reflected="Private worry about period 3", version=1))
    db.session.commit()
    url = f"/records/partnerships/{partnership.id}/reflection.pdf"
    assert "Private worry about period 3" in pdf_text(as_teacher.get(url).data)
    # Nothing submitted and the notes are private: nothing for the principal to file yet.
    assert as_principal.get(url).status_code == 404
    from webapp.models import FinalReflection
    from webapp.models.base import utcnow

    partnership.reflections.append(FinalReflection(user=teacher, impressions="It went well",
                                                   submitted_at=utcnow(), version=1))
    db.session.commit()
    principal_copy = pdf_text(as_principal.get(url).data)
    assert "It went well" in principal_copy
    assert "Private worry" not in principal_copy
    partnership.share_cycles_with_principal = True
    db.session.commit()
    assert "Private worry about period 3" in pdf_text(as_principal.get(url).data)


def test_strangers_are_refused(signed_in, other_principal, other_teacher, partnership, teacher):
    partnership.objective = "x"
    db.session.commit()
    visit = factories.visit_for(partnership, teacher)
    for client in (signed_in(other_principal), signed_in(other_teacher)):
        assert client.get(f"/records/partnerships/{partnership.id}/plan.pdf").status_code == 403
        assert client.get(f"/records/visits/{visit.id}/visitation.docx").status_code == 403
        assert client.post(f"/records/partnerships/{partnership.id}/packet",
                           headers={"HX-Request": "true"}).status_code == 403


def test_declined_visit_has_no_form_to_file(as_teacher, partnership, teacher):
    visit = factories.visit_for(partnership, teacher, status=VisitStatus.DECLINED)
    assert as_teacher.get(f"/records/visits/{visit.id}/visitation.pdf").status_code == 404


def test_packet_component_builds_then_links_to_the_file(as_teacher, signed_in, partner,
                                                        partnership, teacher):
    partnership.objective = "Shared objective"
    db.session.commit()
    for n in range(3):
        factories.visit_for(partnership, teacher, status=VisitStatus.APPROVED,
                            proposed_date=partnership.program.start_date + timedelta(days=10 * n))
    component = as_teacher.post(f"/records/partnerships/{partnership.id}/packet",
                                headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "4 documents" in component and "<html" not in component
    link = re.search(r'href="(/records/packets/[^"]+)"', component).group(1)
    download = as_teacher.get(link)
    reader = PdfReader(io.BytesIO(download.data))
    documents = [item.title for item in reader.outline if not isinstance(item, list)]
    assert documents[0] == "Partnership plan - Ana Teacher & Ben Partner"
    assert documents[1].startswith("Visitation form - Ana Teacher - ")
    assert len(set(documents)) == 4  # each visit's bookmark names its date
    # Another member cannot use the link (it names a file built for this user only).
    assert signed_in(partner).get(link).status_code == 404
    # Without JavaScript the same URL downloads the packet directly.
    direct = as_teacher.get(f"/records/partnerships/{partnership.id}/packet")
    outline = PdfReader(io.BytesIO(direct.data)).outline
    assert direct.mimetype == "application/pdf"
    assert len([item for item in outline if not isinstance(item, list)]) == 4


def test_principal_dashboard_offers_the_packet(as_principal, partnership):
    partnership.objective = "Shared objective"
    db.session.commit()
    page = as_principal.get("/dashboard/").get_data(as_text=True)
    assert f"/records/partnerships/{partnership.id}/packet" in page
    component = as_principal.post(f"/records/partnerships/{partnership.id}/packet",
                                  headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Download the records packet" in component
