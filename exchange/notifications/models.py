"""In-app notifications and each member's e-mail rhythm per kind of notification."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NEW_ANSWER = "new_answer", _("nieuw antwoord op mijn vraag")
    ANSWER_ACCEPTED = "answer_accepted", _("mijn antwoord is geaccepteerd")
    FOLLOWED_QUESTION_ANSWER = "followed_question_answer", _("nieuw antwoord op een gevolgde vraag")
    QUESTION_IN_THEME = "question_in_theme", _("nieuwe vraag in een gevolgd thema")
    QUESTION_IN_MUNICIPALITY = (
        "question_in_municipality",
        _("nieuwe vraag van een gevolgde gemeente"),
    )


class Rhythm(models.TextChoices):
    INSTANT = "instant", _("direct")
    DAILY = "daily", _("dagelijks overzicht")
    WEEKLY = "weekly", _("wekelijks overzicht")
    OFF = "off", _("geen e-mail")


# Which preference field governs which kind, with the defaults a new member gets.
PREFERENCE_FIELDS = {
    Kind.NEW_ANSWER: "new_answer",
    Kind.ANSWER_ACCEPTED: "answer_accepted",
    Kind.FOLLOWED_QUESTION_ANSWER: "followed_question",
    Kind.QUESTION_IN_THEME: "followed_theme",
    Kind.QUESTION_IN_MUNICIPALITY: "followed_municipality",
}


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    question = models.ForeignKey(
        "questions.Question", on_delete=models.CASCADE, related_name="notifications"
    )
    answer = models.ForeignKey(
        "questions.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id}"

    def get_absolute_url(self):
        return (
            self.answer.get_absolute_url() if self.answer_id else self.question.get_absolute_url()
        )

    @property
    def preference_field(self) -> str:
        return PREFERENCE_FIELDS[self.kind]


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    new_answer = models.CharField(
        _("Nieuw antwoord op mijn vraag"),
        max_length=8,
        choices=Rhythm.choices,
        default=Rhythm.INSTANT,
    )
    answer_accepted = models.CharField(
        _("Mijn antwoord is geaccepteerd"),
        max_length=8,
        choices=Rhythm.choices,
        default=Rhythm.INSTANT,
    )
    followed_question = models.CharField(
        _("Nieuw antwoord op een vraag die ik volg"),
        max_length=8,
        choices=Rhythm.choices,
        default=Rhythm.DAILY,
    )
    followed_theme = models.CharField(
        _("Nieuwe vraag in een thema dat ik volg"),
        max_length=8,
        choices=Rhythm.choices,
        default=Rhythm.WEEKLY,
    )
    followed_municipality = models.CharField(
        _("Nieuwe vraag van een gemeente die ik volg"),
        max_length=8,
        choices=Rhythm.choices,
        default=Rhythm.WEEKLY,
    )

    def __str__(self):
        return f"{_('Meldingsvoorkeuren')} {self.user_id}"

    def rhythm_for(self, kind: str) -> str:
        return getattr(self, PREFERENCE_FIELDS[kind])
