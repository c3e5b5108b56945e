"""Meetings in notifications: a place that came free, the reminder the day before (once, by a
command), a cancelled meeting. In the app and by e-mail at once; the e-mail links on SITE_URL,
names no other participant, and carries the online link only to a registered participant."""

import datetime
import zoneinfo
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from exchange.meetings.services import (
    meeting_cancel,
    registration_cancel,
    registration_register,
)
from exchange.notifications.meetings import meeting_reminders_send
from exchange.notifications.models import Kind, Notification
from tests.factories import MemberFactory, ModeratorFactory
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
SITE = "https://kennisnetwerk.example.nl"
TODAY = datetime.date(2030, 6, 10)
LINK = "https://vergader.example.nl/kamer-7"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def organiser(municipality):
    return MemberFactory(profile__municipality=municipality, first_name="Olga", last_name="Org")


@pytest.fixture
def people(municipality):
    return [
        MemberFactory(profile__municipality=municipality, first_name=f"Deelnemer{i}")
        for i in range(3)
    ]


def test_participants_of_tomorrow_s_meetings_are_reminded_once(
    organiser, people, committed, monkeypatch
):
    early = make_meeting(organiser, title="Vroeg", starts_at=at(TOMORROW, 0, 5), capacity=2)
    late = make_meeting(organiser, title="Laat", starts_at=at(TOMORROW, 23, 30))
    make_meeting(organiser, title="Overmorgen", starts_at=at(TOMORROW + datetime.timedelta(1), 0))
    make_meeting(organiser, title="Vandaag", starts_at=at(TODAY, 23, 59))
    for person in people:  # the third waits for "Vroeg"
        registration_register(user=person, meeting=early)
    registration_register(user=people[0], meeting=late)
    registration_register(user=people[1], meeting=late)
    registration_cancel(user=people[1], meeting=late)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    with committed():
        made = meeting_reminders_send(today=TODAY)
    reminded = sorted((n.meeting.title, n.recipient_id) for n in made)
    assert reminded == sorted(
        [("Vroeg", people[0].pk), ("Vroeg", people[1].pk), ("Laat", people[0].pk)]
    )
    assert len(mail.outbox) == 3
    with committed():
        assert meeting_reminders_send(today=TODAY) == []
    assert len(mail.outbox) == 3
    assert Notification.objects.filter(kind=Kind.MEETING_REMINDER).count() == 3


def test_the_database_refuses_a_second_reminder(organiser, people):
    meeting = make_meeting(organiser, starts_at=at(TOMORROW, 10))
    Notification.objects.create(recipient=people[0], kind=Kind.MEETING_REMINDER, meeting=meeting)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=people[0], kind=Kind.MEETING_REMINDER, meeting=meeting
        )


def test_the_command_runs_for_tomorrow_in_dutch_time(organiser, people, committed, monkeypatch):
    # 23:30 UTC on 9 June is already 10 June in Amsterdam: "tomorrow" is 11 June.
    now = datetime.datetime(2030, 6, 9, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    meeting = make_meeting(organiser, title="Op de elfde", starts_at=at(TOMORROW, 9))
    registration_register(user=people[0], meeting=meeting)
    with committed():
        call_command("send_meeting_reminders", stdout=StringIO())
    [reminder] = Notification.objects.filter(kind=Kind.MEETING_REMINDER)
    assert reminder.meeting_id == meeting.pk


def test_a_reminder_e_mail_links_on_site_url_and_names_no_one_else(organiser, people, committed):
    meeting = make_meeting(
        organiser, title="Webinar", starts_at=at(TOMORROW, 14), online_url=LINK, place=""
    )
    for person in people[:2]:
        registration_register(user=person, meeting=meeting)
    with committed():
        meeting_reminders_send(today=TODAY)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        [address] = message.to
        other = next(p for p in people[:2] if p.email != address)
        html = message.alternatives[0][0]
        for part in (message.subject, message.body, html):
            assert other.email not in part and other.first_name not in part
            assert organiser.email not in part
        assert "Herinnering" in message.subject and "Webinar" in message.subject
        assert f"{SITE}{meeting.url}" in message.body
        assert LINK in message.body and LINK in html  # registered: the online link
        assert "14:00" in message.body


def test_a_place_that_comes_free_is_e_mailed_at_once_with_the_online_link(
    organiser, people, committed, log_in
):
    meeting = make_meeting(organiser, capacity=1, online_url=LINK, starts_at=at(TOMORROW, 10))
    first, second, third = people
    for person in people:
        registration_register(user=person, meeting=meeting)
    with committed():
        registration_cancel(user=first, meeting=meeting)
    [message] = mail.outbox
    assert message.to == [second.email]
    assert "plaats vrijgekomen" in message.subject
    assert LINK in message.body
    assert first.first_name not in message.body and third.first_name not in message.body
    [notification] = Notification.objects.filter(recipient=second)
    assert notification.kind == Kind.MEETING_PLACE
    page = log_in(Client(), second)
    listing = page.get(reverse("notification_list")).content.decode()
    assert meeting.title in listing


def test_a_cancelled_meeting_tells_registered_and_waiting_without_the_online_link(
    organiser, people, committed
):
    meeting = make_meeting(organiser, capacity=1, online_url=LINK, starts_at=at(TOMORROW, 10))
    for person in people[:2]:
        registration_register(user=person, meeting=meeting)
    with committed():
        meeting_cancel(user=organiser, meeting=meeting)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[:2])
    for message in mail.outbox:
        assert message.subject.endswith(f"Geannuleerd: {meeting.title}")
        assert LINK not in message.body and LINK not in message.alternatives[0][0]
    with committed():
        assert meeting_reminders_send(today=TODAY) == []


def test_no_e_mail_to_a_member_who_may_no_longer_see_the_meeting(
    organiser, people, other_municipality, committed
):
    meeting = make_meeting(
        organiser, visibility="restricted", starts_at=at(TOMORROW, 10), online_url=LINK
    )
    registration_register(user=people[0], meeting=meeting)
    registration_register(user=people[1], meeting=meeting)
    people[1].profile.municipality = other_municipality  # moved to another municipality
    people[1].profile.save()
    with committed():
        meeting_reminders_send(today=TODAY)
    assert [m.to for m in mail.outbox] == [[people[0].email]]
    assert not Notification.objects.filter(recipient=people[1]).exists()


def test_no_reminder_for_a_suspended_member(people, committed):
    moderator = ModeratorFactory()
    meeting = make_meeting(moderator, starts_at=at(TOMORROW, 10))
    registration_register(user=people[0], meeting=meeting)
    people[0].profile.status = "suspended"
    people[0].profile.save()
    with committed():
        assert meeting_reminders_send(today=TODAY) == []
    assert mail.outbox == []
