"""Members: the user (e-mail login) and their profile with verification state."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    def affiliation(self) -> str:
        if self.municipality_id:
            return f"{_('Gemeente')} {self.municipality.name}"
        return self.organisation
