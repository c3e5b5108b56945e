"""Every list and detail page of meetings costs the same number of queries with few or many
meetings, participants, themes and materials."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from exchange.meetings.models import MeetingPage
from exchange.meetings.services import (
    calendar_token_reset,
    meeting_report_save,
    registration_register,
)
from tests.factories import MemberFactory, ThemeFactory

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def queries(client, address, django_assert_max_num_queries, **params) -> int:
    client.get(address, params)  # warm the caches the first request fills (site, settings)
    with django_assert_max_num_queries(200) as counted:
        assert client.get(address, params).status_code == 200
    return len(counted.captured_queries)


def grow(organiser, municipality, n, *, start=0):
    """`n` more meetings, each with themes, participants and one on the waiting list."""
    made = []
    for index in range(start, start + n):
        themes = [ThemeFactory(), ThemeFactory()]
        meeting = make_meeting(
            organiser,
            title=f"Bijeenkomst {index}",
            themes=themes,
            capacity=2,
            starts_at=timezone.now() + datetime.timedelta(days=index + 1),
        )
        for _ in range(3):
            registration_register(
                user=MemberFactory(profile__municipality=municipality), meeting=meeting
            )
        made.append(meeting)
    return made


def past(meeting):
    MeetingPage.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )


@pytest.fixture
def member_client(log_in, member):
    return log_in(Client(), member)


def test_the_agenda_costs_the_same_with_more_meetings(
    member_client, organiser, municipality, django_assert_max_num_queries, django_assert_num_queries
):
    client = member_client
    # One upcoming and one past meeting: the page reads both lists.
    past(grow(organiser, municipality, 2)[1])
    one = queries(client, "/bijeenkomsten/", django_assert_max_num_queries)
    for meeting in grow(organiser, municipality, 5, start=2)[:3]:
        past(meeting)
    client.get("/bijeenkomsten/")
    with django_assert_num_queries(one):
        response = client.get("/bijeenkomsten/")
    assert response.content.decode().count("kn-meeting-card") == 7


def test_a_filtered_agenda_costs_the_same_with_more_meetings(
    member_client,
    organiser,
    municipality,
    theme,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    client = member_client
    make_meeting(organiser, themes=[theme])
    one = queries(client, "/bijeenkomsten/", django_assert_max_num_queries, thema=theme.slug)
    for _ in range(4):
        make_meeting(organiser, themes=[theme, ThemeFactory()])
    with django_assert_num_queries(one):
        response = client.get("/bijeenkomsten/", {"thema": theme.slug, "soort": "network"})
    assert response.content.decode().count("kn-meeting-card") == 5


def test_a_meeting_page_costs_the_same_with_more_participants_and_material(
    log_in, organiser, municipality, theme, django_assert_max_num_queries, django_assert_num_queries
):
    meeting = make_meeting(organiser, themes=[theme], capacity=3)
    client = log_in(Client(), organiser)  # the organiser sees names, the waiting list and material
    registration_register(user=MemberFactory(profile__municipality=municipality), meeting=meeting)
    one = queries(client, meeting.url, django_assert_max_num_queries)
    for _ in range(6):
        registration_register(
            user=MemberFactory(profile__municipality=municipality), meeting=meeting
        )
    MeetingPage.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    meeting.refresh_from_db()
    for index in range(3):
        meeting_report_save(
            user=organiser,
            meeting=meeting,
            report="Goed gesprek.",
            new_file=SimpleUploadedFile(f"verslag-{index}.txt", b"Verslag"),
            new_title=f"Verslag {index}",
        )
    client.get(meeting.url)
    with django_assert_num_queries(one + 0):
        response = client.get(meeting.url)
    page = response.content.decode()
    assert page.count("Verslag ") >= 3 and "Wachtlijst" in page


def test_my_meetings_and_the_feeds_cost_the_same_with_more_registrations(
    member_client,
    member,
    organiser,
    municipality,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    client = member_client
    token = calendar_token_reset(user=member)
    meetings = grow(organiser, municipality, 1)
    registration_register(user=member, meeting=meetings[0])
    mine = queries(client, reverse("meeting_mine"), django_assert_max_num_queries)
    feed = queries(
        Client(), reverse("meeting_mine_ics"), django_assert_max_num_queries, token=token
    )
    ics = queries(
        client, reverse("meeting_ics", args=[meetings[0].pk]), django_assert_max_num_queries
    )
    more = grow(organiser, municipality, 5, start=1)
    for meeting in more:
        registration_register(user=member, meeting=meeting)
    past(more[0])
    with django_assert_num_queries(mine):
        assert client.get(reverse("meeting_mine")).status_code == 200
    with django_assert_num_queries(feed):
        response = Client().get(reverse("meeting_mine_ics"), {"token": token})
    assert response.content.count(b"BEGIN:VEVENT") == 6
    with django_assert_num_queries(ics):
        client.get(reverse("meeting_ics", args=[more[1].pk]))
