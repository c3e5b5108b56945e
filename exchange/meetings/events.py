"""After-commit events of meetings; the notifications app listens (it sits above meetings).

Each function receives primary keys only (the rows may have changed since).
"""

from django.dispatch import Signal

meeting_place_offered_signal = Signal()  # registration_id: moved up from the waiting list
meeting_cancelled_signal = Signal()  # meeting_id: the whole meeting was cancelled


def meeting_place_offered(*, registration_id: int) -> None:
    meeting_place_offered_signal.send(sender=None, registration_id=registration_id)


def meeting_cancelled(*, meeting_id: int) -> None:
    meeting_cancelled_signal.send(sender=None, meeting_id=meeting_id)
