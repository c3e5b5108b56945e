"""Notification e-mails: plain text and HTML, one-click unsubscribe per e-mail type."""

from collections import defaultdict

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PREFERENCE_FIELDS, Kind, Notification, NotificationPreference
from .recipients import may_read, viewers_for

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
# A digest is its own e-mail type: unsubscribing from it stops every kind in that rhythm.
DIGEST_TYPES = {"digest:daily", "digest:weekly"}


def unsubscribe_token(*, user_id: int, field: str) -> str:
    return signing.dumps({"u": user_id, "f": field}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, preference field); raises signing.BadSignature for a tampered token."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    valid = {*PREFERENCE_FIELDS.values(), *DIGEST_TYPES}
    if data.get("f") not in valid or not isinstance(data.get("u"), int):
        raise signing.BadSignature("unknown e-mail type")
    return data["u"], data["f"]


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(*, user, field: str, subject: str, template: str, context: dict) -> None:
    unsubscribe_url = _absolute(
        reverse("notification_unsubscribe", args=[unsubscribe_token(user_id=user.pk, field=field)])
    )
    context = {
        **context,
        "user": user,
        "unsubscribe_url": unsubscribe_url,
        "settings_url": _absolute(reverse("notification_settings")),
    }
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
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
    message.send()


def _item(notification: Notification) -> dict:
    question = notification.question
    return {
        "kind": notification.get_kind_display(),
        "title": question.title,
        "text": (
            notification.answer.body_markdown if notification.answer_id else question.body_markdown
        )[:600],
        "url": _absolute(notification.get_absolute_url()),
        "municipality": question.municipality.name if question.municipality_id else "",
    }


def send_single(notification_id: int) -> bool:
    """E-mail one notification, re-checking at send time that the recipient may read it."""
    notification = (
        Notification.objects.select_related("question__municipality", "answer", "recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return False
    question = notification.question
    viewer = viewers_for([notification.recipient_id]).get(notification.recipient_id)
    allowed = [m.pk for m in question.allowed_municipalities.all()]
    answer_hidden = notification.answer_id and notification.answer.hidden
    if viewer is None or answer_hidden or not may_read(viewer[1], question, allowed):
        # Content became restricted or hidden since: nothing is sent, nothing leaks.
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        return False
    _send(
        user=notification.recipient,
        field=notification.preference_field,
        subject=f"{notification.get_kind_display().capitalize()}: {question.title}"[:150],
        template="single",
        context={"item": _item(notification)},
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


def send_digests(rhythm: str) -> int:
    """One e-mail per member with their not-yet-mailed notifications of this rhythm, by theme."""
    sent = 0
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)
        .select_related("question__municipality", "answer", "recipient")
        .prefetch_related("question__themes", "question__allowed_municipalities")
        .order_by("recipient_id", "created_at")
    )
    by_user = defaultdict(list)
    for notification in pending:
        by_user[notification.recipient_id].append(notification)
    if not by_user:
        return 0
    preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=by_user)}
    viewers = viewers_for(by_user)
    now = timezone.now()
    for user_id, notifications in by_user.items():
        preference = preferences.get(user_id) or NotificationPreference()
        due = [n for n in notifications if preference.rhythm_for(n.kind) == rhythm]
        if not due or user_id not in viewers:
            continue
        user, viewer = viewers[user_id]
        groups = defaultdict(list)
        for n in due:
            allowed = [m.pk for m in n.question.allowed_municipalities.all()]
            hidden_answer = n.answer_id and n.answer.hidden
            if hidden_answer or not may_read(viewer, n.question, allowed):
                continue
            themes = list(n.question.themes.all())
            groups[themes[0].name if themes else _("Overig")].append(_item(n))
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(emailed_at=now)
        if not groups:
            continue
        _send(
            user=user,
            field=f"digest:{rhythm}",
            subject=_("Dagelijks overzicht") if rhythm == "daily" else _("Wekelijks overzicht"),
            template="digest",
            context={"groups": sorted(groups.items()), "rhythm": rhythm},
        )
        sent += 1
    return sent


__all__ = ["Kind", "read_unsubscribe_token", "send_digests", "send_single", "unsubscribe_token"]
