"""Questionnaires (quickscan rounds), their questions, and the responses to them.

A questionnaire's questions are ordered; consecutive questions with the same `section` form one
page of the response form. Once a response exists a question may be reworded but not changed in
a way that breaks earlier answers (see `services.questionnaire_change_problems`); moderators
start a new round instead (`previous_round`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class Audience(models.TextChoices):
    MUNICIPALITIES = "municipalities", _("Gemeenten: één gezamenlijk antwoord per gemeente")
    MEMBERS = "members", _("Elk geverifieerd lid van een gemeente")
    MEMBERS_AND_PARTNERS = (
        "members_and_partners",
        _("Elk geverifieerd lid, ook partnerorganisaties"),
    )


class Kind(models.TextChoices):
    SINGLE = "single", _("Eén keuze")
    MULTIPLE = "multiple", _("Meerdere keuzes")
    SCALE = "scale", _("Schaal 1–5")
    NUMBER = "number", _("Getal")
    SHORT_TEXT = "short_text", _("Korte tekst")
    LONG_TEXT = "long_text", _("Lange tekst")


CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)


class Dimension(models.TextChoices):
    NEED = "need", _("Behoefte")
    CAPACITY = "capacity", _("Capaciteit")
    NETWORK = "network", _("Netwerk")
    KNOWLEDGE = "knowledge", _("Kennis")


class Questionnaire(ClusterableModel):
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    introduction = models.TextField(_("inleiding"), blank=True)
    audience = models.CharField(
        _("doelgroep"), max_length=24, choices=Audience.choices, default=Audience.MUNICIPALITIES
    )
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("sluit na"))
    previous_round = models.OneToOneField(
        "self",
        verbose_name=_("vorige ronde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_round",
    )
    round_number = models.PositiveSmallIntegerField(_("ronde"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldPanel("audience"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        MultiFieldPanel(
            [FieldPanel("previous_round"), FieldPanel("round_number")], heading=_("Ronde")
        ),
        InlinePanel("questions", heading=_("Vragen"), label=_("vraag")),
    ]

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")

    def __str__(self):
        return f"{self.title} ({_('ronde')} {self.round_number})"

    def get_absolute_url(self):
        return reverse("inventory_detail", kwargs={"slug": self.slug})

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.closes_on

    @property
    def per_municipality(self) -> bool:
        return self.audience == Audience.MUNICIPALITIES


class Question(Orderable):
    questionnaire = ParentalKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    section = models.CharField(
        _("onderdeel"),
        max_length=120,
        help_text=_("Opeenvolgende vragen met hetzelfde onderdeel staan samen op één pagina."),
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Vaste code voor import en export, bijvoorbeeld 'fte-radicalisering'."),
    )
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.CharField(_("toelichting"), max_length=300, blank=True)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    choices = models.TextField(
        _("antwoordmogelijkheden"),
        blank=True,
        help_text=_("Eén per regel; alleen bij één of meerdere keuzes."),
    )
    scale_low = models.CharField(_("label bij 1"), max_length=60, blank=True)
    scale_high = models.CharField(_("label bij 5"), max_length=60, blank=True)
    unit = models.CharField(
        _("eenheid"), max_length=30, blank=True, help_text=_("Bijvoorbeeld FTE.")
    )
    required = models.BooleanField(_("verplicht"), default=False)
    theme = models.ForeignKey(
        "themes.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dimension = models.CharField(
        _("dimensie"), max_length=12, choices=Dimension.choices, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("section"), FieldPanel("code")]),
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
        FieldRowPanel([FieldPanel("scale_low"), FieldPanel("scale_high"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("theme"), FieldPanel("dimension")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="inventories_question_code_unique"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS


class Response(models.Model):
    """One municipality's (or member's) answers to a questionnaire: a draft until submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        SUBMITTED = "submitted", _("ingediend")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inventory_responses",
    )
    # Set for questionnaires answered per member; empty for one shared municipal response.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inventory_responses",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("antwoord op vragenlijst")
        verbose_name_plural = _("antwoorden op vragenlijsten")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "municipality"],
                condition=models.Q(member__isnull=True),
                name="inventories_one_response_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["questionnaire", "member"],
                condition=models.Q(member__isnull=False),
                name="inventories_one_response_per_member",
            ),
        ]

    def __str__(self):
        return f"{self.questionnaire} · {self.municipality or self.member}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    """The current answer to one question: a choice (text), choices (list), number or text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # A question with answers cannot go on its own; with its whole questionnaire it may (and
    # the admin refuses to delete a questionnaire that has responses at all).
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="answers")
    value = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="inventories_one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question.code}: {self.value}"


class AnswerChange(models.Model):
    """History of a response: who changed which answer from what to what, and when."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="changes")
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="+")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    old_value = models.JSONField(null=True)
    new_value = models.JSONField(null=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.question.code} ({self.changed_at:%Y-%m-%d %H:%M})"
