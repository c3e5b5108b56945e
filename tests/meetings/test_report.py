"""After the meeting: the report, what came up, and material that is downloaded through the
site's one checked download rule, each file as visible as its meeting or stricter."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from exchange.meetings.models import MeetingMaterial, MeetingPage
from exchange.questions.services import question_create
from tests.factories import MemberFactory

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def begun(meeting):
    MeetingPage.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting


def upload(client, meeting, *, name="verslag.txt", content=b"Wat we bespraken.", **fields):
    data = {
        "report": "We spraken over **sleutelfiguren**.",
        "file": SimpleUploadedFile(name, content),
        "file_title": "Presentatie",
        "file_visibility": "",
        **fields,
    }
    return client.post(reverse("meeting_report", args=[meeting.pk]), data)


def test_the_report_waits_for_the_start(organiser, log_in):
    meeting = make_meeting(organiser)
    client = log_in(Client(), organiser)
    response = client.get(reverse("meeting_report", args=[meeting.pk]))
    assert response.status_code == 302 and response["Location"] == meeting.url


def test_the_organiser_adds_a_report_material_and_what_came_up(organiser, member, log_in):
    meeting = begun(make_meeting(organiser))
    question = question_create(author=member, title="Hoe bereik je ouders?", body="")
    client = log_in(Client(), organiser)
    response = upload(client, meeting, questions=[question.pk])
    assert response.status_code == 302
    page = log_in(Client(), member).get(meeting.url).content.decode()
    assert "<strong>sleutelfiguren</strong>" in page
    assert "Presentatie" in page and "Hoe bereik je ouders?" in page


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_saved(organiser, log_in):
    meeting = begun(make_meeting(organiser))
    client = log_in(Client(), organiser)
    response = upload(client, meeting, name="notulen.pdf", content=b"MZ\x90\x00 een programma")
    assert response.status_code == 200
    assert "de inhoud past niet bij de extensie" in response.content.decode()
    assert 'href="#id_file"' in response.content.decode()
    assert not MeetingMaterial.objects.exists()
    assert not get_document_model().objects.exists()
    meeting.refresh_from_db()
    assert meeting.report == ""


def test_material_cannot_be_more_open_than_its_meeting(organiser, log_in):
    meeting = begun(make_meeting(organiser, visibility="members"))
    client = log_in(Client(), organiser)
    response = upload(client, meeting, file_visibility="public")
    assert "niet zichtbaarder zijn dan de bijeenkomst" in response.content.decode()
    assert not MeetingMaterial.objects.exists()


def test_downloads_follow_the_material_s_visibility(
    organiser, member, other_member, partner_member, moderator, log_in
):
    meeting = begun(make_meeting(organiser, visibility="members"))
    client = log_in(Client(), organiser)
    upload(client, meeting, file_title="Voor iedereen die de bijeenkomst ziet")
    upload(client, meeting, name="intern.txt", file_title="Intern", file_visibility="restricted")
    shared, internal = (m.document for m in MeetingMaterial.objects.order_by("pk"))
    expected = {
        "anonymous": (302, 404),  # members-only: log in; restricted: not even that
        "organising colleague": (200, 200),
        "other municipality": (200, 404),
        "partner organisation": (200, 404),
        "moderator": (200, 200),
    }
    users = {
        "anonymous": None,
        "organising colleague": MemberFactory(profile__municipality=organiser.profile.municipality),
        "other municipality": other_member,
        "partner organisation": partner_member,
        "moderator": moderator,
    }
    for who, (want_shared, want_internal) in expected.items():
        visitor = Client()
        if users[who] is not None:
            log_in(visitor, users[who])
        assert visitor.get(shared.url).status_code == want_shared, who
        assert visitor.get(internal.url).status_code == want_internal, who
        page = visitor.get(meeting.url).content.decode()
        assert ("Intern" in page) == (want_internal == 200), who
