from django.db.models import Q

from exchange.questions.models import Question
from exchange.visibility import visible_q

from .models import Notification


def visible_notifications(*, user):
    """The member's notifications about questions they may (still) read, newest first."""
    return (
        Notification.objects.filter(recipient=user, question__hidden=False)
        .filter(visible_q(user, model=Question, prefix="question__", owner_field="author"))
        .filter(Q(answer__isnull=True) | Q(answer__hidden=False))
        .select_related("question__municipality", "answer")
    )


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
