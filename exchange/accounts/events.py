"""What the accounts app announces after a write has committed (see questions/events.py).

The search index and the notifications app subscribe, so accounts stays unaware of them.
Receivers get primary keys only.

There is no event for a suspension: it changes only the account's own rows (status, sessions,
tokens), notifications and expert routing already skip inactive members when they send, and
no index document depends on a member's standing; an event nobody needs is not sent.
"""

from django.dispatch import Signal

member_anonymised_signal = Signal()  # user_id: their posts now read "voormalig lid"
member_approved_signal = Signal()  # user_id: a moderator approved the sign-up
member_rejected_signal = Signal()  # user_id: a moderator turned it down (reason on the profile)


def member_anonymised(*, user_id: int) -> None:
    member_anonymised_signal.send(sender=None, user_id=user_id)


def member_approved(*, user_id: int) -> None:
    member_approved_signal.send(sender=None, user_id=user_id)


def member_rejected(*, user_id: int) -> None:
    member_rejected_signal.send(sender=None, user_id=user_id)
