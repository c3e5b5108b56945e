"""Messages between colleagues (exchange/contact): in the app and by e-mail, always at once.

Listens (through receivers.py) to `exchange.contact.events`. A message reaches every other
participant still in the conversation who is a verified member; the e-mail links to the
thread on SITE_URL and never carries anyone's address. Reading the thread reads its
notifications; leaving the conversation takes them away. A fixed number of queries per
message, whatever the number of recipients.
"""

from django.db import transaction
from django.utils import timezone

from exchange.contact.models import Message
from exchange.contact.selectors import active_recipient_ids

from .models import Kind, Notification
from .recipients import verified_members


@transaction.atomic
def notifications_for_contact_message(*, message_id: int) -> list[Notification]:
    message = (
        Message.objects.filter(pk=message_id)
        .select_related("conversation")
        .prefetch_related("conversation__participants")
        .first()
    )
    if message is None:
        return []
    recipient_ids = active_recipient_ids(
        conversation=message.conversation, author_id=message.author_id
    )
    members = verified_members(recipient_ids)
    already = set(
        Notification.objects.filter(contact_message=message).values_list("recipient_id", flat=True)
    )
    notifications = Notification.objects.bulk_create(
        Notification(recipient_id=uid, kind=Kind.CONTACT_MESSAGE, contact_message=message)
        for uid in sorted(set(members) - already)
    )
    ids = [n.pk for n in notifications]
    if ids:
        # A direct message: no rhythm, no overview (see models.py).
        transaction.on_commit(lambda: _enqueue(ids))
    return notifications


def notifications_for_conversation_left(*, conversation_id: int, user_id: int) -> int:
    deleted, _details = Notification.objects.filter(
        recipient_id=user_id, contact_message__conversation_id=conversation_id
    ).delete()
    return deleted


def notifications_for_conversation_read(*, conversation_id: int, user_id: int) -> int:
    """Reading the thread reads its notifications: the header's count goes down."""
    return Notification.objects.filter(
        recipient_id=user_id,
        contact_message__conversation_id=conversation_id,
        read_at__isnull=True,
    ).update(read_at=timezone.now())


def _enqueue(notification_ids: list[int]) -> None:
    from .tasks import send_notification_email

    for notification_id in notification_ids:
        send_notification_email.enqueue(notification_id)
