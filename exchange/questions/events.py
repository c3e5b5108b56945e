"""Hooks that run after a write has committed: notifications and the search index.

The notifications app and the search sync subscribe here, so the services stay unaware of
them. Each function receives primary keys only (the objects may have changed since).
"""

import logging

from django.dispatch import Signal

logger = logging.getLogger(__name__)

question_asked_signal = Signal()  # question_id
answer_posted_signal = Signal()  # answer_id
answer_accepted_signal = Signal()  # answer_id
content_changed_signal = Signal()  # question_id


def question_asked(*, question_id: int) -> None:
    question_asked_signal.send(sender=None, question_id=question_id)
    content_changed_signal.send(sender=None, question_id=question_id)


def answer_posted(*, answer_id: int) -> None:
    from .models import Answer

    answer_posted_signal.send(sender=None, answer_id=answer_id)
    question_id = Answer.objects.filter(pk=answer_id).values_list("question_id", flat=True).first()
    if question_id:
        content_changed_signal.send(sender=None, question_id=question_id)


def answer_accepted(*, answer_id: int) -> None:
    answer_accepted_signal.send(sender=None, answer_id=answer_id)


def content_changed(*, question_id: int) -> None:
    content_changed_signal.send(sender=None, question_id=question_id)
