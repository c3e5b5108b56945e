"""The pages of meetings: organising on the site, the agenda's order and filters, registering
from the meeting page, "Mijn bijeenkomsten"."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from exchange.meetings.models import MeetingPage, Registration
from exchange.meetings.services import registration_register

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    day = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    data = {
        "title": "Intervisie online haat",
        "kind": "intervision",
        "date": day,
        "start_time": "13:30",
        "end_time": "16:00",
        "place": "Stadskantoor",
        "online_url": "",
        "audience": "beleidsadviseurs",
        "visibility": "members",
        "capacity": "12",
        "description": "Casuïstiek zonder namen.",
    }
    data.update(overrides)
    return data


def test_a_municipal_member_organises_on_the_site(organiser, municipality, theme, log_in):
    client = log_in(Client(), organiser)
    form = client.get(reverse("meeting_new")).content.decode()
    assert 'name="organiser"' not in form  # their own municipality, fixed
    response = client.post(reverse("meeting_new"), form_data(themes=[theme.pk]))
    meeting = MeetingPage.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.url
    assert meeting.municipality == municipality and meeting.live
    assert meeting.owner == organiser
    local = timezone.localtime(meeting.starts_at)
    assert (local.hour, local.minute, str(local.tzinfo)) == (13, 30, "Europe/Amsterdam")
    assert list(meeting.themes.all()) == [theme]
    assert meeting.revisions.count() == 1


def test_a_moderator_organises_for_the_network(moderator, log_in):
    client = log_in(Client(), moderator)
    assert 'name="organiser"' in client.get(reverse("meeting_new")).content.decode()
    client.post(reverse("meeting_new"), form_data(organiser=""))
    meeting = MeetingPage.objects.get()
    assert meeting.municipality is None
    page = client.get(meeting.url).content.decode()
    assert "Georganiseerd door het netwerk" in page


def test_errors_are_listed_at_the_top_and_link_to_their_field(organiser, log_in):
    client = log_in(Client(), organiser)
    response = client.post(
        reverse("meeting_new"), form_data(title="", end_time="12:00", place="", capacity="0")
    )
    page = response.content.decode()
    assert response.status_code == 200
    for anchor in ("#id_title", "#id_end_time", "#id_capacity"):
        assert f'href="{anchor}"' in page
    assert "De eindtijd moet na de begintijd liggen." in page
    assert not MeetingPage.objects.exists()


def test_a_member_edits_their_municipality_s_meeting(organiser, member, log_in):
    meeting = make_meeting(organiser)
    client = log_in(Client(), member)  # a colleague from the same municipality
    response = client.post(reverse("meeting_edit", args=[meeting.pk]), form_data(title="Nieuw"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Nieuw" and meeting.revisions.count() == 2


def test_the_agenda_shows_upcoming_first_then_past_and_filters(organiser, theme, log_in, member):
    soon = make_meeting(organiser, title="Binnenkort", themes=[theme])
    later = make_meeting(
        organiser,
        title="Later",
        kind="webinar",
        starts_at=timezone.now() + datetime.timedelta(days=30),
    )
    gone = make_meeting(organiser, title="Voorbij", themes=[theme])
    MeetingPage.objects.filter(pk=gone.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-1),
    )
    client = log_in(Client(), member)
    page = client.get("/bijeenkomsten/").content.decode()
    assert (
        page.index("Binnenkort")
        < page.index("Later")
        < page.index("Eerdere")
        < page.index("Voorbij")
    )
    by_theme = client.get("/bijeenkomsten/", {"thema": theme.slug}).content.decode()
    assert soon.title in by_theme and gone.title in by_theme and later.title not in by_theme
    webinars = client.get("/bijeenkomsten/", {"soort": "webinar"}).content.decode()
    assert "Later" in webinars and "Binnenkort" not in webinars
    wrong = client.get("/bijeenkomsten/", {"soort": "feest"}).content.decode()
    assert "Kies een van de genoemde soorten." in wrong


def test_register_and_cancel_from_the_meeting_page(organiser, member, other_member, log_in):
    meeting = make_meeting(organiser, capacity=1)
    registration_register(user=other_member, meeting=meeting)
    client = log_in(Client(), member)
    assert "Op de wachtlijst" in client.get(meeting.url).content.decode()
    page = client.post(reverse("meeting_register", args=[meeting.pk]), follow=True)
    assert "U staat op de wachtlijst (nummer 1)" in page.content.decode()
    mine = client.get(reverse("meeting_mine")).content.decode()
    assert meeting.title in mine and "U staat op de wachtlijst." in mine
    client.post(reverse("meeting_unregister", args=[meeting.pk]))
    assert Registration.objects.get(user=member).status == "cancelled"


def test_a_pending_member_is_told_why_and_a_visitor_is_asked_to_log_in(
    organiser, pending_member, log_in
):
    meeting = make_meeting(organiser, visibility="public")
    anonymous = Client()
    assert "Log in om u aan te melden" in anonymous.get(meeting.url).content.decode()
    response = anonymous.post(reverse("meeting_register", args=[meeting.pk]))
    assert response["Location"].startswith("/account/login/")
    pending = log_in(Client(), pending_member)
    response = pending.post(reverse("meeting_register", args=[meeting.pk]))
    assert response.status_code == 403
    assert "Uw aanmelding wordt beoordeeld" in response.content.decode()
    assert not Registration.objects.exists()


def test_after_the_start_the_page_says_registration_is_closed(organiser, member, log_in):
    meeting = make_meeting(organiser)
    MeetingPage.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client = log_in(Client(), member)
    assert "de bijeenkomst is begonnen" in client.get(meeting.url).content.decode()
    page = client.post(reverse("meeting_register", args=[meeting.pk]), follow=True)
    assert "al begonnen" in page.content.decode()
    assert not Registration.objects.exists()


def test_a_cancelled_meeting_shows_as_cancelled(organiser, member, log_in):
    meeting = make_meeting(organiser)
    client = log_in(Client(), organiser)
    client.post(reverse("meeting_cancel", args=[meeting.pk]))
    page = log_in(Client(), member).get(meeting.url).content.decode()
    assert "Geannuleerd" in page and "de bijeenkomst is geannuleerd" in page
    listing = log_in(Client(), member).get("/bijeenkomsten/").content.decode()
    assert "Geannuleerd" in listing


def test_the_agenda_pages_on_from_upcoming_into_past(organiser, member, log_in):
    for day in range(21):
        make_meeting(
            organiser,
            title=f"Komend {day:02d}",
            starts_at=timezone.now() + datetime.timedelta(days=day + 1),
        )
    for day in range(2):
        gone = make_meeting(organiser, title=f"Geweest {day}")
        MeetingPage.objects.filter(pk=gone.pk).update(
            starts_at=timezone.now() - datetime.timedelta(days=day + 2),
            ends_at=timezone.now() - datetime.timedelta(days=day + 2, hours=-1),
        )
    client = log_in(Client(), member)
    first = client.get("/bijeenkomsten/").content.decode()
    assert "Komend 19" in first and "Komend 20" not in first and "Eerdere" not in first
    second = client.get("/bijeenkomsten/", {"pagina": 2}).content.decode()
    assert second.index("Komend 20") < second.index("Eerdere") < second.index("Geweest 0")
    assert second.index("Geweest 0") < second.index("Geweest 1")
    assert "Pagina 2 van 2" in second
