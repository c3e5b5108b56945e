"""What the practices app announces after a write has committed (see questions/events.py).

The notifications app subscribes, so practices stays unaware of it: a practice was published
(by a moderator's approval or directly), or a moderator asked its authors for changes.
Receivers get primary keys only.
"""

from django.dispatch import Signal

practice_published_signal = Signal()  # page_id, revision_id
practice_changes_requested_signal = Signal()  # page_id, task_state_id


def practice_published(*, page_id: int, revision_id: int | None) -> None:
    practice_published_signal.send(sender=None, page_id=page_id, revision_id=revision_id)


def practice_changes_requested(*, page_id: int, task_state_id: int) -> None:
    practice_changes_requested_signal.send(
        sender=None, page_id=page_id, task_state_id=task_state_id
    )
