"""One-click unsubscribe without logging in: one e-mail type, a signed token, no surprises."""

import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from exchange.notifications.digests import digests_send
from exchange.notifications.models import NotificationPreference, Rhythm
from exchange.notifications.tokens import unsubscribe_token_make
from exchange.questions.services import follow

pytestmark = pytest.mark.django_db


def unsubscribe_url(user, email_type):
    token = unsubscribe_token_make(user_id=user.pk, email_type=email_type)
    return reverse("notification_unsubscribe", args=[token])


def test_get_shows_a_confirmation_and_changes_nothing(client, member):
    response = client.get(unsubscribe_url(member, "new_answer"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Antwoorden op mijn vragen" in content
    assert '<form method="post">' in content
    assert not NotificationPreference.objects.filter(user=member).exists()


def test_post_switches_off_that_type_only_without_login(member):
    client = Client(enforce_csrf_checks=True)  # as a mail client would, without a session
    response = client.post(unsubscribe_url(member, "new_answer"))
    assert response.status_code == 200
    assert "U bent afgemeld" in response.content.decode()
    preference = NotificationPreference.objects.get(user=member)
    assert preference.new_answer == Rhythm.OFF
    assert preference.answer_accepted == Rhythm.INSTANT
    assert preference.followed_question == Rhythm.DAILY
    assert preference.followed_theme == Rhythm.WEEKLY
    assert preference.followed_municipality == Rhythm.WEEKLY


def test_one_click_post_from_the_email_header(member, other_member, ask, answer):
    answer(other_member, ask(member))
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    path = re.search(r"/meldingen/afmelden/[^/>]+/", header).group(0)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=member).new_answer == Rhythm.OFF


def test_link_in_the_email_body_leads_to_the_confirmation(
    client, member, other_member, ask, answer
):
    answer(other_member, ask(member))
    path = re.search(r"/meldingen/afmelden/[^/\s]+/", mail.outbox[0].body).group(0)
    assert client.get(path).status_code == 200
    client.post(path)
    assert NotificationPreference.objects.get(user=member).new_answer == Rhythm.OFF


def test_digest_unsubscribe_stops_only_that_overview(client, member, other_member, youth, ask):
    follow(user=other_member, theme=youth)
    ask(member, themes=[youth])
    digests_send(rhythm="weekly")
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    path = re.search(r"/meldingen/afmelden/[^/>]+/", header).group(0)
    assert "Nieuwe vragen in thema" in client.get(path).content.decode()
    client.post(path)
    preference = NotificationPreference.objects.get(user=other_member)
    assert preference.followed_theme == Rhythm.OFF
    assert preference.followed_municipality == Rhythm.OFF  # also in the weekly overview
    assert preference.followed_question == Rhythm.DAILY
    assert preference.new_answer == Rhythm.INSTANT


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"),
        lambda token: "niet-een-token",
        lambda token: signing.dumps({"u": 1, "t": "new_answer"}),  # right data, wrong salt
    ],
    ids=["tampered", "garbage", "other-salt"],
)
def test_invalid_token_gives_a_clear_400_and_changes_nothing(client, member, mangle):
    token = unsubscribe_token_make(user_id=member.pk, email_type="new_answer")
    url = reverse("notification_unsubscribe", args=[mangle(token)])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "Deze afmeldlink werkt niet" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=member).exists()
