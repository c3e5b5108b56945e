"""After-commit events of contact through the site; the notifications app listens.

Each function receives primary keys only (the rows may have changed since).
"""

from django.dispatch import Signal

message_sent_signal = Signal()  # message_id: a new conversation's first message or a reply
conversation_left_signal = Signal()  # conversation_id, user_id
conversation_read_signal = Signal()  # conversation_id, user_id


def message_sent(*, message_id: int) -> None:
    message_sent_signal.send(sender=None, message_id=message_id)


def conversation_left(*, conversation_id: int, user_id: int) -> None:
    conversation_left_signal.send(sender=None, conversation_id=conversation_id, user_id=user_id)


def conversation_read(*, conversation_id: int, user_id: int) -> None:
    conversation_read_signal.send(sender=None, conversation_id=conversation_id, user_id=user_id)
