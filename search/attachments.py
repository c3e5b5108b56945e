"""Text from PDF and DOCX attachments, capped, for the attachment_text field.

Parsing runs in a child process (`extract_worker.py`) with a wall-clock timeout and hard limits
on memory and CPU, and a DOCX must pass the zip bomb checks before it is parsed at all: a
hostile file costs a few seconds and a few hundred MB at most, and yields no text. This runs
only in the `extract_attachment_text` background task, never in a request's own work.
"""

import io
import logging
import math
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from exchange.core.uploads import UnsafeArchive, check_archive, extension
from practices.models import PracticeAttachment

from .documents import BODY_MAX

logger = logging.getLogger(__name__)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PAGES = 60
MAX_PDF_STREAM_BYTES = 20 * 1024 * 1024  # what one PDF stream may inflate to
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024  # python-docx reads every part into memory
TIMEOUT_SECONDS = 10  # wall clock, then the child is killed
MEMORY_BYTES = 384 * 1024 * 1024  # the child's address space (Python itself takes ~70 MB)
WORKER = Path(__file__).with_name("extract_worker.py")
KINDS = {"pdf", "docx"}


def extract_text(file, name: str) -> str:
    """The text of a PDF or DOCX (at most BODY_MAX characters); "" for anything else or unsafe."""
    kind = extension(name)
    if kind not in KINDS:
        return ""
    data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return ""
    if kind == "docx":
        try:
            check_archive(io.BytesIO(data), max_uncompressed=MAX_DOCX_UNCOMPRESSED)
        except (UnsafeArchive, zipfile.BadZipFile) as error:
            logger.warning("Not extracting text from %s: %s", name, error)
            return ""
    return _run_worker(kind, data, name)


def _run_worker(kind: str, data: bytes, name: str) -> str:
    command = [
        sys.executable,
        "-I",  # isolated: no PYTHON* variables, no user site, not the current directory
        str(WORKER),
        kind,
        str(BODY_MAX),
        str(MAX_PAGES),
        str(MAX_PDF_STREAM_BYTES),
        str(MEMORY_BYTES),
        str(math.ceil(TIMEOUT_SECONDS)),  # CPU seconds
    ]
    # The child parses untrusted bytes: it gets no secrets from the environment.
    env = {key: os.environ[key] for key in ("PATH", "LD_LIBRARY_PATH") if key in os.environ}
    try:
        result = subprocess.run(  # noqa: S603 (our own script, fixed arguments, no shell)
            command, input=data, capture_output=True, timeout=TIMEOUT_SECONDS, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        logger.warning("Text extraction from %s took over %ss: stopped", name, TIMEOUT_SECONDS)
        return ""
    except OSError:
        logger.exception("Could not start text extraction for %s", name)
        return ""
    if result.returncode != 0:  # a broken upload must not stop indexing of the practice itself
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        logger.warning(
            "Could not extract text from %s (exit %s): %s", name, result.returncode, reason
        )
        return ""
    return result.stdout.decode("utf-8", "replace")[:BODY_MAX]


def extract_and_store(document_id: int) -> list[int]:
    """Store the text of one document; returns the practices that attach it."""
    from wagtail.documents import get_document_model

    from .models import AttachmentText

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return []
    text = ""
    try:
        if document.file.size <= MAX_FILE_BYTES:
            with document.file.open("rb") as handle:
                text = extract_text(handle, document.file.name)
    except OSError:
        logger.warning("Attachment file %s is missing", document.file.name)
    AttachmentText.objects.update_or_create(
        document=document, defaults={"file_name": document.file.name, "text": text}
    )
    return list(
        PracticeAttachment.objects.filter(document=document)
        .values_list("practice_id", flat=True)
        .distinct()
    )
