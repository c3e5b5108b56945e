"""Meeting material in the site's one download rule (exchange/downloads.py)."""

from exchange.downloads import DocumentUse

from .models import MeetingMaterial


def document_uses(document) -> list[DocumentUse]:
    """Every live meeting that shows `document` as material, with the material's visibility."""
    materials = (
        MeetingMaterial.objects.filter(document=document, meeting__live=True)
        .select_related("meeting")
        .prefetch_related("meeting__allowed_municipalities")
    )
    return [
        DocumentUse.of(material.meeting, material.effective_visibility(material.meeting))
        for material in materials
    ]
