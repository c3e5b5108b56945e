"""The rules of contact through the site, at the service: who may write, to whom, how often."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from exchange.contact.models import Conversation, Message, Participant
from exchange.contact.selectors import contactable_members
from exchange.contact.services import contact_reply, contact_start, conversation_leave
from tests.factories import MemberFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def nothing_written():
    return not (
        Conversation.objects.exists() or Participant.objects.exists() or Message.objects.exists()
    )


def test_a_member_writes_to_a_colleague_open_to_contact(conversation, sender, open_member):
    assert conversation.subject == "Sleutelfiguren in de wijk"
    people = {p.user_id: p for p in conversation.participants.all()}
    assert set(people) == {sender.pk, open_member.pk}
    assert people[sender.pk].started and not people[open_member.pk].started
    assert people[open_member.pk].municipality.name == "Zwolle"
    [message] = conversation.messages.all()
    assert message.author == sender


def test_members_are_not_open_to_contact_until_they_say_so(sender, closed_member, zwolle):
    assert closed_member.profile.open_to_contact is False
    assert list(contactable_members(sender=sender, municipality=zwolle)) == []
    with pytest.raises(ValidationError) as refused:
        contact_start(sender=sender, recipients=[closed_member], subject="Vraag", body="Hallo")
    assert "staan niet (meer) open voor contact" in str(refused.value)
    assert nothing_written()


def test_a_pending_member_can_neither_send_nor_receive(open_member, zwolle, sender):
    pending = MemberFactory(profile__status="pending", profile__municipality=None)
    with pytest.raises(PermissionDenied) as refused:
        contact_start(sender=pending, recipients=[open_member], subject="Vraag", body="Hallo")
    assert "Alleen geverifieerde leden" in str(refused.value)
    waiting = MemberFactory(
        profile__status="pending", profile__municipality=zwolle, profile__open_to_contact=True
    )
    assert waiting not in contactable_members(sender=sender, municipality=zwolle)
    with pytest.raises(ValidationError):
        contact_start(sender=sender, recipients=[waiting], subject="Vraag", body="Hallo")
    assert nothing_written()


def test_a_suspended_member_is_not_contactable(sender, open_member):
    open_member.profile.status = "suspended"
    open_member.profile.save()
    with pytest.raises(ValidationError):
        contact_start(sender=sender, recipients=[open_member], subject="Vraag", body="Hallo")
    assert nothing_written()


def test_nobody_writes_to_themselves(sender):
    sender.profile.open_to_contact = True
    sender.profile.save()
    with pytest.raises(ValidationError) as refused:
        contact_start(sender=sender, recipients=[sender], subject="Vraag", body="Hallo")
    assert "aan uzelf" in str(refused.value)
    assert nothing_written()


def test_an_empty_message_is_refused_and_nothing_is_written(sender, open_member):
    with pytest.raises(ValidationError) as refused:
        contact_start(sender=sender, recipients=[open_member], subject="Vraag", body="   ")
    assert "body" in refused.value.message_dict
    assert nothing_written()


def test_sending_is_rate_limited(sender, open_member, settings, committed):
    settings.CONTACT_RATE_LIMITS = {"conversation": (2, 3600), "message": (1, 3600)}
    for index in range(2):
        with committed():
            contact_start(
                sender=sender, recipients=[open_member], subject=f"Vraag {index}", body="Hallo"
            )
    with pytest.raises(PermissionDenied) as refused:
        contact_start(sender=sender, recipients=[open_member], subject="Nog een", body="Hallo")
    assert "maximum aantal berichten" in str(refused.value)
    assert Conversation.objects.count() == 2
    conversation = Conversation.objects.first()
    with committed():
        contact_reply(author=open_member, conversation=conversation, body="Graag!")
    with pytest.raises(PermissionDenied):
        contact_reply(author=open_member, conversation=conversation, body="En nog iets")
    assert Message.objects.filter(author=open_member).count() == 1


def test_a_refused_message_does_not_count_against_the_limit(sender, open_member, settings):
    settings.CONTACT_RATE_LIMITS = {"conversation": (1, 3600), "message": (1, 3600)}
    with pytest.raises(ValidationError):
        contact_start(sender=sender, recipients=[open_member], subject="", body="Hallo")
    contact_start(sender=sender, recipients=[open_member], subject="Vraag", body="Hallo")


def test_a_member_who_leaves_can_no_longer_reply_and_the_other_is_told_nobody_is_left(
    conversation, sender, open_member
):
    conversation_leave(user=open_member, conversation=conversation)
    with pytest.raises(PermissionDenied):
        contact_reply(author=open_member, conversation=conversation, body="Toch nog iets")
    with pytest.raises(PermissionDenied) as refused:
        contact_reply(author=sender, conversation=conversation, body="Hallo?")
    assert "niemand meer" in str(refused.value)
    with pytest.raises(PermissionDenied):
        conversation_leave(user=open_member, conversation=conversation)


def test_stopping_being_open_to_contact_keeps_running_conversations(
    conversation, sender, open_member
):
    open_member.profile.open_to_contact = False
    open_member.profile.save()
    contact_reply(author=open_member, conversation=conversation, body="Ik antwoord nog wel.")
    with pytest.raises(ValidationError):
        contact_start(sender=sender, recipients=[open_member], subject="Nieuw", body="Hallo")


def test_other_apps_say_what_the_contact_is_about(sender, open_member):
    about = MunicipalityFactory(code="GM0363", name="Amsterdam")
    conversation = contact_start(
        sender=sender, recipients=[open_member], subject="Vraag", body="Hallo", about=about
    )
    assert conversation.about_label == "Amsterdam"
    assert conversation.about_id == about.pk
