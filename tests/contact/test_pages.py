"""Writing to another municipality and replying on the site, without seeing any address."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from exchange.contact.models import Conversation, Message, Participant
from exchange.notifications.models import Kind, Notification
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

WRITE = "/contact/gemeente/zwolle/"


def post_message(client, **overrides):
    data = {"subject": "Sleutelfiguren", "body": "Hoe doen jullie dat?", **overrides}
    return client.post(WRITE, data)


def test_the_write_page_names_colleagues_open_to_contact_but_never_their_address(
    client_as, sender, open_member, closed_member
):
    page = client_as(sender).get(WRITE).content.decode()
    assert "Bram Jansen (coördinator sociale stabiliteit)" in page
    assert "bram@zwolle.nl" not in page
    assert "Carla" not in page  # not open to contact
    assert "niet bedoeld voor persoonsgegevens" in page  # components/not_for_cases.html


def test_a_message_arrives_in_the_app_and_by_email_with_a_link_to_the_thread(
    client_as, sender, open_member, committed
):
    client = client_as(sender)
    mail.outbox.clear()
    with committed():
        response = post_message(client, recipients=[open_member.pk])
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contact_thread", args=[conversation.pk])
    [notification] = Notification.objects.filter(recipient=open_member)
    assert notification.kind == Kind.CONTACT_MESSAGE
    assert not Notification.objects.filter(recipient=sender).exists()
    [email] = mail.outbox
    assert email.to == ["bram@zwolle.nl"]
    assert "Sleutelfiguren" in email.subject
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + conversation.get_absolute_url()
    assert link in email.body and link in email.alternatives[0][0]
    assert "Hoe doen jullie dat?" in email.body
    assert "anna@utrecht.nl" not in email.body + email.alternatives[0][0]
    assert "Anna de Vries (gemeente Utrecht)" in email.body
    assert "List-Unsubscribe" not in email.extra_headers
    listing = client_as(open_member).get(reverse("notification_list")).content.decode()
    assert "Bericht van een collega" in listing and "Sleutelfiguren" in listing


def test_a_reply_goes_back_the_same_way(client_as, conversation, sender, open_member, committed):
    mail.outbox.clear()
    client = client_as(open_member)
    thread = reverse("contact_thread", args=[conversation.pk])
    page = client.get(thread).content.decode()
    assert "Hoe houden jullie contact met sleutelfiguren" in page
    assert "anna@utrecht.nl" not in page
    with committed():
        response = client.post(thread, {"body": "Wij bellen ze binnen een dag."})
    assert response.status_code == 302
    [email] = mail.outbox
    assert email.to == ["anna@utrecht.nl"]
    assert "bram@zwolle.nl" not in email.body + email.alternatives[0][0]
    assert Notification.objects.filter(recipient=sender, kind=Kind.CONTACT_MESSAGE).count() == 1
    page = client_as(sender).get(thread).content.decode()
    assert "Wij bellen ze binnen een dag." in page
    assert "bram@zwolle.nl" not in page


def test_bad_input_is_refused_in_dutch_and_nothing_is_written(client_as, sender, open_member):
    client = client_as(sender)
    page = client.post(WRITE, {"subject": "", "body": ""}).content.decode()
    assert "Kies ten minste één collega" in page
    assert "Geef uw bericht een onderwerp." in page
    assert "Schrijf uw bericht." in page
    page = post_message(client, recipients=["abc"]).content.decode()
    assert "Kies alleen collega&#x27;s uit de lijst." in page
    closed = MemberFactory(profile__municipality=open_member.profile.municipality)
    page = post_message(client, recipients=[closed.pk]).content.decode()
    assert "Kies alleen collega&#x27;s uit de lijst." in page
    page = post_message(client, recipients=[open_member.pk], subject="x" * 201).content.decode()
    assert "200 tekens" in page
    assert not Conversation.objects.exists() and not Message.objects.exists()


def test_likely_personal_data_is_asked_about_first(client_as, sender, open_member):
    client = client_as(sender)
    body = "Bel mevrouw Jansen op 06-12345678."
    page = post_message(client, recipients=[open_member.pk], body=body).content.decode()
    assert "lijkt persoonsgegevens te bevatten" in page
    assert not Conversation.objects.exists()


def test_pending_members_cannot_write(client_as, open_member):
    pending = MemberFactory(profile__status="pending", profile__municipality=None)
    client = client_as(pending)
    assert client.get(WRITE).status_code == 403
    assert post_message(client, recipients=[open_member.pk]).status_code == 403
    assert client.get(reverse("contact_inbox")).status_code == 403
    assert not Conversation.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, open_member):
    response = client.get(WRITE)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_the_municipality_page_offers_contact_only_to_members_of_other_municipalities(
    client_as, client, sender, open_member, zwolle
):
    button = "Schrijf aan collega's van deze gemeente"
    detail = reverse("municipality_detail", args=[zwolle.slug])
    assert button not in client.get(detail).content.decode()
    assert button in client_as(sender).get(detail).content.decode()
    assert button not in client_as(open_member).get(detail).content.decode()  # own municipality
    open_member.profile.open_to_contact = False
    open_member.profile.save()
    assert button not in client_as(sender).get(detail).content.decode()


def test_a_member_switches_open_to_contact_on_in_their_profile(client_as, closed_member, zwolle):
    client = client_as(closed_member)
    page = client.get(reverse("profile_edit")).content.decode()
    assert "open voor contact" in page.lower()
    response = client.post(
        reverse("profile_edit"),
        {"first_name": "Carla", "last_name": "Smit", "open_to_contact": "on"},
    )
    assert response.status_code == 302
    closed_member.profile.refresh_from_db()
    assert closed_member.profile.open_to_contact is True


def test_leaving_a_conversation_removes_it_and_its_notifications(
    client_as, conversation, open_member, committed
):
    client = client_as(open_member)
    assert Notification.objects.filter(recipient=open_member).count() == 1
    with committed():
        response = client.post(reverse("contact_leave", args=[conversation.pk]))
    assert response.status_code == 302
    assert Participant.objects.get(user=open_member).left_at is not None
    assert not Notification.objects.filter(recipient=open_member).exists()
    assert client.get(conversation.get_absolute_url()).status_code == 404
    assert "Sleutelfiguren" not in client.get(reverse("contact_inbox")).content.decode()


def test_the_inbox_marks_new_messages_until_read(client_as, conversation, open_member):
    client = client_as(open_member)
    assert "<strong>Nieuw</strong>" in client.get(reverse("contact_inbox")).content.decode()
    client.get(conversation.get_absolute_url())
    assert "<strong>Nieuw</strong>" not in client.get(reverse("contact_inbox")).content.decode()


def test_an_unverified_recipient_gets_no_email(conversation, sender, open_member, committed):
    from exchange.contact.services import contact_reply

    open_member.profile.status = "suspended"
    open_member.profile.save()
    mail.outbox.clear()
    with committed():
        contact_reply(author=sender, conversation=conversation, body="Nog een vraag.")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=open_member).count() == 1  # the first only


def test_reading_the_thread_reads_its_notifications(
    client_as, conversation, open_member, committed
):
    client = client_as(open_member)
    assert Notification.objects.get(recipient=open_member).read_at is None
    with committed():
        client.get(conversation.get_absolute_url())
    assert Notification.objects.get(recipient=open_member).read_at is not None


def test_the_rate_limit_is_explained_in_dutch_on_the_page(
    client_as, sender, open_member, settings, committed
):
    settings.CONTACT_RATE_LIMITS = {"conversation": (1, 3600), "message": (30, 3600)}
    client = client_as(sender)
    with committed():
        post_message(client, recipients=[open_member.pk])
    page = post_message(client, recipients=[open_member.pk], subject="Nog een").content.decode()
    assert "maximum aantal berichten voor dit uur" in page
    assert Conversation.objects.count() == 1
