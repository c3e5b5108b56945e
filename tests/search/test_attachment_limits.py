"""Attachment text extraction is bounded: a hostile file costs seconds, not minutes and GBs."""

import time

import pytest

from search import attachments
from search.models import AttachmentText
from tests.practices.factories import make_document, make_practice
from tests.practices.files import docx_bomb, docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def found(client, words: str) -> str:
    return client.get("/zoeken/", {"q": words}).content.decode()


def test_a_docx_zip_bomb_yields_no_text_within_seconds_and_the_practice_is_still_found(
    client, django_capture_on_commit_callbacks
):
    bomb = make_document(title="Verslag", name="verslag.docx", content=docx_bomb())
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):  # publishing starts the extraction
        make_practice(title="Aanpak met buurtvaders", attachments=[(bomb, "")])
    assert time.monotonic() - started < 5
    assert AttachmentText.objects.get(document=bomb).text == ""
    assert "Aanpak met buurtvaders" in found(client, "buurtvaders")


def test_a_docx_bomb_the_zip_checks_miss_is_stopped_by_the_memory_limit(monkeypatch):
    # As if a cleverer bomb got past the archive checks: the child process still gives up.
    monkeypatch.setattr(attachments, "check_archive", lambda *args, **kwargs: None)
    bomb = make_document(title="Verslag", name="verslag.docx", content=docx_bomb())
    started = time.monotonic()
    attachments.extract_and_store(bomb.pk)
    assert time.monotonic() - started < 5
    assert AttachmentText.objects.get(document=bomb).text == ""


def test_an_extraction_that_hangs_is_stopped_at_the_time_limit(monkeypatch, tmp_path):
    hanging = tmp_path / "hanging_worker.py"
    hanging.write_text("import time\ntime.sleep(60)\n")
    monkeypatch.setattr(attachments, "WORKER", hanging)
    monkeypatch.setattr(attachments, "TIMEOUT_SECONDS", 1)
    document = make_document(name="verslag.pdf", content=pdf_bytes())
    started = time.monotonic()
    attachments.extract_and_store(document.pk)
    assert time.monotonic() - started < 4
    assert AttachmentText.objects.get(document=document).text == ""


def test_the_text_of_ordinary_attachments_is_still_found(
    client, django_capture_on_commit_callbacks
):
    report = make_document(name="rapport.pdf", content=pdf_bytes("Evaluatie kwartelkoning"))
    notes = make_document(name="notulen.docx", content=docx_bytes("Notulen over wielewalen"))
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(title="Aanpak met bijlagen", attachments=[(report, ""), (notes, "")])
    assert "Aanpak met bijlagen" in found(client, "kwartelkoning")
    assert "Aanpak met bijlagen" in found(client, "wielewalen")
