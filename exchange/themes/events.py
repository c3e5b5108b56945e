"""What the theme vocabulary announces after a write has committed (see questions/events.py).

The search index subscribes; the theme services stay unaware of it.
"""

from django.dispatch import Signal

content_retagged_signal = Signal()  # practice_ids, question_ids: their themes changed
synonyms_changed_signal = Signal()  # the themes' names or synonyms changed


def content_retagged(*, practice_ids, question_ids) -> None:
    content_retagged_signal.send(
        sender=None, practice_ids=sorted(practice_ids), question_ids=sorted(question_ids)
    )


def synonyms_changed() -> None:
    synonyms_changed_signal.send(sender=None)
