"""Writes of contact through the site: start a conversation, reply, read, leave.

Other apps offer "contact" buttons through `contact_start`; the municipality page is the first.
Every rule is here: verified senders, recipients open to contact, a rate limit, and one
transaction per write, so a refusal writes nothing. Notifications (in the app and by e-mail)
follow after commit through `events.py`.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import events
from .models import MAX_SUBJECT, Conversation, Message, Participant
from .permissions import check_contact_permission, check_recipients, check_reply_permission
from .selectors import contactable_members, participant_of

# (count, seconds) per member; the CONTACT_RATE_LIMITS setting overrides.
RATE_LIMITS = {"conversation": (5, 3600), "message": (30, 3600)}


def _rate_key(user, action: str) -> str:
    return f"contact-rate:{action}:{user.pk}"


def _check_rate_limit(user, action: str) -> None:
    limit, _period = getattr(settings, "CONTACT_RATE_LIMITS", RATE_LIMITS)[action]
    if (cache.get(_rate_key(user, action)) or 0) >= limit:
        raise PermissionDenied(
            _(
                "U heeft het maximum aantal berichten voor dit uur bereikt. Probeer het later "
                "opnieuw."
            )
        )


def _count_for_rate_limit(user, action: str) -> None:
    # Counted only once the write has committed: a refused message costs nothing.
    _limit, period = getattr(settings, "CONTACT_RATE_LIMITS", RATE_LIMITS)[action]
    key = _rate_key(user, action)
    if cache.add(key, 1, timeout=period):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=period)


def _municipality_id(user):
    profile = getattr(user, "profile", None)
    return profile.municipality_id if profile is not None else None


@transaction.atomic
def contact_start(*, sender, recipients, subject: str, body: str, about=None) -> Conversation:
    """`sender` writes to `recipients` (members open to contact) about `subject`.

    `about`: optionally the object the contact is about (say, a partner register entry); its
    label is kept with the conversation for the participants. The recipients never see the
    sender's address nor the sender theirs: replies go through the site as well.
    """
    check_contact_permission(sender)
    _check_rate_limit(sender, "conversation")
    recipients = list(recipients)
    contactable = set(
        contactable_members(sender=sender)
        .filter(pk__in=[user.pk for user in recipients])
        .values_list("pk", flat=True)
    )
    check_recipients(sender, recipients, contactable)
    now = timezone.now()
    conversation = Conversation(
        subject=" ".join(subject.split())[:MAX_SUBJECT], started_by=sender, last_message_at=now
    )
    if about is not None:
        conversation.about_type = ContentType.objects.get_for_model(about)
        conversation.about_id = about.pk
        conversation.about_label = str(about)[:MAX_SUBJECT]
    conversation.full_clean()
    conversation.save()
    Participant.objects.bulk_create(
        [
            Participant(
                conversation=conversation,
                user=sender,
                municipality_id=_municipality_id(sender),
                started=True,
                last_read_at=now,
            )
        ]
        + [
            Participant(
                conversation=conversation, user=user, municipality_id=_municipality_id(user)
            )
            for user in {user.pk: user for user in recipients}.values()
        ]
    )
    _message_add(conversation=conversation, author=sender, body=body, now=now)
    transaction.on_commit(lambda: _count_for_rate_limit(sender, "conversation"))
    return conversation


@transaction.atomic
def contact_reply(*, author, conversation: Conversation, body: str) -> Message:
    """A participant answers in the conversation; the others still in it hear of it."""
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    participant = Participant.objects.filter(conversation=conversation, user=author).first()
    check_reply_permission(author, participant)
    _check_rate_limit(author, "message")
    others = Participant.objects.filter(conversation=conversation, left_at__isnull=True)
    if not others.exclude(user=author).exists():
        raise PermissionDenied(
            _("Alle anderen hebben dit gesprek verlaten: er is niemand meer om te antwoorden.")
        )
    now = timezone.now()
    message = _message_add(conversation=conversation, author=author, body=body, now=now)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    Participant.objects.filter(pk=participant.pk).update(last_read_at=now)
    transaction.on_commit(lambda: _count_for_rate_limit(author, "message"))
    return message


def _message_add(*, conversation, author, body: str, now) -> Message:
    message = Message(conversation=conversation, author=author, body=body.strip())
    message.full_clean()
    message.save()
    transaction.on_commit(lambda: events.message_sent(message_id=message.pk))
    return message


def conversation_mark_read(*, user, conversation: Conversation) -> None:
    """The member has seen every message so far (the inbox's "nieuw", their notifications)."""
    participant = participant_of(conversation, user)
    if participant is not None:
        participant.last_read_at = timezone.now()
        Participant.objects.filter(pk=participant.pk).update(last_read_at=participant.last_read_at)
        transaction.on_commit(
            lambda: events.conversation_read(conversation_id=conversation.pk, user_id=user.pk)
        )


@transaction.atomic
def conversation_leave(*, user, conversation: Conversation) -> None:
    """The member leaves: no more messages reach them and the conversation is gone for them.

    The others keep it and see that the member left.
    """
    left = Participant.objects.filter(
        conversation=conversation, user=user, left_at__isnull=True
    ).update(left_at=timezone.now())
    if not left:
        raise PermissionDenied(_("U neemt niet (meer) deel aan dit gesprek."))
    transaction.on_commit(
        lambda: events.conversation_left(conversation_id=conversation.pk, user_id=user.pk)
    )
