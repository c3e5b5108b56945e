"""The moderated theme vocabulary every practice and question is tagged with, and the themes a
theme moderator is limited to."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from exchange.core.roles import is_moderator


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

    def clean(self):
        super().clean()
        # Walk up from the chosen parent: meeting this theme again would make a loop.
        seen = set()
        ancestor = self.parent
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": gettext(
                            "Een thema kan niet onder zichzelf of onder een van zijn eigen "
                            "subthema's hangen."
                        )
                    }
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    @property
    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]


class ThemeSlugRedirect(models.Model):
    """An address a theme had before a rename or merge; /thema/<old_slug>/ answers 301.

    A theme that later takes the same slug wins: the redirect is only looked at when no
    theme has the slug.
    """

    old_slug = models.SlugField(_("oude slug"), max_length=100, unique=True)
    theme = models.ForeignKey(
        Theme, verbose_name=_("thema"), on_delete=models.CASCADE, related_name="slug_redirects"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = _("doorverwijzing van oude themaslug")
        verbose_name_plural = _("doorverwijzingen van oude themaslugs")

    def __str__(self):
        return f"{self.old_slug} → {self.theme.slug}"


class ModeratorScope(models.Model):
    """Limits a moderator to content tagged with some themes (and their sub-themes).

    Moderators without a scope moderate everything. A scope with no themes moderates nothing:
    a half-filled scope fails closed rather than open.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.CASCADE,
        related_name="moderator_scope",
    )
    themes = models.ManyToManyField(
        "themes.Theme",
        verbose_name=_("thema's"),
        related_name="+",
        help_text=_(
            "De moderator ziet en behandelt alleen meldingen, vragen en praktijken met een van "
            "deze thema's of hun subthema's. Aanmeldingen van leden blijven bij moderatoren "
            "zonder thema's."
        ),
    )

    panels = [FieldPanel("user"), FieldPanel("themes", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        # Moved here from the moderation app; the table kept its name (and its data).
        db_table = "moderation_moderatorscope"
        verbose_name = _("themamoderator")
        verbose_name_plural = _("themamoderatoren")

    def __str__(self):
        return str(self.user)

    def clean(self):
        super().clean()
        if self.user_id and not is_moderator(self.user):
            raise ValidationError(
                {"user": _("Alleen leden van de groep Moderators kunnen themamoderator zijn.")}
            )


class OrganisationKind(models.Model):
    """The moderated vocabulary of organisation kinds (youth work, mosque, police, …).

    One list for the whole site: a municipality's network register (exchange.partners) and the
    partners of a practice both choose from it. Moderators add, rename and retire kinds in the
    admin; a kind in use is never deleted (retire it instead, so history keeps its label).
    """

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("code"), max_length=40, unique=True)
    group = models.CharField(
        _("groep"),
        max_length=60,
        blank=True,
        help_text=_("Soorten met dezelfde groep staan bij elkaar, bijvoorbeeld 'Onderwijs'."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_(
            "Uitgezette soorten blijven bij bestaande organisaties staan maar zijn niet "
            "meer te kiezen."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("group"),
        FieldPanel("position"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("soort organisatie")
        verbose_name_plural = _("soorten organisaties")

    def __str__(self):
        return self.name
