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

from exchange.core import links

from . import delivery, meetings
from .models import (
    MEETING_KINDS,
    MEMBER_KINDS,
    PRACTICE_KINDS,
    Kind,
    Notification,
    NotificationPreference,
    Rhythm,
)
from .recipients import may_receive, verified_members
from .tokens import unsubscribe_token_make

logger = logging.getLogger(__name__)

SUBJECTS = {
    Kind.NEW_ANSWER: _("Nieuw antwoord op uw vraag: %(title)s"),
    Kind.ANSWER_ACCEPTED: _("Uw antwoord is geaccepteerd: %(title)s"),
    Kind.FOLLOWED_QUESTION_ANSWER: _("Nieuw antwoord op een vraag die u volgt: %(title)s"),
    Kind.NEW_QUESTION_IN_THEME: _("Nieuwe vraag in een thema dat u volgt: %(title)s"),
    Kind.NEW_QUESTION_IN_MUNICIPALITY: _("Nieuwe vraag van een gemeente die u volgt: %(title)s"),
    Kind.EXPERT_ROUTED: _("Een collega zoekt uw expertise: %(title)s"),
    Kind.PRACTICE_PUBLISHED: _("Uw praktijk is gepubliceerd: %(title)s"),
    Kind.PRACTICE_CHANGES_REQUESTED: _("Graag een aanpassing in uw praktijk: %(title)s"),
    Kind.MEMBER_APPROVED: _("Uw aanmelding is goedgekeurd"),
    Kind.MEMBER_REJECTED: _("Uw aanmelding is afgewezen"),
    Kind.CONTACT_MESSAGE: _("Bericht van een collega: %(title)s"),
    Kind.NEED_PRACTICE: _("Een praktijk bij een behoefte van uw gemeente: %(title)s"),
    Kind.INVENTORY_REMINDER: _("Herinnering: vul de vragenlijst in: %(title)s"),
    Kind.MEETING_PLACE: _("Er is een plaats vrijgekomen, u bent aangemeld: %(title)s"),
    Kind.MEETING_REMINDER: _("Herinnering: morgen is de bijeenkomst %(title)s"),
    Kind.MEETING_CANCELLED: _("Geannuleerd: %(title)s"),
    Kind.NETWORK_CHECK: _("Het netwerkregister van uw gemeente is aan controle toe"),
}
# Decisions get their own e-mail (decision.txt/html): what was decided, the moderator's words.
DECISION_KINDS = (*PRACTICE_KINDS, *MEMBER_KINDS)


def absolute_url(path: str) -> str:
    return links.absolute_url(path)  # on SITE_URL, like every e-mail (exchange/core/links.py)


def excerpt(body_html: str, *, words: int = 80) -> str:
    """Plain text of sanitised HTML, shortened; templates escape it again where needed."""
    return Truncator(html.unescape(strip_tags(body_html)).strip()).words(words)


def item_context(notification: Notification) -> dict:
    """What an e-mail says about one notification (the caller has checked visibility)."""
    if notification.contact_message_id:
        message = notification.contact_message
        return {
            "kind": notification.get_kind_display(),
            "title": notification.title,
            "municipality": notification.municipality_name,
            "sender": message.author.get_full_name() if message.author_id else "",
            "excerpt": message.body,
            "url": absolute_url(notification.get_absolute_url()),
        }
    if notification.question_id is None:
        return {
            "kind": notification.get_kind_display(),
            "title": notification.title,
            "municipality": notification.municipality_name,
            "excerpt": notification.text,
            "url": absolute_url(notification.get_absolute_url()),
        }
    question, answer = notification.question, notification.answer
    return {
        "kind": notification.get_kind_display(),
        "title": question.title,
        "municipality": question.municipality.name if question.municipality_id else "",
        "excerpt": excerpt(answer.body_html if answer else question.body_html),
        "url": absolute_url(notification.get_absolute_url()),
    }


