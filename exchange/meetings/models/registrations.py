"""Who comes to a meeting (with a waiting list), and each member's calendar-feed key."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    """One member at one meeting. A cancelled registration stays (re-registering reuses it
    and goes to the end of the line); `position` orders the waiting list (first in, first up).
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("aangemeld")
        WAITING = "waiting", _("op de wachtlijst")
        CANCELLED = "cancelled", _("afgemeld")

    meeting = models.ForeignKey(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    position = models.PositiveIntegerField(_("volgnummer"), default=0)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    promoted_at = models.DateTimeField(_("van de wachtlijst op"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_registration_per_member")
        ]
        indexes = [models.Index(fields=["meeting", "status", "position"])]

    def __str__(self):
        return f"{self.user_id} → {self.meeting_id} ({self.status})"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarToken(models.Model):
    """The secret in a member's personal calendar-feed address; only its hash is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_calendar_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agendasleutel")
        verbose_name_plural = _("agendasleutels")

    def __str__(self):
        return f"{self.user_id}"
