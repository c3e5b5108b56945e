"""Meetings (exchange/meetings): a place that came free, the day-before reminder, a cancelled
meeting. In the app and by e-mail, always at once (they are about the member's own
registration; see models.MEETING_KINDS).

Listens (through receivers.py) to `exchange.meetings.events`; `send_meeting_reminders`
(daily, like `send_digests`) runs `meeting_reminders_send`. The e-mail links to the meeting on
SITE_URL and names no other participant; the online link only goes to a member who is still
registered when the e-mail is sent.
"""

import datetime
import zoneinfo

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from exchange.core import links
from exchange.meetings.models import MeetingPage, Registration

from .models import Kind, Notification
from .recipients import verified_members
from .services import _queue_instant_emails

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
REGISTERED = Registration.Status.REGISTERED


@transaction.atomic
def notification_for_place_offered(*, registration_id: int) -> list[Notification]:
    """The member moved up from the waiting list: they are registered now."""
    registration = (
        Registration.objects.filter(pk=registration_id, status=REGISTERED)
        .select_related("meeting")
        .first()
    )
    if registration is None:
        return []
    members = verified_members([registration.user_id])
    if registration.user_id not in members:
        return []
    notification = Notification.objects.create(
        recipient_id=registration.user_id,
        kind=Kind.MEETING_PLACE,
        meeting_id=registration.meeting_id,
    )
    _queue_instant_emails([notification])
    return [notification]


@transaction.atomic
def notifications_for_meeting_cancelled(*, meeting_id: int) -> list[Notification]:
    """Everyone registered or waiting hears once that the meeting does not go ahead."""
    user_ids = Registration.objects.filter(
        meeting_id=meeting_id, status__in=[REGISTERED, Registration.Status.WAITING]
    ).values_list("user_id", flat=True)
    members = verified_members(user_ids)
    already = set(
        Notification.objects.filter(kind=Kind.MEETING_CANCELLED, meeting_id=meeting_id).values_list(
            "recipient_id", flat=True
        )
    )
    notifications = Notification.objects.bulk_create(
        Notification(recipient_id=uid, kind=Kind.MEETING_CANCELLED, meeting_id=meeting_id)
        for uid in sorted(set(members) - already)
    )
    _queue_instant_emails(notifications)
    return notifications


def tomorrow_bounds(today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end of the day after `today`, in Dutch time."""
    start = datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time.min, tzinfo=AMSTERDAM
    )
    return start, datetime.datetime.combine(
        today + datetime.timedelta(days=2), datetime.time.min, tzinfo=AMSTERDAM
    )


@transaction.atomic
def meeting_reminders_send(*, today: datetime.date | None = None) -> list[Notification]:
    """One reminder per registered participant of each meeting that starts tomorrow (Dutch
    dates); running twice reminds nobody twice (a unique constraint backs this up)."""
    today = today or timezone.localtime(timezone.now(), AMSTERDAM).date()
    start, end = tomorrow_bounds(today)
    meetings = MeetingPage.objects.live().filter(
        starts_at__gte=start, starts_at__lt=end, cancelled_at__isnull=True
    )
    reminded = Notification.objects.filter(
        kind=Kind.MEETING_REMINDER,
        meeting_id=OuterRef("meeting_id"),
        recipient_id=OuterRef("user_id"),
    )
    rows = list(
        Registration.objects.filter(meeting__in=meetings, status=REGISTERED)
        .filter(~Exists(reminded))
        .values_list("meeting_id", "user_id")
    )
    members = verified_members({user_id for _meeting, user_id in rows})
    by_id = meetings.prefetch_related("allowed_municipalities").in_bulk()
    notifications = Notification.objects.bulk_create(
        Notification(recipient_id=user_id, kind=Kind.MEETING_REMINDER, meeting_id=meeting_id)
        for meeting_id, user_id in sorted(rows)
        if user_id in members and by_id[meeting_id].is_visible_to(members[user_id])
    )
    _queue_instant_emails(notifications)
    return notifications


# -- at send time ---------------------------------------------------------------------------


def may_receive(user, notification) -> bool:
    """Still true when the e-mail goes: the member may see the meeting, and a reminder or a
    place only while they are still registered."""
    meeting = notification.meeting
    if meeting is None or not meeting.live or not meeting.is_visible_to(user):
        return False
    if notification.kind == Kind.MEETING_CANCELLED:
        return True
    if meeting.is_cancelled:
        return False
    return Registration.objects.filter(meeting=meeting, user=user, status=REGISTERED).exists()


def item_context(notification, user) -> dict:
    """What the e-mail says: when, where, the link on SITE_URL; the online link only to a
    registered participant of a meeting that goes ahead."""
    meeting = notification.meeting
    starts = timezone.localtime(meeting.starts_at, AMSTERDAM)
    ends = timezone.localtime(meeting.ends_at, AMSTERDAM)
    registered = (
        notification.kind != Kind.MEETING_CANCELLED
        and not meeting.is_cancelled
        and Registration.objects.filter(meeting=meeting, user=user, status=REGISTERED).exists()
    )
    return {
        "kind": notification.get_kind_display(),
        "title": meeting.title,
        "municipality": meeting.municipality.name if meeting.municipality_id else "",
        "when": f"{date_format(starts, 'l j F Y')}, {starts:%H:%M}–{ends:%H:%M}",
        "place": meeting.place,
        "online_url": meeting.online_url if registered else "",
        "is_online": bool(meeting.online_url),
        "url": links.absolute_url(meeting),
        "mine_url": links.absolute_url(reverse("meeting_mine")),
        "ics_url": links.absolute_url(reverse("meeting_ics", args=[meeting.pk])),
    }
