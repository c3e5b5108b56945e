"""Conversations are personal data of their participants: export, erasure and retention."""

import datetime

import pytest
from django.utils import timezone

from exchange.accounts.services import member_anonymise
from exchange.contact.models import Conversation, Message, Participant
from exchange.contact.services import contact_reply
from exchange.core import personal_data
from exchange.notifications.models import Notification

pytestmark = pytest.mark.django_db


def contact_section(user):
    export = personal_data.export(user=user)
    return next(s for s in export.sections if s.key == "contact"), export.as_json()


def test_both_participants_find_the_conversation_in_their_data_export(
    conversation, sender, open_member
):
    contact_reply(author=open_member, conversation=conversation, body="Wij bellen ze.")
    for user in (sender, open_member):
        section, data = contact_section(user)
        [item] = data["contact_conversations"]
        assert item["subject"] == "Sleutelfiguren in de wijk"
        assert [m["body"] for m in item["messages"]] == [
            "Hoe houden jullie contact met sleutelfiguren na een incident?",
            "Wij bellen ze.",
        ]
        assert "u" in item["participants"]
        assert "Wij bellen ze." in section.rows[0].body
        assert "@" not in str(item)


def test_deleting_an_account_deletes_the_members_messages_and_participation(
    conversation, sender, open_member, committed
):
    contact_reply(author=open_member, conversation=conversation, body="Wij bellen ze.")
    with committed():
        member_anonymise(user=sender, actor=sender, reason="own_request")
    assert not Message.objects.filter(author=sender).exists()
    assert not Participant.objects.filter(user=sender).exists()
    conversation.refresh_from_db()
    assert conversation.started_by is None
    assert list(conversation.messages.values_list("body", flat=True)) == ["Wij bellen ze."]
    sender.profile.refresh_from_db()
    assert sender.profile.open_to_contact is False


def test_a_conversation_nobody_is_left_in_goes_entirely(conversation, sender, open_member):
    member_anonymise(user=sender, actor=sender, reason="own_request")
    member_anonymise(user=open_member, actor=open_member, reason="own_request")
    assert not Conversation.objects.exists()
    assert not Notification.objects.filter(contact_message__isnull=False).exists()


def test_retention_deletes_conversations_long_after_their_last_message(conversation, settings):
    [step] = [s for s in personal_data.retention_steps() if s.key == "contact"]
    assert step.period_setting == "RETENTION_CONTACT_DAYS"
    now = timezone.now()
    assert sum(rows.count() for rows in step.due_at(now)) == 0
    later = now + datetime.timedelta(days=settings.RETENTION_CONTACT_DAYS + 1)
    due = step.due_at(later)
    assert sum(rows.count() for rows in due) == 1
    assert sum(step.apply(rows) for rows in due) == 1
    assert not Conversation.objects.exists() and not Message.objects.exists()
