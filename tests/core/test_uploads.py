"""The upload rules: a file is recognised by its content, not by the name it was given."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from exchange.core.uploads import validate_upload

ODF = "application/vnd.oasis.opendocument"


def archive(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    return buffer.getvalue()


def picture(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format=fmt)
    return buffer.getvalue()


def office(main_part: str) -> bytes:
    return archive({"[Content_Types].xml": b"<Types/>", main_part: b"<x/>"})


ALLOWED = {
    "notulen.txt": "Notulen van de wijkavond: één punt.".encode(),
    "deelnemers.csv": "gemeente;aantal\nSúdwest-Fryslân;12\n".encode("cp1252"),
    "foto.png": picture("PNG"),
    "scan.jpg": picture("JPEG"),
    "cijfers.xlsx": office("xl/workbook.xml"),
    "presentatie.pptx": office("ppt/presentation.xml"),
    "verslag.odt": archive({"mimetype": f"{ODF}.text".encode(), "content.xml": b"<x/>"}),
}
REFUSED = {
    "verslag.docx": office("xl/workbook.xml"),  # a spreadsheet renamed to .docx
    "cijfers.xlsx": archive({"payload.exe": b"MZ"}),
    "verslag.odt": archive({"mimetype": f"{ODF}.spreadsheet".encode()}),
    "notulen.txt": b"MZ\x90\x00\x03\x00\x00\x00",
    "foto.png": picture("JPEG"),
    "scan.jpg": b"<svg onload=alert(1)>",
}


@pytest.mark.parametrize("name", ALLOWED)
def test_files_of_an_allowed_type_are_accepted(name):
    validate_upload(SimpleUploadedFile(name, ALLOWED[name]))


@pytest.mark.parametrize("name", REFUSED)
def test_a_file_whose_content_does_not_match_its_name_is_refused(name):
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile(name, REFUSED[name]))
    assert refusal.value.messages[0].startswith("Dit bestandstype is niet toegestaan")


def test_an_office_file_with_thousands_of_parts_is_refused():
    parts = {f"word/part{n}.xml": b"<x/>" for n in range(1500)}
    parts |= {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<x/>"}
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile("verslag.docx", archive(parts)))
    assert refusal.value.code == "unsafe_archive"
