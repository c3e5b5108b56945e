"""Reports (flags) that members raise on questions and answers, and how moderators settle them;
Wagtail's approval task, limited to a theme moderator's themes (see exchange/themes/scopes.py).

What moderators do with a report is written to Wagtail's audit trail (ModelLogEntry) by the
services; the report itself keeps only its own state.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Page

from exchange.themes.scopes import theme_scope
from practices.models import PracticePage
from practices.scopes import practice_in_scope, practices_in_scope_q


class ReportReason(models.TextChoices):
    SPAM = "spam", _("spam")
    PERSONAL_DATA = "personal_data", _("persoonsgegevens over een casus of persoon")
    OFFENSIVE = "offensive", _("beledigend")
    OFF_TOPIC = "off_topic", _("hoort niet op dit forum")
    OTHER = "other", _("anders")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("open")
    DISMISSED = "dismissed", _("afgewezen")
    ACTIONED = "actioned", _("afgehandeld")


class Report(models.Model):
    """A member's report on exactly one question or answer."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("vraag"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    answer = models.ForeignKey(
        "questions.Answer",
        verbose_name=_("antwoord"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("reden"), max_length=20, choices=ReportReason.choices)
    text = models.CharField(_("toelichting"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    resolution_note = models.CharField(_("toelichting moderator"), max_length=1000, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(question__isnull=False, answer__isnull=True)
                    | models.Q(question__isnull=True, answer__isnull=False)
                ),
                name="report_exactly_one_target",
            ),
            # Reporting the same post twice must not count twice (see auto-hide).
            models.UniqueConstraint(
                fields=["reporter", "question"],
                condition=models.Q(status="open"),
                name="one_open_report_per_reporter_per_question",
            ),
            models.UniqueConstraint(
                fields=["reporter", "answer"],
                condition=models.Q(status="open"),
                name="one_open_report_per_reporter_per_answer",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.get_status_display()})"

    @property
    def post(self):
        return self.question if self.question_id else self.answer

    @property
    def kind(self) -> str:
        return "question" if self.question_id else "answer"

    def clean(self):
        super().clean()
        if self.reason == ReportReason.OTHER and not self.text.strip():
            raise ValidationError({"text": _("Licht toe wat er aan dit bericht niet klopt.")})


class ThemeScopedApprovalTask(GroupApprovalTask):
    """Wagtail's group approval of submitted pages, respecting theme scopes.

    A theme moderator approves, or asks changes to, only practices carrying one of their themes;
    other pages have no themes and are for full moderators. Wagtail has no hook before a
    workflow action, but every path to one (the action view, the editor, the dashboard's
    "awaiting your review") asks the task, so the task decides.
    """

    class Meta:
        verbose_name = _("goedkeuring door moderatoren (per thema)")
        verbose_name_plural = _("goedkeuringen door moderatoren (per thema)")

    def _in_scope(self, obj, user) -> bool:
        if theme_scope(user) is None:
            return True
        specific = obj.specific_deferred if hasattr(obj, "specific_deferred") else obj
        return isinstance(specific, PracticePage) and practice_in_scope(user, specific)

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and self._in_scope(obj, user)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not self._in_scope(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and self._in_scope(obj, user)

    def get_actions(self, obj, user):
        if not self._in_scope(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        scope = theme_scope(user)
        if scope is None:
            return states
        in_scope = (
            PracticePage.objects.filter(practices_in_scope_q(scope))
            .annotate(key=Cast("pk", models.CharField()))
            .values("key")
        )
        return states.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=in_scope,
        )
