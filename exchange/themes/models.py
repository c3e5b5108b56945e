"""The moderated theme vocabulary every practice and question is tagged with."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Theme(index.Indexed, models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("bovenliggend thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    synonyms = models.TextField(
        _("synoniemen"),
        blank=True,
        help_text=_("Woorden die zoekers gebruiken voor dit thema, één per regel."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("parent"),
        FieldPanel("synonyms"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("theme_detail", kwargs={"slug": self.slug})

    @property
    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]
