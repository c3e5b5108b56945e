"""Where practices show documents and images, for the site's checked download rule.

`exchange/downloads.py` decides every download; practices register `document_uses` (attachments,
each with its own visibility, and documents embedded in a practice's approach).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from exchange.downloads import DocumentUse

from .models import PracticeAttachment, PracticePage


def practices_embedding(obj) -> list[PracticePage]:
    """Live practices whose approach (StreamField) embeds the document or image."""
    page_type = ContentType.objects.get_for_model(Page)
    # Attachments are references too, but they carry their own visibility (checked below).
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .exclude(model_path__startswith="attachments.")
        .values_list("object_id", flat=True)
    )
    return list(
        PracticePage.objects.live().filter(pk__in=[int(pk) for pk in page_ids if pk.isdigit()])
    )


def practice_use(practice: PracticePage, visibility: str) -> DocumentUse:
    return DocumentUse.of(practice, visibility)


def document_uses(document) -> list[DocumentUse]:
    """Each live practice that attaches or embeds the document, with the visibility it gives."""
    attachments = PracticeAttachment.objects.filter(
        document=document, practice__live=True
    ).select_related("practice")
    return [
        practice_use(attachment.practice, attachment.visibility or attachment.practice.visibility)
        for attachment in attachments
    ] + [practice_use(practice, practice.visibility) for practice in practices_embedding(document)]
