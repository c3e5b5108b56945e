"""Document downloads carry safe headers: a download, of the right type, never 'encoded'."""

import pytest

from tests.practices.factories import make_document, make_practice

pytestmark = pytest.mark.django_db


def test_a_pdf_downloads_as_an_attachment_without_a_content_encoding(client, municipality):
    document = make_document(name="rapport.pdf")
    make_practice(municipality=municipality, attachments=[(document, "")])
    response = client.get(document.url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_stored_file_of_another_type_downloads_as_plain_bytes(client, municipality):
    # Uploaded before the allow-list existed: it must not be served as a web page.
    document = make_document(name="pagina.html", content=b"<script>alert(1)</script>")
    make_practice(municipality=municipality, attachments=[(document, "")])
    response = client.get(document.url)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert "Content-Encoding" not in response


def test_a_download_the_visitor_may_not_see_stays_hidden(client, municipality):
    document = make_document(name="rapport.pdf")
    make_practice(municipality=municipality, visibility="restricted", attachments=[(document, "")])
    assert client.get(document.url).status_code == 404
