"""Contact through the site: conversations between members who never see each other's address.

A conversation has participants (the member who started it and the members they wrote to)
and messages. Whom it was about (`about`) is optional: a municipality page starts one without,
other apps (the partner register) may point at what the contact is about.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_SUBJECT = 200
MAX_BODY = 10_000


class Conversation(models.Model):
    subject = models.CharField(_("onderwerp"), max_length=MAX_SUBJECT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("begonnen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the contact is about, when another app started it (e.g. a partner register entry).
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about_label = models.CharField(_("over"), max_length=MAX_SUBJECT, blank=True)
    created_at = models.DateTimeField(_("begonnen op"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("laatste bericht"), null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        indexes = [models.Index(fields=["last_message_at"])]

    def __str__(self):
        # Never the subject: moderators and logs may see that contact happened, not what.
        return f"{_('Gesprek')} {self.pk}"

    def get_absolute_url(self):
        return reverse("contact_thread", args=[self.pk])


class Participant(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_participations"
    )
    # The municipality the member worked for when the conversation started (for moderators:
    # which municipalities were in contact), kept if the member moves on.
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started = models.BooleanField(_("begon het gesprek"), default=False)
    joined_at = models.DateTimeField(auto_now_add=True)
    last_read_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(_("verlaten op"), null=True, blank=True)

    class Meta:
        ordering = ["-started", "pk"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="one_participation_per_member"
            )
        ]
        indexes = [models.Index(fields=["user", "left_at"])]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"

    @property
    def active(self) -> bool:
        return self.left_at is None


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_messages",
    )
    body = models.TextField(_("bericht"), max_length=MAX_BODY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self):
        return f"{_('Bericht')} {self.pk}"
