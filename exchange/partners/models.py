"""A municipality's network register ("lokaal netwerk"): partner organisations and key figures.

Private to the municipality's verified members (and, without key figures' personal details,
to full moderators). An organisation marked shareable shows its kind, themes and municipality
to verified members network-wide, never its name or anything about people. A key figure is a
role ("imam van …"); a name or contact details are stored only with a recorded consent, which
a database constraint enforces too, and every view of them is logged (`KeyFigureLog`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Cooperation(models.TextChoices):
    FORMAL = "formal", _("formele afspraak")
    REGULAR = "regular", _("regulier overleg")
    AD_HOC = "ad_hoc", _("ad hoc")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("schriftelijk")
    ORAL = "oral", _("mondeling")
    EMAIL = "email", _("per e-mail")


class Organisation(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="network_organisations",
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.ForeignKey(
        "themes.OrganisationKind",
        verbose_name=_("soort organisatie"),
        on_delete=models.PROTECT,
        related_name="network_organisations",
    )
    neighbourhoods = models.CharField(
        _("wijken"),
        max_length=300,
        blank=True,
        help_text=_("Gescheiden door komma's; leeg als de organisatie in de hele gemeente werkt."),
    )
    themes = models.ManyToManyField(
        "themes.Theme", verbose_name=_("thema's"), blank=True, related_name="+"
    )
    cooperation = models.CharField(
        _("vorm van samenwerking"), max_length=12, choices=Cooperation.choices
    )
    contact_role = models.CharField(
        _("contactrol bij de organisatie"),
        max_length=200,
        blank=True,
        help_text=_("Een functie, geen naam: bijvoorbeeld 'bestuurssecretaris'."),
    )
    shareable = models.BooleanField(
        _("deelbaar met het netwerk"),
        default=False,
        help_text=_(
            "Andere gemeenten zien dan de soort, de thema's en uw gemeente; nooit de naam van "
            "de organisatie of gegevens van personen."
        ),
    )
    last_checked_on = models.DateField(_("laatst gecontroleerd"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")
        indexes = [
            models.Index(fields=["municipality", "last_checked_on"]),
            models.Index(fields=["shareable", "kind"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners_organisation", args=[self.pk])

    @property
    def neighbourhood_list(self) -> list[str]:
        return [part.strip() for part in self.neighbourhoods.split(",") if part.strip()]


class PracticeParticipation(models.Model):
    """The organisation took part in a practice; `partner` is the practice's partner row."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="participations"
    )
    practice = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="+"
    )
    partner = models.ForeignKey(
        "practices.PracticePartner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("deelname aan een praktijk")
        verbose_name_plural = _("deelnames aan praktijken")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "practice"], name="partners_one_participation"
            )
        ]

    def __str__(self):
        return f"{self.organisation_id} → {self.practice_id}"


# Personal details may only be there with a consent that is recorded and not withdrawn.
NO_DETAILS = Q(name="", email="", phone="")
CONSENTED = Q(consent_given_at__isnull=False, consent_withdrawn_at__isnull=True) & ~Q(
    consent_method=""
)


class KeyFigure(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="network_key_figures",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    role = models.CharField(
        _("rol"),
        max_length=200,
        help_text=_("Bijvoorbeeld 'imam van de moskee', 'jongerenwerker in Noord'."),
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toestemming vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_method = models.CharField(
        _("hoe is toestemming gegeven"), max_length=8, choices=ConsentMethod.choices, blank=True
    )
    consent_note = models.CharField(_("toelichting bij de toestemming"), max_length=300, blank=True)
    consent_withdrawn_at = models.DateTimeField(
        _("toestemming ingetrokken op"), null=True, blank=True
    )
    last_checked_on = models.DateField(_("laatst gecontroleerd"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("sleutelfiguur")
        verbose_name_plural = _("sleutelfiguren")
        constraints = [
            models.CheckConstraint(
                condition=NO_DETAILS | CONSENTED, name="partners_key_figure_details_need_consent"
            )
        ]

    def __str__(self):
        # Only the role: this label reaches logs and moderators.
        return self.role

    def get_absolute_url(self):
        if self.organisation_id:
            return reverse("partners_organisation", args=[self.organisation_id])
        return reverse("partners_register") + f"#sleutelfiguur-{self.pk}"

    @property
    def has_consent(self) -> bool:
        return bool(self.consent_given_at and not self.consent_withdrawn_at and self.consent_method)

    @property
    def has_details(self) -> bool:
        return bool(self.name or self.email or self.phone)


class KeyFigureLog(models.Model):
    """Who saw or changed a key figure's personal details, and when (for moderators to audit).

    Never the details themselves: the role is kept as a label, so the row stays readable after
    the key figure is gone.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", _("gegevens bekeken")
        RECORDED = "recorded", _("gegevens vastgelegd of gewijzigd")
        WITHDRAWN = "withdrawn", _("toestemming ingetrokken, gegevens gewist")
        ERASED = "erased", _("gegevens gewist (bewaartermijn)")

    key_figure = models.ForeignKey(
        KeyFigure, null=True, blank=True, on_delete=models.SET_NULL, related_name="log_entries"
    )
    role = models.CharField(_("rol"), max_length=200)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("handeling"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("inzage in gegevens van een sleutelfiguur")
        verbose_name_plural = _("inzagelog sleutelfiguren")

    def __str__(self):
        return f"{self.get_action_display()}: {self.role}"
