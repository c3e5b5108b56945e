"""Reads of contact through the site. Only participants ever read a conversation."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, DateTimeField, Exists, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from exchange.accounts.models import Profile
from exchange.core.roles import is_verified_member

from .models import Conversation, Message, Participant


def contactable_q(prefix: str = "") -> Q:
    """Members who may receive a message: active, verified, open to contact, not anonymised."""
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}profile__status": Profile.Status.VERIFIED,
            f"{prefix}profile__open_to_contact": True,
            f"{prefix}profile__anonymised_at__isnull": True,
        }
    )


def contactable_members(*, sender, municipality=None):
    """The members `sender` may write to (in `municipality`, when given), never the sender.

    Ordered by name, with their profile and municipality (one query). Their e-mail addresses
    are in the rows but never shown: templates use the name and job title only.
    """
    users = get_user_model().objects.filter(contactable_q()).exclude(pk=sender.pk)
    if municipality is not None:
        users = users.filter(profile__municipality=municipality)
    return users.select_related("profile__municipality").order_by("first_name", "last_name", "pk")


def municipality_contactable(*, viewer, municipality) -> bool:
    """Does the municipality page offer `viewer` to write? A verified member of another
    municipality (or a partner organisation), and someone there open to contact."""
    if not is_verified_member(viewer):
        return False
    profile = getattr(viewer, "profile", None)
    if profile is not None and profile.municipality_id == municipality.pk:
        return False
    return contactable_members(sender=viewer, municipality=municipality).exists()


NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _participants_prefetch():
    return Prefetch(
        "participants",
        queryset=Participant.objects.select_related("user", "municipality").order_by(
            "-started", "pk"
        ),
    )


def conversation_list(*, user):
    """The member's conversations (those they have not left), latest activity first.

    Each carries `unread` (a message by someone else after the member last read it) and its
    participants; two queries whatever the number of conversations.
    """
    mine = Participant.objects.filter(conversation=OuterRef("pk"), user=user, left_at__isnull=True)
    read_at = Participant.objects.filter(conversation=OuterRef("pk"), user=user)
    newer = Message.objects.filter(conversation=OuterRef("pk"), created_at__gt=OuterRef("_read"))
    return (
        Conversation.objects.filter(Exists(mine))
        .annotate(
            _read=Coalesce(
                Subquery(read_at.values("last_read_at")[:1]),
                Value(NEVER, output_field=DateTimeField()),
            )
        )
        .annotate(unread=Exists(newer.exclude(author=user)))
        .prefetch_related(_participants_prefetch())
        .order_by(F("last_message_at").desc(nulls_last=True), "-pk")
    )


def conversation_for(*, user, pk: int) -> Conversation | None:
    """The conversation if `user` takes part in it (and has not left), else None."""
    return (
        Conversation.objects.filter(
            pk=pk, participants__user=user, participants__left_at__isnull=True
        )
        .prefetch_related(_participants_prefetch())
        .first()
    )


def participant_of(conversation: Conversation, user) -> Participant | None:
    """The member's participation, from the conversation's prefetched participants."""
    return next((p for p in conversation.participants.all() if p.user_id == user.pk), None)


def conversation_messages(*, conversation: Conversation):
    return conversation.messages.select_related("author").order_by("created_at", "pk")


def active_recipient_ids(*, conversation: Conversation, author_id) -> list[int]:
    """Who hears of a new message: every participant still in, except its author."""
    return [
        p.user_id
        for p in conversation.participants.all()
        if p.left_at is None and p.user_id != author_id
    ]


def is_participant(*, user_id: int, conversation_id: int) -> bool:
    return Participant.objects.filter(
        conversation_id=conversation_id, user_id=user_id, left_at__isnull=True
    ).exists()


def contacts_for_moderators():
    """Metadata of every conversation for moderators: who, which municipalities, when, how many
    messages. Never the subject or the messages (no field of the query holds them)."""
    return (
        Conversation.objects.only("pk", "created_at", "last_message_at")
        .annotate(message_count=Count("messages"))
        .prefetch_related(_participants_prefetch())
        .order_by("-created_at", "-pk")
    )
