"""StreamField blocks for a practice's approach."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("stap"), max_length=200)
    text = blocks.RichTextBlock(label=_("toelichting"), features=TEXT_FEATURES, required=False)

    class Meta:
        icon = "list-ol"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citaat"))
    attribution = blocks.CharBlock(label=_("wie"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "practices/blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("afbeelding"))
    alt = blocks.CharBlock(
        label=_("alternatieve tekst"),
        max_length=300,
        help_text=_("Beschrijf wat er op de afbeelding staat, voor wie hem niet kan zien."),
    )
    caption = blocks.CharBlock(label=_("bijschrift"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "practices/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("titel"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "practices/blocks/document.html"


class ApproachBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("tekst"), features=TEXT_FEATURES)
    steps = blocks.ListBlock(
        StepBlock(), label=_("stappen"), template="practices/blocks/steps.html"
    )
    quote = QuoteBlock(label=_("citaat"))
    image = ImageBlock(label=_("afbeelding"))
    document = DocumentBlock(label=_("document"))
