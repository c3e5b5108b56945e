"""Notification e-mails: plain text plus HTML, with a one-click unsubscribe per e-mail type."""

import html
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Kind, Notification, NotificationPreference, Rhythm
from .recipients import may_read, verified_members
from .tokens import unsubscribe_token_make

logger = logging.getLogger(__name__)

SUBJECTS = {
    Kind.NEW_ANSWER: _("Nieuw antwoord op uw vraag: %(title)s"),
    Kind.ANSWER_ACCEPTED: _("Uw antwoord is geaccepteerd: %(title)s"),
    Kind.FOLLOWED_QUESTION_ANSWER: _("Nieuw antwoord op een vraag die u volgt: %(title)s"),
    Kind.NEW_QUESTION_IN_THEME: _("Nieuwe vraag in een thema dat u volgt: %(title)s"),
    Kind.NEW_QUESTION_IN_MUNICIPALITY: _("Nieuwe vraag van een gemeente die u volgt: %(title)s"),
    Kind.EXPERT_ROUTED: _("Een collega zoekt uw expertise: %(title)s"),
}


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def excerpt(body_html: str, *, words: int = 80) -> str:
    """Plain text of sanitised HTML, shortened; templates escape it again where needed."""
    return Truncator(html.unescape(strip_tags(body_html)).strip()).words(words)


def item_context(notification: Notification) -> dict:
    """What an e-mail says about one notification (the caller has checked visibility)."""
    question, answer = notification.question, notification.answer
    return {
        "kind": notification.get_kind_display(),
        "title": question.title,
        "municipality": question.municipality.name if question.municipality_id else "",
        "excerpt": excerpt(answer.body_html if answer else question.body_html),
        "url": absolute_url(notification.get_absolute_url()),
    }


def build_message(*, user, email_type: str, subject: str, template: str, context: dict):
    """A multipart e-mail to `user` whose unsubscribe link switches off `email_type` only."""
    unsubscribe_url = absolute_url(
        reverse(
            "notification_unsubscribe",
            args=[unsubscribe_token_make(user_id=user.pk, email_type=email_type)],
        )
    )
    context = {
        **context,
        "user": user,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "unsubscribe_url": unsubscribe_url,
        "settings_url": absolute_url(reverse("notification_settings")),
        "list_url": absolute_url(reverse("notification_list")),
    }
    # Header values may not contain line breaks; titles are single-line anyway.
    subject = " ".join(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}".split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string(f"notifications/email/{template}.html", context), "text/html"
    )
    return message


def send_instant(*, notification_id: int) -> bool:
    """E-mail one notification now, if its recipient may still read it. True when sent."""
    # E-mails go out in the site's language, whatever the triggering request used.
    with translation.override(settings.LANGUAGE_CODE):
        return _send_instant(notification_id)


def _send_instant(notification_id: int) -> bool:
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False  # already mailed (or in an overview) by another run
    notification = (
        Notification.objects.select_related("question__municipality", "answer")
        .prefetch_related("question__allowed_municipalities")
        .get(pk=notification_id)
    )
    user = verified_members([notification.recipient_id]).get(notification.recipient_id)
    if user is None or not may_read(user, notification.question, notification.answer):
        # Restricted, hidden or no longer a member since: withhold it, nothing leaks.
        return False
    preference = NotificationPreference.objects.filter(user=user).first()
    rhythm = (preference or NotificationPreference()).rhythm_for(notification.kind)
    if rhythm in (Rhythm.DAILY, Rhythm.WEEKLY):
        # Switched to an overview after the notification was made: leave it for the digest.
        _release([notification.pk])
        return False
    if rhythm == Rhythm.OFF:
        return False
    message = build_message(
        user=user,
        email_type=notification.email_type,
        subject=SUBJECTS[notification.kind] % {"title": notification.question.title},
        template="notification",
        context={"item": item_context(notification)},
    )
    try:
        message.send()
    except Exception:
        _release([notification.pk])  # a later retry may send it
        raise
    return True


def _release(notification_ids) -> None:
    Notification.objects.filter(pk__in=notification_ids).update(emailed_at=None, digest_run=None)
