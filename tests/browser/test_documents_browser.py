"""Documents from the UI: every document of a demo partnership as Word and PDF, and
the records packet built in place."""
from __future__ import annotations

import io
import subprocess
import zipfile

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import assert_accessible, release_database

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "demo passphrase for the browser"


def test_demo_partnership_documents_download(app, page, tmp_path):
    result = app.test_cli_runner().invoke(args=["demo", "--password", DEMO_PASSWORD])
    assert result.exit_code == 0, result.output
    release_database()

    page.goto("/auth/login")
    page.get_by_label("Email").fill("ana.gomez@demo.tandem.school")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Sharing instructional strategies").first.click()
    expect(page.get_by_role("heading", name="Documents for the file")).to_be_visible()
    assert_accessible(page)

    documents = page.locator("#documents-heading + ul > li")
    count = documents.count()
    assert count >= 3  # plan, the visitation forms, the reflection record
    for index in range(count):
        row = documents.nth(index)
        for label in ("Word", "PDF"):
            with page.expect_download() as info:
                row.get_by_role("link", name=label).click()
            download = info.value
            path = tmp_path / download.suggested_filename
            download.save_as(path)
            data = path.read_bytes()
            if label == "PDF":
                assert download.suggested_filename.endswith(".pdf")
                reader = PdfReader(io.BytesIO(data))
                assert len(reader.pages) >= 1
                text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                      text=True, check=True).stdout
                assert "Park West School Division" in text
            else:
                assert download.suggested_filename.endswith(".docx")
                with zipfile.ZipFile(io.BytesIO(data)) as docx:
                    assert "Park West School Division" in docx.read("word/document.xml").decode()

    packet = page.get_by_role("button", name="Records packet (all documents, one PDF)")
    packet.click()
    ready = page.get_by_role("button", name="Download the records packet (PDF)")
    expect(ready).to_be_visible()
    with page.expect_download() as info:
        ready.click()
    reader = PdfReader(info.value.path())
    assert len([item for item in reader.outline if not isinstance(item, list)]) == count
    assert reader.metadata.title.startswith("Records packet")
