"""Document uploads in the admin: only allowed types, by content, up to the size limit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from tests.practices.files import PROGRAM, docx_bomb, docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def upload(client, name, content, title="Bijlage"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def file_errors(response) -> str:
    return " ".join(response.context["form"].errors.get("file", []))


def test_a_moderator_uploads_a_pdf_and_a_docx(client_as, moderator):
    client = client_as(moderator)
    assert upload(client, "rapport.pdf", pdf_bytes(), title="Rapport").status_code == 302
    assert upload(client, "verslag.docx", docx_bytes(), title="Verslag").status_code == 302
    titles = set(get_document_model().objects.values_list("title", flat=True))
    assert titles == {"Rapport", "Verslag"}


def test_a_program_renamed_to_pdf_is_refused_and_no_document_is_created(client_as, moderator):
    response = upload(client_as(moderator), "rapport.pdf", PROGRAM)
    assert response.status_code == 200
    assert file_errors(response).startswith("Dit bestandstype is niet toegestaan")
    assert not get_document_model().objects.exists()


def test_a_file_type_outside_the_list_is_refused(client_as, moderator):
    response = upload(client_as(moderator), "pagina.html", b"<html><script>alert(1)</script>")
    assert file_errors(response).startswith("Dit bestandstype is niet toegestaan")
    assert not get_document_model().objects.exists()


def test_a_file_over_the_size_limit_is_refused(client_as, moderator, settings):
    too_big = pdf_bytes() + b"0" * settings.DOCUMENT_MAX_UPLOAD_BYTES
    response = upload(client_as(moderator), "groot.pdf", too_big)
    assert "Het bestand is groter dan 10 MB" in file_errors(response)
    assert not get_document_model().objects.exists()


def test_a_docx_zip_bomb_is_refused_at_upload(client_as, moderator):
    response = upload(client_as(moderator), "verslag.docx", docx_bomb())
    assert "pakt uit tot veel meer dan zijn eigen grootte" in file_errors(response)
    assert not get_document_model().objects.exists()


def test_the_multiple_uploader_refuses_a_renamed_program(client_as, moderator):
    response = client_as(moderator).post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("rapport.pdf", PROGRAM)},
    )
    assert response.json()["success"] is False
    assert response.json()["error_message"].startswith("Dit bestandstype is niet toegestaan")
    assert not get_document_model().objects.exists()


def test_the_choosers_upload_refuses_a_renamed_program(client_as, moderator):
    response = client_as(moderator).post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "Rapport",
            "document-chooser-upload-file": SimpleUploadedFile("rapport.pdf", PROGRAM),
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )
    assert "Dit bestandstype is niet toegestaan" in response.json()["htmlFragment"]
    assert not get_document_model().objects.exists()