def build_message(*, user, email_type: str, subject: str, template: str, context: dict):
    """A multipart e-mail to `user` whose unsubscribe link switches off `email_type` only.

    Without an `email_type` it is an account message: no unsubscribe link.
    """
    unsubscribe_url = ""
    if email_type is not None:
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
    headers = {}
    if unsubscribe_url:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        to=[user.email],
        headers=headers,
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
    # Claim with a lease (delivery.py): a worker that dies before the mail is confirmed
    # leaves a claim the recovery picks up once the lease has run out.
    claimed_at = timezone.now()
    if not delivery.claim([notification_id], at=claimed_at, digest_run__isnull=True):
        return False  # mailed, in an overview, or being mailed by another run
    notification = (
        Notification.objects.select_related(
            "question__municipality",
            "answer",
            "practice__municipality",
            "questionnaire",
            "recipient",
            "contact_message__conversation",
            "contact_message__author__profile__municipality",
            "meeting__municipality",
        )
        .prefetch_related("question__allowed_municipalities", "meeting__allowed_municipalities")
        .get(pk=notification_id)
    )
    message = _instant_message(notification)
    if message is None:
        return False
    if message is _LEAVE_FOR_DIGEST:
        delivery.release([notification.pk], claimed_at=claimed_at)
        return False
    delivery.stamp(message, delivery.instant_key(notification.pk))
    try:
        message.send()
    except Exception:
        delivery.release([notification.pk], claimed_at=claimed_at)  # a later retry may send it
        raise
    # The window that remains: a crash between the server's accept and this UPDATE makes the
    # recovery send the mail again, with the same Message-ID (docs: the runbook).
    delivery.settle([notification.pk], claimed_at=claimed_at)
    return True


_LEAVE_FOR_DIGEST = object()


def _instant_message(notification: Notification):
    """The e-mail for a claimed notification; None when it is withheld (settled as dealt
    with), _LEAVE_FOR_DIGEST when the member switched to an overview since."""
    claimed_at = notification.email_claimed_at
    if notification.kind in MEMBER_KINDS:
        # The decision on a sign-up reaches the member whether or not it let them in.
        user = notification.recipient
    else:
        user = verified_members([notification.recipient_id]).get(notification.recipient_id)
    if user is not None and notification.kind in MEETING_KINDS:
        withheld = not meetings.may_receive(user, notification)
    else:
        # Restricted, hidden or no longer a member since: withhold it, nothing leaks.
        withheld = user is None or not may_receive(user, notification)
    if not withheld:
        preference = NotificationPreference.objects.filter(user=user).first()
        rhythm = (preference or NotificationPreference()).rhythm_for(notification.kind)
        if rhythm in (Rhythm.DAILY, Rhythm.WEEKLY):
            return _LEAVE_FOR_DIGEST
        withheld = rhythm == Rhythm.OFF
    if withheld:
        delivery.settle([notification.pk], claimed_at=claimed_at)
        return None
    template = "notification"
    if notification.kind in DECISION_KINDS:
        template = "decision"
    elif notification.kind == Kind.CONTACT_MESSAGE:
        template = "contact"
    if notification.kind in MEETING_KINDS:
        template, item = "meeting", meetings.item_context(notification, user)
    else:
        item = item_context(notification)
    return build_message(
        user=user,
        email_type=notification.email_type,
        subject=SUBJECTS[notification.kind] % {"title": notification.title},
        template=template,
        context={"item": item, "kind": notification.kind},
    )


def recover_abandoned_instant(*, now=None) -> int:
    """Send again what a dead worker claimed and never confirmed; returns mails sent."""
    now = now or timezone.now()
    ids = list(delivery.abandoned(now).filter(digest_run__isnull=True).values_list("pk", flat=True))
    sent = 0
    for notification_id in ids:
        try:
            sent += send_instant(notification_id=notification_id)
        except Exception:  # one bad address must not stop the others; the next run retries
            logger.exception("Recovering notification e-mail %s failed", notification_id)
    if ids:
        logger.warning("Recovered %s abandoned notification e-mails, %s sent", len(ids), sent)
    return sent
