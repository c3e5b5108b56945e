"""Questions between municipalities, their answers, helpful votes, follows and edit history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from exchange.core.roles import is_moderator
from exchange.visibility import Visibility, can_view


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("open")
    ANSWERED = "answered", _("beantwoord")
    CLOSED = "closed", _("gesloten")


class ClosedReason(models.TextChoices):
    RESOLVED = "resolved", _("afgehandeld")
    DUPLICATE = "duplicate", _("dubbel")
    OFF_TOPIC = "off_topic", _("hoort niet op dit forum")
    OUTDATED = "outdated", _("niet meer actueel")


class Question(models.Model):
    title = models.CharField(_("vraag"), max_length=200)
    body_markdown = models.TextField(_("toelichting"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesteld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    themes = models.ManyToManyField("themes.Theme", verbose_name=_("thema's"), blank=True)
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    allowed_municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        verbose_name=_("ook zichtbaar voor"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    closed_reason = models.CharField(
        _("reden van sluiten"), max_length=12, choices=ClosedReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("dubbel met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    locked = models.BooleanField(_("vergrendeld"), default=False)
    hidden = models.BooleanField(
        _("verborgen"), default=False, help_text=_("Verborgen door moderatie of na meldingen.")
    )
    answer_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    external_id = models.CharField(
        max_length=100, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        indexes = [models.Index(fields=["visibility", "hidden", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("question_detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def owner_id(self):
        # The visibility module treats the asker as the owner.
        return self.author_id

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "vraag"

    def is_visible_to(self, user) -> bool:
        """Visibility as for practices; a hidden question only to moderators and its asker."""

        if self.hidden and not (
            is_moderator(user) or (user.is_authenticated and user.pk == self.author_id)
        ):
            return False
        return can_view(
            user,
            visibility=self.visibility,
            municipality_id=self.municipality_id,
            allowed_municipality_ids=[m.pk for m in self.allowed_municipalities.all()],
            owner_id=self.author_id,
        )


class Answer(models.Model):
    """An answer inherits its question's visibility."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
        help_text=_("De gemeente namens wie is geantwoord."),
    )
    body_markdown = models.TextField(_("antwoord"))
    body_html = models.TextField(editable=False, blank=True)
    accepted = models.BooleanField(_("geaccepteerd"), default=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    helpful_count = models.PositiveIntegerField(default=0, editable=False)
    hidden = models.BooleanField(_("verborgen"), default=False)
    position = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-accepted", "-helpful_count", "created_at"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self):
        return f"{_('Antwoord op')} {self.question}"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#antwoord-{self.pk}"


class Vote(models.Model):
    """One "helpful" vote per member per answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "user"], name="one_vote_per_member_per_answer"
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.answer_id}"


class Follow(models.Model):
    """A member follows a question, a theme or a municipality (exactly one of them)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    theme = models.ForeignKey(
        "themes.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(question__isnull=False, theme__isnull=True, municipality__isnull=True)
                    | models.Q(
                        question__isnull=True, theme__isnull=False, municipality__isnull=True
                    )
                    | models.Q(
                        question__isnull=True, theme__isnull=True, municipality__isnull=False
                    )
                ),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(fields=["user", "question"], name="unique_question_follow"),
            models.UniqueConstraint(fields=["user", "theme"], name="unique_theme_follow"),
            models.UniqueConstraint(
                fields=["user", "municipality"], name="unique_municipality_follow"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.question_id or self.theme_id or self.municipality_id}"


class Revision(models.Model):
    """Edit history of questions and answers: who changed what, when."""

    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    title_before = models.CharField(max_length=200, blank=True)
    body_before = models.TextField(blank=True)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{_('Wijziging')} {self.created_at:%Y-%m-%d %H:%M}"
