"""Members: the user (e-mail login), their profile with verification state, the code of conduct."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from exchange.core.markdown import render_markdown


class UserManager(DjangoUserManager):
    """Users are identified by e-mail; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        """The member's name; for an anonymised member "voormalig lid van <gemeente>".

        Every place that shows an author (pages, API, feeds, admin) asks this method, so a
        removed member's posts stay attributed to their municipality, never to a name.
        Anonymised accounts are inactive and nameless: only those look at the profile.
        """
        name = super().get_full_name()
        if name or self.is_active:
            return name
        profile = getattr(self, "profile", None)
        if profile is None or profile.anonymised_at is None:
            return name
        return profile.former_member_label

    @property
    def is_anonymised(self) -> bool:
        """The member removed their account: the e-mail address is a placeholder, not theirs."""
        if self.is_active:
            return False
        profile = getattr(self, "profile", None)
        return profile is not None and profile.anonymised_at is not None


class Profile(models.Model):
    """What colleagues see of a member, and whether the network trusts them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("in afwachting")
        VERIFIED = "verified", _("geverifieerd")
        REJECTED = "rejected", _("afgewezen")
        SUSPENDED = "suspended", _("geschorst")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    organisation = models.CharField(
        _("partnerorganisatie"),
        max_length=150,
        blank=True,
        help_text=_("Voor leden die niet bij een gemeente werken."),
    )
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    bio = models.TextField(_("korte introductie"), max_length=1000, blank=True)
    expertise_themes = models.ManyToManyField(
        "themes.Theme", verbose_name=_("expertise"), blank=True, related_name="experts"
    )
    # Contact through the site (exchange/contact): members of other municipalities may write
    # to this member without seeing their address. Off until the member switches it on.
    open_to_contact = models.BooleanField(
        _("open voor contact"),
        default=False,
        help_text=_(
            "Collega's van andere gemeenten mogen u via de site een bericht sturen. Zij zien "
            "uw e-mailadres niet; u krijgt het bericht per e-mail en op de site."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_reason = models.TextField(_("reden"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(
        _("geanonimiseerd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Account verwijderd: persoonsgegevens gewist, bijdragen bewaard."),
    )

    class Meta:
        verbose_name = _("ledenprofiel")
        verbose_name_plural = _("ledenprofielen")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return str(self.user)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def former_member_label(self) -> str:
        if self.municipality_id:
            return _("voormalig lid van %(municipality)s") % {
                "municipality": self.municipality.name
            }
        return str(_("voormalig lid"))

    @property
    def affiliation(self) -> str:
        if self.municipality_id:
            return f"{_('Gemeente')} {self.municipality.name}"
        return self.organisation


class CodeOfConduct(models.Model):
    """One version of the network's code of conduct; the newest published one applies."""

    version = models.PositiveIntegerField(
        _("versie"),
        unique=True,
        help_text=_("Een hoger nummer dan de vorige versie. Leden accepteren elke versie."),
    )
    text = models.TextField(
        _("tekst"),
        help_text=_("Markdown: **vet**, *cursief*, lijsten met '-', kopjes met '###'."),
    )
    text_html = models.TextField(editable=False, blank=True)
    published_at = models.DateTimeField(
        _("geldig vanaf"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg laten voor een concept. Vanaf dit moment moeten geverifieerde leden deze "
            "versie accepteren voordat zij verder kunnen."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("gedragscode")
        verbose_name_plural = _("gedragscodes")

    def __str__(self):
        return _("Gedragscode versie %(version)s") % {"version": self.version}

    def save(self, *args, **kwargs):
        # Sanitised once on save, like every other piece of Markdown on the site.
        self.text_html = render_markdown(self.text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "text_html"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # What members accepted must stay what they read: changes make a new version.
        if self.pk is None:
            return
        previous = CodeOfConduct.objects.filter(pk=self.pk).values_list("text", flat=True).first()
        if previous not in (None, self.text) and self.acceptances.exists():
            raise ValidationError(
                {
                    "text": _(
                        "Leden hebben deze versie al geaccepteerd. Maak een nieuwe versie met "
                        "een hoger nummer."
                    )
                }
            )


class CodeOfConductAcceptance(models.Model):
    """A member accepted one version of the code of conduct."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="code_acceptances"
    )
    code = models.ForeignKey(
        CodeOfConduct,
        verbose_name=_("gedragscode"),
        on_delete=models.PROTECT,
        related_name="acceptances",
    )
    accepted_at = models.DateTimeField(_("geaccepteerd op"), auto_now_add=True)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("acceptatie van de gedragscode")
        verbose_name_plural = _("acceptaties van de gedragscode")
        constraints = [
            models.UniqueConstraint(fields=["user", "code"], name="one_acceptance_per_version")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.code_id}"
