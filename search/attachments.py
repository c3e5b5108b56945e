"""Text from PDF and DOCX attachments, capped, for the attachment_text field."""

import logging

from .documents import BODY_MAX

logger = logging.getLogger(__name__)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PAGES = 60


def extract_text(file, name: str) -> str:
    name = name.lower()
    try:
        if name.endswith(".pdf"):
            from pypdf import PdfReader

            reader = PdfReader(file)
            parts = []
            for page in reader.pages[:MAX_PAGES]:
                parts.append(page.extract_text() or "")
                if sum(map(len, parts)) > BODY_MAX:
                    break
            return " ".join(parts)[:BODY_MAX]
        if name.endswith(".docx"):
            import docx

            paragraphs = (p.text for p in docx.Document(file).paragraphs)
            return " ".join(paragraphs)[:BODY_MAX]
    except Exception:  # a broken upload must not stop indexing of the practice itself
        logger.warning("Could not extract text from %s", name, exc_info=True)
    return ""


def extract_and_store(document_id: int) -> list[int]:
    """Store the text of one document; returns the practices that attach it."""
    from wagtail.documents import get_document_model

    from practices.models import PracticeAttachment

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
