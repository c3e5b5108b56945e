"""Daily and weekly overview e-mails: each member's waiting notifications, grouped by theme."""

import logging
from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import delivery
from .emails import build_message, item_context
from .models import DEFAULT_RHYTHMS, EMAIL_TYPE_OF_KIND, DigestRun, Notification, Rhythm
from .recipients import may_receive, verified_members

logger = logging.getLogger(__name__)

DIGEST_RHYTHMS = (Rhythm.DAILY, Rhythm.WEEKLY)
# An overview reports recent news: older unmailed notifications (say, from before a member
# switched an e-mail type on) stay in the site and are not dug up.
WINDOWS = {Rhythm.DAILY: timedelta(days=3), Rhythm.WEEKLY: timedelta(days=15)}
BATCH_SIZE = 100


def digests_send(*, rhythm: str) -> int:
    """Send this rhythm's overviews; returns the number of e-mails sent.

    Notifications are claimed (email_claimed_at, digest_run; see delivery.py) before anything
    is sent, so running twice, or two workers at once, mails each notification once.
    """
    if rhythm not in DIGEST_RHYTHMS:
        raise ValueError(f"unknown digest rhythm {rhythm!r}")
    # E-mails go out in the site's language, whatever the triggering request used.
    with translation.override(settings.LANGUAGE_CODE):
        return _send_all(rhythm)


def _send_all(rhythm: str) -> int:
    due = _due(rhythm)
    recipient_ids = sorted(set(due.values_list("recipient_id", flat=True)))
    if not recipient_ids:
        return 0
    run = DigestRun.objects.create(rhythm=rhythm)
    for start in range(0, len(recipient_ids), BATCH_SIZE):
        batch = recipient_ids[start : start + BATCH_SIZE]
        run.emails_sent += _send_batch(run, due.filter(recipient_id__in=batch), batch)
    run.finished_at = timezone.now()
    run.save(update_fields=["emails_sent", "finished_at"])
    return run.emails_sent


def _due(rhythm: str):
    """Unread, unmailed, recent notifications whose e-mail type the member gets in `rhythm`."""
    chosen = Q()
    for kind, email_type in EMAIL_TYPE_OF_KIND.items():
        in_rhythm = Q(**{f"recipient__notification_preference__{email_type}": rhythm})
        if DEFAULT_RHYTHMS[email_type] == rhythm:
            # Preferences are created lazily: no row means the defaults.
            in_rhythm |= Q(recipient__notification_preference__isnull=True)
        chosen |= Q(kind=kind) & in_rhythm
    return Notification.objects.filter(
        chosen,
        emailed_at__isnull=True,
        digest_run__isnull=True,  # an abandoned overview is resent by the recovery as it was
        read_at__isnull=True,
        created_at__gte=timezone.now() - WINDOWS[rhythm],
    )


def _send_batch(run: DigestRun, due, user_ids: list[int]) -> int:
    claimed_at = timezone.now()
    ids = list(due.values_list("pk", flat=True))
    delivery.claim(ids, at=claimed_at, digest_run=run, digest_run__isnull=True)
    claimed = _claimed(
        Notification.objects.filter(
            digest_run=run, email_claimed_at=claimed_at, recipient_id__in=user_ids
        )
    )
    members = verified_members(user_ids)
    sent = 0
    for user_id, notifications in groupby(claimed, key=lambda n: n.recipient_id):
        sent += send_overview(run, members.get(user_id), list(notifications), claimed_at)
    return sent


def _claimed(queryset):
    return (
        queryset.select_related(
            "question__municipality", "answer", "practice__municipality", "questionnaire"
        )
        .prefetch_related(
            "question__themes", "question__allowed_municipalities", "practice__themes"
        )
        .order_by("recipient_id", "created_at", "pk")
    )


def send_overview(run: DigestRun, user, notifications: list, claimed_at) -> bool:
    """One member's overview of this run; its Message-ID is the same on every attempt."""
    ids = [n.pk for n in notifications]
    sections = sections_for(user, notifications) if user is not None else []
    if not sections:
        # No longer a member, or nothing they may read: dealt with, nothing is sent.
        delivery.settle(ids, claimed_at=claimed_at)
        return False
    count = sum(len(items) for _theme, items in sections)
    message = build_message(
        user=user,
        email_type=f"digest:{run.rhythm}",
        subject=_subject(run.rhythm, count),
        template="digest",
        context={"sections": sections, "rhythm": run.rhythm, "count": count},
    )
    delivery.stamp(message, delivery.digest_key(run.pk, user.pk))
    try:
        message.send()
    except Exception:
        # One failing address must not stop the others; the next run tries again.
        logger.exception("Overview e-mail to user %s failed", user.pk)
        delivery.release(ids, claimed_at=claimed_at)
        return False
    delivery.settle(ids, claimed_at=claimed_at)
    return True


def recover_abandoned_digests(*, now=None) -> int:
    """Send again the overviews a dead worker claimed and never confirmed, per run and member,
    with the run's Message-ID; returns mails sent."""
    now = now or timezone.now()
    abandoned = delivery.abandoned(now).filter(digest_run__isnull=False)
    pairs = sorted(set(abandoned.values_list("digest_run_id", "recipient_id")))
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for run_id, user_id in pairs:
            claimed_at = timezone.now()
            mine = abandoned.filter(digest_run_id=run_id, recipient_id=user_id)
            ids = list(mine.values_list("pk", flat=True))
            run = DigestRun.objects.get(pk=run_id)
            if not delivery.claim(ids, at=claimed_at, digest_run=run, digest_run_id=run_id):
                continue  # another recovery took it
            notifications = list(
                _claimed(Notification.objects.filter(pk__in=ids, email_claimed_at=claimed_at))
            )
            user = verified_members([user_id]).get(user_id)
            if send_overview(run, user, notifications, claimed_at):
                sent += 1
                DigestRun.objects.filter(pk=run_id).update(emails_sent=F("emails_sent") + 1)
    if pairs:
        logger.warning("Recovered %s abandoned overview e-mails, %s sent", len(pairs), sent)
    return sent


def sections_for(user, notifications) -> list[tuple[str, list[dict]]]:
    """[(theme name, items)] of what `user` may read now, by each question's first theme."""
    by_theme: dict[str, list[dict]] = {}
    for notification in notifications:
        if not may_receive(user, notification):
            continue  # restricted or hidden since it was made
        about = notification.question if notification.question_id else notification.practice
        themes = list(about.themes.all()) if about is not None else []
        theme = themes[0].name if themes else ""
        by_theme.setdefault(theme, []).append(item_context(notification))
    # Themes alphabetically, the questions without a theme ("Overig") last.
    ordered = sorted(by_theme.items(), key=lambda pair: (pair[0] == "", pair[0].lower()))
    return [(theme or _("Overig"), items) for theme, items in ordered]


def _subject(rhythm: str, count: int) -> str:
    if rhythm == Rhythm.DAILY:
        text = ngettext(
            "Uw dagelijkse overzicht: %(count)s nieuwe notificatie",
            "Uw dagelijkse overzicht: %(count)s nieuwe notificaties",
            count,
        )
    else:
        text = ngettext(
            "Uw wekelijkse overzicht: %(count)s nieuwe notificatie",
            "Uw wekelijkse overzicht: %(count)s nieuwe notificaties",
            count,
        )
    return text % {"count": count}
