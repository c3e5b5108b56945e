"""In-app notifications, each member's e-mail rhythm per e-mail type, and digest runs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NEW_ANSWER = "new_answer", _("Nieuw antwoord op uw vraag")
    ANSWER_ACCEPTED = "answer_accepted", _("Uw antwoord is geaccepteerd")
    FOLLOWED_QUESTION_ANSWER = (
        "followed_question_answer",
        _("Nieuw antwoord op een vraag die u volgt"),
    )
    NEW_QUESTION_IN_THEME = "new_question_in_theme", _("Nieuwe vraag in een thema dat u volgt")
    NEW_QUESTION_IN_MUNICIPALITY = (
        "new_question_in_municipality",
        _("Nieuwe vraag van een gemeente die u volgt"),
    )
    EXPERT_ROUTED = "expert_routed", _("Vraag voor u als deskundige")
    PRACTICE_PUBLISHED = "practice_published", _("Uw praktijk is gepubliceerd")
    PRACTICE_CHANGES_REQUESTED = (
        "practice_changes_requested",
        _("De moderator vraagt wijzigingen in uw praktijk"),
    )
    MEMBER_APPROVED = "member_approved", _("Uw aanmelding is goedgekeurd")
    MEMBER_REJECTED = "member_rejected", _("Uw aanmelding is afgewezen")
    CONTACT_MESSAGE = "contact_message", _("Bericht van een collega")
    NEED_PRACTICE = "need_practice", _("Nieuwe praktijk bij een behoefte van uw gemeente")
    INVENTORY_REMINDER = "inventory_reminder", _("Herinnering: een vragenlijst sluit binnenkort")
    MEETING_PLACE = "meeting_place", _("Er is een plaats vrijgekomen: u bent aangemeld")
    MEETING_REMINDER = "meeting_reminder", _("Herinnering: morgen is de bijeenkomst")
    MEETING_CANCELLED = "meeting_cancelled", _("De bijeenkomst is geannuleerd")
    NETWORK_CHECK = (
        "network_check",
        _("Controleer het netwerkregister: gegevens zijn langer dan een jaar oud"),
    )


# About a practice its member shared; about the member's own account.
PRACTICE_KINDS = (Kind.PRACTICE_PUBLISHED, Kind.PRACTICE_CHANGES_REQUESTED)
MEMBER_KINDS = (Kind.MEMBER_APPROVED, Kind.MEMBER_REJECTED)


class Rhythm(models.TextChoices):
    INSTANT = "instant", _("Direct een e-mail")
    DAILY = "daily", _("Dagelijks overzicht")
    WEEKLY = "weekly", _("Wekelijks overzicht")
    OFF = "off", _("Geen e-mail")


class EmailType(models.TextChoices):
    """What a member can switch on or off; each is a field of NotificationPreference."""

    NEW_ANSWER = "new_answer", _("Antwoorden op mijn vragen")
    ANSWER_ACCEPTED = "answer_accepted", _("Mijn antwoord is geaccepteerd")
    FOLLOWED_QUESTION = "followed_question", _("Nieuwe antwoorden op vragen die ik volg")
    FOLLOWED_THEME = "followed_theme", _("Nieuwe vragen in thema's die ik volg")
    FOLLOWED_MUNICIPALITY = (
        "followed_municipality",
        _("Nieuwe vragen van gemeenten die ik volg"),
    )
    EXPERT_QUESTION = "expert_question", _("Vragen die naar mij als deskundige worden gestuurd")
    PRACTICE_DECISION = (
        "practice_decision",
        _("Mijn praktijk is gepubliceerd of moet worden aangepast"),
    )
    INVENTORY = (
        "inventory",
        _("Quickscans: herinneringen en nieuwe praktijken bij behoeften van mijn gemeente"),
    )


EMAIL_TYPE_OF_KIND = {
    Kind.NEW_ANSWER: EmailType.NEW_ANSWER,
    Kind.ANSWER_ACCEPTED: EmailType.ANSWER_ACCEPTED,
    Kind.FOLLOWED_QUESTION_ANSWER: EmailType.FOLLOWED_QUESTION,
    Kind.NEW_QUESTION_IN_THEME: EmailType.FOLLOWED_THEME,
    Kind.NEW_QUESTION_IN_MUNICIPALITY: EmailType.FOLLOWED_MUNICIPALITY,
    Kind.EXPERT_ROUTED: EmailType.EXPERT_QUESTION,
    Kind.PRACTICE_PUBLISHED: EmailType.PRACTICE_DECISION,
    Kind.PRACTICE_CHANGES_REQUESTED: EmailType.PRACTICE_DECISION,
    Kind.NEED_PRACTICE: EmailType.INVENTORY,
    Kind.INVENTORY_REMINDER: EmailType.INVENTORY,
}
# From a quickscan (exchange/inventories): `send_inventory_alerts` makes these.
INVENTORY_KINDS = (Kind.NEED_PRACTICE, Kind.INVENTORY_REMINDER)
# About the member's own registration for a meeting (exchange/meetings): like a direct
# message, always e-mailed at once and no preference; a member who wants none cancels.
MEETING_KINDS = (Kind.MEETING_PLACE, Kind.MEETING_REMINDER, Kind.MEETING_CANCELLED)
# A message from a colleague (exchange/contact) is a direct message: always e-mailed at once,
# no preference, like a decision on a sign-up; a member who wants none stops being open to
# contact or leaves the conversation.
# A moderator's decision on a member's sign-up is an account message, like allauth's e-mail
# confirmation: always sent, no preference (a rejected member cannot sign in to set one).

# What you asked or wrote matters now; what you follow can wait for an overview.
DEFAULT_RHYTHMS = {
    EmailType.NEW_ANSWER: Rhythm.INSTANT,
    EmailType.ANSWER_ACCEPTED: Rhythm.INSTANT,
    EmailType.FOLLOWED_QUESTION: Rhythm.DAILY,
    EmailType.FOLLOWED_THEME: Rhythm.WEEKLY,
    EmailType.FOLLOWED_MUNICIPALITY: Rhythm.WEEKLY,
    # Someone waits for an answer that this member is asked for by name.
    EmailType.EXPERT_QUESTION: Rhythm.INSTANT,
    # The member waits to hear whether what they shared is out, or what to change.
    EmailType.PRACTICE_DECISION: Rhythm.INSTANT,
    # The municipality asked for this in its quickscan; a reminder has a date attached.
    EmailType.INVENTORY: Rhythm.INSTANT,
}


class DigestRun(models.Model):
    """One run of the daily or weekly overview: what it claimed and how many e-mails it sent."""

    rhythm = models.CharField(max_length=8, choices=Rhythm.choices)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    emails_sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("verzending van overzichten")
        verbose_name_plural = _("verzendingen van overzichten")

    def __str__(self):
        return f"{self.get_rhythm_display()} {self.started_at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    # What it is about: a question (and answer), a practice, or (neither) the member's account.
    question = models.ForeignKey(
        "questions.Question",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    answer = models.ForeignKey(
        "questions.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # A colleague's message through the site (exchange/contact); its conversation is the thread.
    contact_message = models.ForeignKey(
        "contact.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A quickscan round a reminder is about (exchange/inventories).
    questionnaire = models.ForeignKey(
        "inventories.Questionnaire",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # A meeting a member registered for (exchange/meetings).
    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The moderator's words: the changes asked for, the reason for a decision on a sign-up.
    text = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # When the e-mail step dealt with it: the SMTP server accepted the mail, or it was
    # withheld because the recipient may no longer read it. Set only after the fact.
    emailed_at = models.DateTimeField(null=True, blank=True)
    # A lease, taken before sending so two workers never mail the same notification at once.
    # A claim older than NOTIFICATION_CLAIM_LEASE without emailed_at belongs to a worker that
    # died mid-send: the recovery (emails.recover_abandoned_claims) sends it again.
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    digest_run = models.ForeignKey(
        DigestRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["emailed_at", "kind"]),
            models.Index(fields=["emailed_at", "email_claimed_at"]),
        ]
        constraints = [
            # A repeated event never notifies anyone twice. Being asked as an expert is a
            # separate notification, also for someone who heard of the question as a follower.
            models.UniqueConstraint(
                fields=["recipient", "question"],
                condition=Q(answer__isnull=True) & ~Q(kind="expert_routed"),
                name="one_question_notification_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["recipient", "question"],
                condition=Q(kind="expert_routed"),
                name="one_expert_notification_per_recipient_and_question",
            ),
            models.UniqueConstraint(
                fields=["recipient", "answer", "kind"],
                condition=Q(answer__isnull=False),
                name="one_answer_notification_per_recipient_and_kind",
            ),
            # A practice on a need is announced once, whatever number of needs or rounds.
            models.UniqueConstraint(
                fields=["recipient", "practice"],
                condition=Q(kind="need_practice"),
                name="one_need_practice_notification_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["recipient", "questionnaire"],
                condition=Q(kind="inventory_reminder"),
                name="one_inventory_reminder_per_recipient",
            ),
            # Running the reminders twice reminds nobody twice; a meeting is cancelled once.
            models.UniqueConstraint(
                fields=["recipient", "meeting"],
                condition=Q(kind="meeting_reminder"),
                name="one_meeting_reminder_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["recipient", "meeting"],
                condition=Q(kind="meeting_cancelled"),
                name="one_meeting_cancellation_per_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id}"

    def get_absolute_url(self):
        if self.contact_message_id:
            return reverse("contact_thread", args=[self.contact_message.conversation_id])
        if self.meeting_id:
            return self.meeting.url or "/"
        if self.kind == Kind.NETWORK_CHECK:
            return reverse("partners_register") + "#te-controleren"
        if self.kind == Kind.INVENTORY_REMINDER and self.questionnaire_id:
            return self.questionnaire.get_absolute_url()
        if self.kind in (Kind.PRACTICE_PUBLISHED, Kind.NEED_PRACTICE) and self.practice_id:
            return self.practice.url or reverse("practice_share_overview", args=[self.practice_id])
        if self.kind == Kind.PRACTICE_CHANGES_REQUESTED and self.practice_id:
            return reverse("practice_share_overview", args=[self.practice_id])
        if self.question_id is None:
            return "/"
        if self.answer_id:
            # The answer belongs to this question: hand it over instead of fetching it again.
            self.answer.question = self.question
            return self.answer.get_absolute_url()
        return self.question.get_absolute_url()

    @property
    def email_type(self) -> str | None:
        return EMAIL_TYPE_OF_KIND.get(self.kind)

    @property
    def title(self) -> str:
        """What the notification is about, in a line."""
        if self.question_id:
            return self.question.title
        if self.practice_id:
            return self.practice.draft_title or self.practice.title
        if self.contact_message_id:
            return self.contact_message.conversation.subject
        if self.questionnaire_id:
            return self.questionnaire.title
        if self.meeting_id:
            return self.meeting.title
        return str(self.get_kind_display())

    @property
    def municipality_name(self) -> str:
        if self.contact_message_id:
            author = self.contact_message.author
            profile = getattr(author, "profile", None) if author is not None else None
            return profile.municipality.name if profile and profile.municipality_id else ""
        about = (
            self.question
            if self.question_id
            else self.practice
            if self.practice_id
            else self.meeting
            if self.meeting_id
            else None
        )
        municipality = about.municipality if about is not None else None
        return municipality.name if municipality is not None else ""


def _rhythm_field(email_type: EmailType):
    return models.CharField(
        email_type.label,
        max_length=8,
        choices=Rhythm.choices,
        default=DEFAULT_RHYTHMS[email_type],
    )


class NotificationPreference(models.Model):
    """How often a member wants e-mail, per e-mail type; created on first use."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    new_answer = _rhythm_field(EmailType.NEW_ANSWER)
    answer_accepted = _rhythm_field(EmailType.ANSWER_ACCEPTED)
    followed_question = _rhythm_field(EmailType.FOLLOWED_QUESTION)
    followed_theme = _rhythm_field(EmailType.FOLLOWED_THEME)
    followed_municipality = _rhythm_field(EmailType.FOLLOWED_MUNICIPALITY)
    expert_question = _rhythm_field(EmailType.EXPERT_QUESTION)
    practice_decision = _rhythm_field(EmailType.PRACTICE_DECISION)
    inventory = _rhythm_field(EmailType.INVENTORY)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("e-mailvoorkeur")
        verbose_name_plural = _("e-mailvoorkeuren")

    def __str__(self):
        return f"{_('E-mailvoorkeuren van')} {self.user}"

    def rhythm_for(self, kind: str) -> str:
        """The member's rhythm for this kind; account messages are always sent at once."""
        email_type = EMAIL_TYPE_OF_KIND.get(kind)
        return getattr(self, email_type) if email_type else Rhythm.INSTANT


class ExpertRouting(models.Model):
    """A question put before a member because of their expertise (by hand or automatically).

    The latest routing per member decides the rotation: who was asked longest ago goes first.
    """

    question = models.ForeignKey(
        "questions.Question", on_delete=models.CASCADE, related_name="expert_routings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_routings"
    )
    routed_at = models.DateTimeField(_("doorgestuurd op"), default=timezone.now)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("doorgestuurd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leeg bij automatisch doorsturen."),
    )

    class Meta:
        ordering = ["-routed_at", "-pk"]
        verbose_name = _("doorgestuurde vraag")
        verbose_name_plural = _("doorgestuurde vragen")
        indexes = [models.Index(fields=["user", "-routed_at"])]
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="one_routing_per_expert")
        ]

    def __str__(self):
        return f"{self.question_id} → {self.user_id}"
