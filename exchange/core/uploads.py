"""Which files may be uploaded: an allow-list checked by content, a size limit, no zip bombs.

The Wagtail document form (`practices/forms.py`) calls `validate_upload`; any other upload form
on the site should call it too. `check_archive` also guards attachment text extraction
(`search/attachments.py`): a file that slipped in before these rules still cannot make a
parser unpack gigabytes.
"""

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CHUNK = 64 * 1024


@dataclass(frozen=True)
class FileType:
    content_type: str
    kind: str  # how the content is recognised: see _KIND_CHECKS
    marker: str = ""  # the part an office archive must contain, or an ODF mimetype


OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"
ALLOWED_TYPES = {
    "pdf": FileType("application/pdf", "pdf"),
    "docx": FileType(f"{OOXML}.wordprocessingml.document", "ooxml", "word/document.xml"),
    "xlsx": FileType(f"{OOXML}.spreadsheetml.sheet", "ooxml", "xl/workbook.xml"),
    "pptx": FileType(f"{OOXML}.presentationml.presentation", "ooxml", "ppt/presentation.xml"),
    "odt": FileType(f"{ODF}.text", "odf", f"{ODF}.text"),
    "ods": FileType(f"{ODF}.spreadsheet", "odf", f"{ODF}.spreadsheet"),
    "odp": FileType(f"{ODF}.presentation", "odf", f"{ODF}.presentation"),
    "txt": FileType("text/plain", "text"),
    "csv": FileType("text/csv", "text"),
    "png": FileType("image/png", "png"),
    "jpg": FileType("image/jpeg", "jpeg"),
    "jpeg": FileType("image/jpeg", "jpeg"),
}

# Office files are zip archives. Real ones unpack to a few (rarely a hundred) times their size
# in at most a few hundred parts; a zip bomb unpacks to a thousand times its size.
ARCHIVE_MAX_ENTRIES = 1000
ARCHIVE_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ARCHIVE_MAX_RATIO = 200
ARCHIVE_RATIO_FROM = 1024 * 1024  # small parts may compress well; only large ones count


class UnsafeArchive(ValueError):
    """An archive that would unpack to too much, or into too many parts."""


def extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def content_type_for(name: str) -> str:
    """The Content-Type to serve a file with: from the allow-list, else a plain download."""
    file_type = ALLOWED_TYPES.get(extension(name))
    return file_type.content_type if file_type else "application/octet-stream"


def max_upload_bytes() -> int:
    return settings.DOCUMENT_MAX_UPLOAD_BYTES


def too_large_message(limit: int | None = None) -> str:
    megabytes = (limit or max_upload_bytes()) / (1024 * 1024)
    return _("Het bestand is groter dan %(limit)s MB, het maximum voor een upload.") % {
        "limit": f"{megabytes:g}"
    }


def not_allowed_message() -> str:
    return _(
        "Dit bestandstype is niet toegestaan. Upload een PDF, een Word-, Excel- of "
        "PowerPoint-bestand (DOCX, XLSX, PPTX), een OpenDocument-bestand (ODT, ODS, ODP), "
        "platte tekst of CSV, of een PNG- of JPEG-afbeelding."
    )


def validate_upload(file, *, max_bytes: int | None = None) -> FileType:
    """Raise a ValidationError (in Dutch) unless the upload is an allowed type and size.

    The type is decided by the content, not only the name: a program renamed to .pdf is
    refused, and so is an office file that would unpack to far more than its size.
    """
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    if file.size is not None and file.size > limit:
        raise ValidationError(too_large_message(limit), code="file_too_large")
    file_type = ALLOWED_TYPES.get(extension(file.name or ""))
    if file_type is None:
        raise ValidationError(not_allowed_message(), code="file_type_not_allowed")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        matches = _KIND_CHECKS[file_type.kind](file, file_type)
    except UnsafeArchive as error:
        raise ValidationError(
            _(
                "Dit bestand pakt uit tot veel meer dan zijn eigen grootte of bestaat uit te "
                "veel onderdelen, en wordt daarom geweigerd."
            ),
            code="unsafe_archive",
        ) from error
    finally:
        file.seek(position)
    if not matches:
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan: de inhoud past niet bij de extensie .%(ext)s.")
            % {"ext": extension(file.name)},
            code="file_content_mismatch",
        )
    return file_type


def check_archive(file, *, max_uncompressed: int = ARCHIVE_MAX_UNCOMPRESSED) -> zipfile.ZipFile:
    """Open a zip archive, refusing one that would unpack too far (UnsafeArchive).

    Only the central directory is read. Python's zipfile never inflates an entry past its
    declared size, so checking the declared sizes bounds what any reader can unpack.
    """
    archive = zipfile.ZipFile(file)
    entries = archive.infolist()
    if len(entries) > ARCHIVE_MAX_ENTRIES:
        raise UnsafeArchive(f"{len(entries)} entries")
    total = sum(entry.file_size for entry in entries)
    if total > max_uncompressed:
        raise UnsafeArchive(f"{total} bytes uncompressed")
    for entry in entries:
        large = entry.file_size > ARCHIVE_RATIO_FROM
        if large and entry.file_size > ARCHIVE_MAX_RATIO * max(entry.compress_size, 1):
            raise UnsafeArchive(
                f"{entry.filename} inflates {entry.file_size}/{entry.compress_size}"
            )
    return archive


def _starts_with(prefix: bytes):
    def check(file, file_type) -> bool:
        return file.read(len(prefix)) == prefix

    return check


def _ooxml(file, file_type) -> bool:
    try:
        names = set(check_archive(file).namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and file_type.marker in names


def _odf(file, file_type) -> bool:
    try:
        archive = check_archive(file)
        first = archive.infolist()[0] if archive.infolist() else None
        if first is None or first.filename != "mimetype" or first.file_size > 100:
            return False
        return archive.read(first).decode("ascii", "replace").strip() == file_type.marker
    except zipfile.BadZipFile:
        return False


def _text(file, file_type) -> bool:
    """Plain text or CSV: no NUL bytes, and UTF-8 or Windows-1252 (what Excel writes here)."""
    for encoding in ("utf-8", "cp1252"):
        file.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while chunk := file.read(CHUNK):
                if b"\x00" in chunk:
                    return False
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return True
    return False


_KIND_CHECKS = {
    "pdf": _starts_with(b"%PDF-"),
    "png": _starts_with(b"\x89PNG\r\n\x1a\n"),
    "jpeg": _starts_with(b"\xff\xd8\xff"),
    "ooxml": _ooxml,
    "odf": _odf,
    "text": _text,
}
