"""Seven visitors on every address of the meetings app (taken from the site's resolver, so a
new one cannot be forgotten) and on the meeting's own page: who sees, who is sent to log in,
who is told they wait for verification, and who gets a 404 or a refusal."""

import datetime

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from exchange.meetings import urls as meeting_urls
from exchange.meetings.models import MeetingPage, Registration
from exchange.meetings.services import calendar_token_reset, registration_register

from .factories import make_meeting

pytestmark = pytest.mark.django_db

VISITORS = (
    "anonymous",
    "pending member",
    "member of the organising municipality",
    "member of another municipality",
    "member for a partner organisation",
    "theme moderator",
    "moderator",
)
# What each visitor gets, in the order of VISITORS: ok (200), login (sent to log in), wait
# (403: the page that says verification is pending), no (403: not theirs to change),
# 404 (not even told it exists), back (302 back to the meeting page, the action done).
MEMBERS_ONLY = {
    "page": ("login", "404", "ok", "ok", "ok", "ok", "ok"),
    "meeting_ics": ("login", "404", "ok", "ok", "ok", "ok", "ok"),
    "meeting_edit": ("login", "wait", "ok", "no", "no", "ok", "ok"),
    "meeting_cancel": ("login", "wait", "ok", "no", "no", "ok", "ok"),
    "meeting_report": ("login", "wait", "ok", "no", "no", "ok", "ok"),
    "meeting_register": ("login", "404", "back", "back", "back", "back", "back"),
    "meeting_unregister": ("login", "404", "back", "back", "back", "back", "back"),
    "meeting_new": ("login", "wait", "ok", "ok", "no", "ok", "ok"),
    "meeting_mine": ("login", "wait", "ok", "ok", "ok", "ok", "ok"),
    "meeting_mine_ics": ("404", "404", "404", "404", "404", "404", "404"),  # no key: nobody
}
RESTRICTED = {
    **MEMBERS_ONLY,
    "page": ("404", "404", "ok", "404", "404", "ok", "ok"),
    "meeting_ics": ("404", "404", "ok", "404", "404", "ok", "ok"),
    "meeting_edit": ("login", "wait", "ok", "404", "404", "ok", "ok"),
    "meeting_cancel": ("login", "wait", "ok", "404", "404", "ok", "ok"),
    "meeting_report": ("login", "wait", "ok", "404", "404", "ok", "ok"),
    "meeting_register": ("404", "404", "back", "404", "404", "back", "back"),
    "meeting_unregister": ("404", "404", "back", "404", "404", "back", "back"),
}
POSTED = {"meeting_register", "meeting_unregister"}


def meeting_patterns() -> list[str]:
    names = {p.name for p in meeting_urls.urlpatterns if isinstance(p, URLPattern)}
    resolver = get_resolver()
    assert {name for name in names if name in resolver.reverse_dict} == names
    return sorted(names)


def test_the_tables_cover_every_address_of_the_app():
    assert set(meeting_patterns()) | {"page"} == set(MEMBERS_ONLY) == set(RESTRICTED)


def address(name, meeting) -> str:
    if name == "page":
        return meeting.url
    pattern = next(p for p in meeting_urls.urlpatterns if p.name == name)
    if "pk" in pattern.pattern.converters:
        return reverse(name, args=[meeting.pk])
    return reverse(name)


def outcome(response, meeting) -> str:
    if response.status_code == 302:
        target = response["Location"]
        if target.startswith("/account/login/"):
            return "login"
        if target == meeting.url:
            return "back"
        return f"302 {target}"
    if response.status_code == 403:
        return "wait" if b"aanmelding wordt beoordeeld" in response.content else "no"
    if response.status_code == 200:
        return "ok"
    return str(response.status_code)


def started(meeting):
    """The report page opens once the meeting has begun."""
    MeetingPage.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=1)
    )


@pytest.mark.parametrize(
    "visibility,table", [("members", MEMBERS_ONLY), ("restricted", RESTRICTED)]
)
def test_every_visitor_on_every_address(visibility, table, visitors, organiser, theme, log_in):
    upcoming = make_meeting(organiser, visibility=visibility, themes=[theme], capacity=10)
    begun = make_meeting(
        organiser, visibility=visibility, themes=[theme], title="Al begonnen", capacity=10
    )
    started(begun)
    wrong = []
    for name, expected in table.items():
        meeting = begun if name == "meeting_report" else upcoming
        for who, want in zip(VISITORS, expected, strict=True):
            client = Client()
            user = visitors[who]
            if user is not None:
                log_in(client, user)
            url = address(name, meeting)
            response = client.post(url) if name in POSTED else client.get(url)
            got = outcome(response, meeting)
            if got != want:
                wrong.append((name, who, want, got))
            Registration.objects.all().delete()
    assert wrong == []


def test_the_meeting_page_and_file_never_leak_a_restricted_meeting(visitors, organiser, log_in):
    meeting = make_meeting(organiser, visibility="restricted", title="Geheim overleg")
    for who in ("member of another municipality", "member for a partner organisation"):
        client = log_in(Client(), visitors[who])
        listing = client.get("/bijeenkomsten/").content.decode()
        assert "Geheim overleg" not in listing, who
        assert "Geheim overleg" not in client.get(reverse("meeting_mine")).content.decode()
        assert client.get(reverse("meeting_ics", args=[meeting.pk])).status_code == 404


def test_the_personal_feed_opens_with_its_key_alone_and_never_with_a_session(member, organiser):
    meeting = make_meeting(organiser, title="Intervisie jeugd")
    registration_register(user=member, meeting=meeting)
    token = calendar_token_reset(user=member)
    feed = reverse("meeting_mine_ics")
    anonymous = Client()
    response = anonymous.get(feed, {"token": token})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"Intervisie jeugd" in response.content
    assert anonymous.get(feed, {"token": token[:-2] + "xx"}).status_code == 404
    new_token = calendar_token_reset(user=member)
    assert anonymous.get(feed, {"token": token}).status_code == 404
    assert anonymous.get(feed, {"token": new_token}).status_code == 200


def test_a_suspended_member_s_feed_stops(member, organiser):
    meeting = make_meeting(organiser)
    registration_register(user=member, meeting=meeting)
    token = calendar_token_reset(user=member)
    member.profile.status = "suspended"
    member.profile.save()
    assert Client().get(reverse("meeting_mine_ics"), {"token": token}).status_code == 404


def test_the_online_link_and_names_only_for_participants_and_organisers(
    visitors, organiser, member, other_member, log_in
):
    meeting = make_meeting(
        organiser, online_url="https://vergader.example.nl/kamer-42", place="", capacity=5
    )
    registration_register(user=organiser, meeting=meeting)
    link = "vergader.example.nl/kamer-42"
    outsider = log_in(Client(), other_member)
    page = outsider.get(meeting.url).content.decode()
    assert link not in page and "Olga" not in page
    assert "1 aangemeld" in page
    assert link not in outsider.get(reverse("meeting_ics", args=[meeting.pk])).content.decode()
    registration_register(user=other_member, meeting=meeting)
    page = outsider.get(meeting.url).content.decode()
    assert link in page and "Olga" in page
    assert organiser.email not in page
    ics = outsider.get(reverse("meeting_ics", args=[meeting.pk])).content.decode()
    assert link in ics.replace("\r\n ", "")
    colleague = log_in(Client(), member)  # the organiser's municipality
    assert link in colleague.get(meeting.url).content.decode()
