"""What hangs off a practice: partners, attachments, target groups and free tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from exchange.visibility import Visibility


class PracticePartner(Orderable):
    practice = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="partners"
    )
    # From the moderated vocabulary that the network register uses too (exchange.themes).
    kind = models.ForeignKey(
        "themes.OrganisationKind",
        verbose_name=_("soort organisatie"),
        on_delete=models.PROTECT,
        related_name="practice_partners",
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=300, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("name"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name or self.kind.name


class PracticeAttachment(Orderable):
    """A document attached to a practice; it can be stricter than the practice itself."""

    practice = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="practice_attachments"
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=12,
        choices=[("", _("zoals de praktijk")), *Visibility.choices],
        blank=True,
        default="",
        help_text=_("Laat leeg om de zichtbaarheid van de praktijk te volgen."),
    )

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("visibility")]

    class Meta(Orderable.Meta):
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.title or self.document.title

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class TargetGroup(TagBase):
    """Free target-group tags ("jongeren 14-18", "docenten mbo") that moderators curate."""

    class Meta:
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class TaggedTargetGroup(TaggedItemBase):
    tag = models.ForeignKey(TargetGroup, on_delete=models.CASCADE, related_name="tagged_practices")
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_target_groups"
    )


class PracticeTag(TaggedItemBase):
    """Free tags beside the theme vocabulary; moderators merge them into themes."""

    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )
