"""iCalendar files read back with `icalendar`: Dutch time with its zone, a stable UID, the
online link only for a registered member, a cancelled meeting marked as such."""

import datetime
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from exchange.meetings.models import MeetingPage
from exchange.meetings.services import (
    calendar_token_reset,
    meeting_cancel,
    meeting_update,
    registration_register,
)

from .factories import make_meeting, meeting_data

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
SITE = "https://kennisnetwerk.example.nl"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE


def in_march(hour):
    # 2030-03-30 is a Saturday just before summer time: the zone must carry the offset.
    return datetime.datetime(2030, 3, 30, hour, 0, tzinfo=AMSTERDAM)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_one_meeting_as_ics_in_dutch_time_with_its_zone(client_as, member, organiser):
    meeting = make_meeting(organiser, title="Webinar online haat", starts_at=in_march(14))
    calendar = parse(client_as(member).get(reverse("meeting_ics", args=[meeting.pk])))
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    start = event.decoded("DTSTART")
    assert (start.hour, start.utcoffset()) == (14, datetime.timedelta(hours=1))
    assert event.decoded("DTEND") - start == datetime.timedelta(hours=2)
    assert str(event["SUMMARY"]) == "Webinar online haat"
    assert str(event["UID"]) == f"meeting-{meeting.pk}@kennisnetwerk.example.nl"
    assert str(event["URL"]) == f"{SITE}{meeting.url}"
    assert "DTSTAMP" in event
    assert str(event["LOCATION"]) == "Stadhuis Utrecht, zaal 3"


def test_the_personal_feed_lists_registered_meetings_and_marks_cancelled_ones(
    member, organiser, other_member
):
    online = make_meeting(
        organiser,
        title="Intervisie",
        online_url="https://vergader.example.nl/intervisie",
        place="",
        starts_at=in_march(10),
    )
    cancelled = make_meeting(organiser, title="Gaat niet door", starts_at=in_march(15))
    make_meeting(organiser, title="Niet aangemeld", starts_at=in_march(16))
    full = make_meeting(
        organiser,
        title="Vol",
        capacity=1,
        online_url="https://vergader.example.nl/vol",
        starts_at=in_march(17),
    )
    registration_register(user=other_member, meeting=full)
    for meeting in (online, cancelled, full):
        registration_register(user=member, meeting=meeting)
    meeting_cancel(user=organiser, meeting=cancelled)
    token = calendar_token_reset(user=member)
    calendar = parse(Client().get(reverse("meeting_mine_ics"), {"token": token}))
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Intervisie", "Gaat niet door", "Vol"}
    assert str(events["Gaat niet door"]["STATUS"]) == "CANCELLED"
    assert str(events["Intervisie"]["STATUS"]) == "CONFIRMED"
    assert "https://vergader.example.nl/intervisie" in str(events["Intervisie"]["LOCATION"])
    # On the waiting list: in the feed as tentative, without the link.
    assert str(events["Vol"]["STATUS"]) == "TENTATIVE"
    assert "vergader.example.nl/vol" not in str(events["Vol"].get("LOCATION", ""))
    assert all(e["DTSTART"].params["TZID"] == "Europe/Amsterdam" for e in events.values())
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_the_uid_stays_the_same_when_the_meeting_changes(client_as, member, organiser):
    meeting = make_meeting(organiser, starts_at=in_march(9))
    client = client_as(member)
    url = reverse("meeting_ics", args=[meeting.pk])
    before = parse(client.get(url)).walk("VEVENT")[0]
    MeetingPage.objects.filter(pk=meeting.pk).update(
        first_published_at=meeting.first_published_at - datetime.timedelta(minutes=5)
    )  # made five minutes ago, so the change below is a later publication
    meeting.refresh_from_db()
    meeting_update(
        user=organiser, meeting=meeting, data=meeting_data(title="Verzet", starts_at=in_march(11))
    )
    after = parse(client.get(url)).walk("VEVENT")[0]
    assert after["UID"] == before["UID"]
    assert after.decoded("DTSTART").hour == 11
    # A calendar app replaces its copy only when SEQUENCE grows.
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
