"""Dutch municipalities, keyed by CBS code; merged ones stay as inactive history."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

PROVINCES = [
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]
PROVINCE_CHOICES = [(name, name) for name in PROVINCES]


class MunicipalityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Municipality(ClusterableModel):
    code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        help_text=_("GM gevolgd door vier cijfers, bijvoorbeeld GM0363."),
    )
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    aliases = models.CharField(
        _("gangbare namen"),
        max_length=255,
        blank=True,
        help_text=_("Namen die mensen typen in plaats van de officiële, gescheiden door ';'."),
    )
    province = models.CharField(_("provincie"), max_length=20, choices=PROVINCE_CHOICES)
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    population_date = models.DateField(_("peildatum inwoners"), null=True, blank=True)
    active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Gemeenten die door een herindeling verdwenen, blijven als inactief bewaard."),
    )

    objects = MunicipalityQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("aliases"),
        FieldPanel("province"),
        FieldPanel("population"),
        FieldPanel("active"),
        InlinePanel("email_domains", heading=_("E-maildomeinen"), label=_("domein")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("municipality_detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in self.aliases.split(";") if alias.strip()]

    @property
    def display_name(self) -> str:
        """The name people use (Den Haag), with the official one when they differ."""
        aliases = self.alias_list
        return f"{aliases[0]} ({self.name})" if aliases else self.name


class EmailDomain(models.Model):
    """An e-mail domain whose owners are staff of the municipality; moderators keep these."""

    municipality = ParentalKey(Municipality, on_delete=models.CASCADE, related_name="email_domains")
    domain = models.CharField(_("domein"), max_length=100, unique=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("e-maildomein")
        verbose_name_plural = _("e-maildomeinen")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)
