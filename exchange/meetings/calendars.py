"""iCalendar (RFC 5545) for one meeting and for a member's own feed, with `icalendar`.

Times are written in Europe/Amsterdam with TZID and a VTIMEZONE, so calendar apps show the
hour the organiser meant also across a daylight-saving change. The UID stays the same for a
meeting (its id on the site's host), so a changed or cancelled meeting updates the entry a
calendar already has. The online link is only written for a registered participant.
"""

import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from exchange.core.links import absolute_url, site_url

from .models import MeetingPage

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
CONTENT_TYPE = "text/calendar; charset=utf-8"


def meeting_uid(meeting: MeetingPage) -> str:
    host = urlsplit(site_url()).hostname or "kennisnetwerk"
    return f"meeting-{meeting.pk}@{host}"


def _location(meeting: MeetingPage, *, shows_online_link: bool) -> str:
    parts = [meeting.place] if meeting.place else []
    if meeting.online_url and shows_online_link:
        parts.append(meeting.online_url)
    elif meeting.online_url and not meeting.place:
        parts.append("Online")
    return " · ".join(parts)


def sequence_of(meeting: MeetingPage) -> int:
    """RFC 5545 SEQUENCE: grows with every published change (a new time, a cancellation), so a
    calendar app replaces the copy it holds. Seconds from first to latest publication."""
    first, last = meeting.first_published_at, meeting.last_published_at
    if first is None or last is None:
        return 0
    return max(0, int((last - first).total_seconds()))


def meeting_event(
    meeting: MeetingPage, *, shows_online_link: bool, waiting: bool = False, request=None
) -> Event:
    """One VEVENT; pass the request so the site's root paths are read once for all events.

    `waiting`: the member is on the waiting list, so the event is TENTATIVE, not CONFIRMED.
    """
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now().astimezone(zoneinfo.ZoneInfo("UTC")))
    event.add(
        "last-modified",
        (meeting.last_published_at or timezone.now()).astimezone(zoneinfo.ZoneInfo("UTC")),
    )
    event.add("dtstart", meeting.starts_at.astimezone(AMSTERDAM))
    event.add("dtend", meeting.ends_at.astimezone(AMSTERDAM))
    event.add("summary", meeting.title)
    location = _location(meeting, shows_online_link=shows_online_link)
    if location:
        event.add("location", location)
    parts = meeting.get_url_parts(request)
    url = absolute_url(parts[2] if parts else "/")
    description = strip_tags(meeting.description_html).strip()
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("url", url)
    status = "CANCELLED" if meeting.is_cancelled else "TENTATIVE" if waiting else "CONFIRMED"
    event.add("status", status)
    event.add("sequence", sequence_of(meeting))
    return event


def calendar_of(events: list[Event], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Bijeenkomsten//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(body: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    # A feed carries personal data (what the member attends): no shared caches.
    response["Cache-Control"] = "private, no-store"
    return response
